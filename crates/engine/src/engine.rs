//! The scan pipeline.
//!
//! 1. Normalise (ASCII fast path: borrowed, identity offsets).
//! 2. One `RegexSet` pass (bytes, ASCII classes) over every pattern rule and
//!    one Aho-Corasick pass over every phrase: most messages leave here with
//!    no candidate.
//! 3. Only for candidates: each rule's own regex, its validator (checksum,
//!    calendar date, ...), its cue window (one Aho-Corasick pass over all cue
//!    words, computed once per message and only when needed) and the
//!    code/URL exclusion regions.
//! 4. Code detectors (`detect::*`) and the operator's hospital-number shapes.
//! 5. Spans mapped back to the original text, overlapping findings of one
//!    category merged, a [`Report`] built.
//!
//! Every stage is linear in the message length (regex and Aho-Corasick
//! guarantee it; the cue check is a merge over sorted positions).

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::RegexSet;

use crate::detect::{self, DictFile, Dicts, Hit};
use crate::normalize::Normalized;
use crate::rules::{Rule, RuleKind, RuleSet};
use crate::{ChannelContext, Error, Finding, Report, validate};

/// Matrix's maximum event size: the longest message the engine must handle.
pub const MATRIX_EVENT_MAX_BYTES: usize = 65_536;
/// Discord's message limits (characters): normal and Nitro.
pub const DISCORD_MESSAGE_MAX_CHARS: usize = 2_000;
pub const DISCORD_NITRO_MESSAGE_MAX_CHARS: usize = 4_000;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The guard. Cheap to share (`Arc<Engine>`); `scan` takes `&self`.
pub struct Engine {
    set: RuleSet,
    by_id: HashMap<String, usize>,
    /// Rule indices of pattern rules, in RegexSet order.
    pattern_rules: Vec<usize>,
    regex_set: Option<RegexSet>,
    phrase_ac: Option<AhoCorasick>,
    /// For each phrase id: the rules that list it.
    phrase_rules: Vec<Vec<usize>>,
    cue_ac: Option<AhoCorasick>,
    operator_rule: Option<usize>,
    /// `None` when no rule uses a language detector (no dictionaries needed).
    dicts: Option<Dicts>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("rules", &self.set.rules.len())
            .field("cues", &self.set.cues.words.len())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// The rules in `rules/` and dictionaries in `data/dict/`, embedded at build time.
    pub fn builtin() -> Result<Engine, Error> {
        let rules: Vec<(&str, &str)> = embedded::RULE_FILES.to_vec();
        let dicts: Vec<DictFile<'_>> = embedded::DICT_FILES
            .iter()
            .map(|&(name, contents)| DictFile { name, contents })
            .collect();
        Engine::build(&rules, &dicts)
    }

    /// The embedded rules plus operator rule files (each a `.toml` file, or a
    /// directory whose `*.toml` files are read in name order). Operator rules
    /// are validated exactly like built-in ones; a duplicate id is an error.
    pub fn with_extra_rules<P: AsRef<Path>>(paths: &[P]) -> Result<Engine, Error> {
        let mut files: Vec<(String, String)> = embedded::RULE_FILES
            .iter()
            .map(|&(n, c)| (n.to_string(), c.to_string()))
            .collect();
        for p in paths {
            read_rule_paths(p.as_ref(), &mut files)?;
        }
        let rules: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        let dicts: Vec<DictFile<'_>> = embedded::DICT_FILES
            .iter()
            .map(|&(name, contents)| DictFile { name, contents })
            .collect();
        Engine::build(&rules, &dicts)
    }

    /// Rules from `rules_dir/*.toml` only (no embedded rules), with the
    /// dictionaries of `dict_dir` when given (else the embedded ones).
    pub fn from_dir(rules_dir: &Path, dict_dir: Option<&Path>) -> Result<Engine, Error> {
        let mut files = Vec::new();
        read_rule_paths(rules_dir, &mut files)?;
        let rules: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        match dict_dir {
            None => {
                let dicts: Vec<DictFile<'_>> = embedded::DICT_FILES
                    .iter()
                    .map(|&(name, contents)| DictFile { name, contents })
                    .collect();
                Engine::build(&rules, &dicts)
            }
            Some(d) => {
                let mut raw = Vec::new();
                read_dict_dir(d, "", &mut raw)?;
                let dicts: Vec<DictFile<'_>> = raw
                    .iter()
                    .map(|(name, contents)| DictFile {
                        name: name.as_str(),
                        contents: contents.as_str(),
                    })
                    .collect();
                Engine::build(&rules, &dicts)
            }
        }
    }

    /// Build an engine from rule files `(name, toml)` and dictionary files.
    /// All or nothing: the first problem is returned and no engine is built.
    pub fn build(rule_files: &[(&str, &str)], dicts: &[DictFile<'_>]) -> Result<Engine, Error> {
        let mut set = RuleSet::default();
        for (name, src) in rule_files {
            set.add_file(name, src)?;
        }
        let needs_dicts = set.rules.iter().any(|r| {
            r.detector
                .as_deref()
                .is_some_and(|d| detect::DETECTORS.contains(&d))
        });
        let dicts = if needs_dicts {
            Some(Dicts::load(dicts)?)
        } else {
            None
        };
        let mut by_id = HashMap::new();
        for (i, r) in set.rules.iter().enumerate() {
            by_id.insert(r.id.clone(), i);
        }
        let pattern_rules: Vec<usize> = set
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RuleKind::Pattern)
            .map(|(i, _)| i)
            .collect();
        let regex_set = if pattern_rules.is_empty() {
            None
        } else {
            let pats: Vec<&str> = pattern_rules
                .iter()
                .map(|&i| set.rules[i].pattern.as_ref().unwrap().source.as_str())
                .collect();
            Some(
                regex::bytes::RegexSetBuilder::new(&pats)
                    .unicode(false)
                    .size_limit(32 << 20)
                    .dfa_size_limit(32 << 20)
                    .build()
                    .map_err(|e| Error::Data {
                        file: "rules".into(),
                        message: format!("combining patterns failed: {e}"),
                    })?,
            )
        };
        let mut phrase_ids: HashMap<String, usize> = HashMap::new();
        let mut phrases: Vec<String> = Vec::new();
        let mut phrase_rules: Vec<Vec<usize>> = Vec::new();
        for (i, r) in set.rules.iter().enumerate() {
            for p in &r.phrases {
                let key = p.trim().to_ascii_lowercase();
                let id = *phrase_ids.entry(key.clone()).or_insert_with(|| {
                    phrases.push(key);
                    phrase_rules.push(Vec::new());
                    phrases.len() - 1
                });
                if !phrase_rules[id].contains(&i) {
                    phrase_rules[id].push(i);
                }
            }
        }
        let ac = |words: &[String]| -> Result<Option<AhoCorasick>, Error> {
            if words.is_empty() {
                return Ok(None);
            }
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // Small word sets: a dense DFA is fastest per byte.
                .kind(Some(AhoCorasickKind::DFA))
                .build(words)
                .map(Some)
                .map_err(|e| Error::Data {
                    file: "rules".into(),
                    message: format!("building the word automaton failed: {e}"),
                })
        };
        let phrase_ac = ac(&phrases)?;
        let cue_ac = ac(&set.cues.words)?;
        let operator_rule = set
            .rules
            .iter()
            .position(|r| r.detector.as_deref() == Some("hospital-number-pattern"));
        Ok(Engine {
            set,
            by_id,
            pattern_rules,
            regex_set,
            phrase_ac,
            phrase_rules,
            cue_ac,
            operator_rule,
            dicts,
        })
    }

    /// Every loaded rule, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.set.rules
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.set.rules[i])
    }

    /// Scan one message.
    pub fn scan(&self, text: &str, ctx: &ChannelContext) -> Report {
        let mut unknown = Vec::new();
        Report::from_findings(dedupe(self.scan_inner(text, ctx, &mut unknown)))
    }

    /// Every finding before overlapping findings of one category are merged,
    /// plus detector hits whose rule id no rule file defines (dropped from
    /// reports). `rules test` uses this: an example tests its own rule, even
    /// where a more specific rule wins the merge.
    pub fn scan_unmerged(
        &self,
        text: &str,
        ctx: &ChannelContext,
    ) -> (Vec<Finding>, Vec<&'static str>) {
        let mut unknown = Vec::new();
        let f = self.scan_inner(text, ctx, &mut unknown);
        (f, unknown)
    }

    fn scan_inner(
        &self,
        text: &str,
        ctx: &ChannelContext,
        unknown: &mut Vec<&'static str>,
    ) -> Vec<Finding> {
        let norm = Normalized::new(text);
        let t = norm.text();
        let mut raw: Vec<(usize, usize, usize, Option<String>)> = Vec::new();
        let mut scratch = Scratch::default();

        // Pattern rules: one combined pass, then each matching rule alone.
        if let Some(set) = &self.regex_set {
            let matches = set.matches(t.as_bytes());
            if matches.matched_any() {
                for si in matches.iter() {
                    let ri = self.pattern_rules[si];
                    self.run_pattern(ri, t, &mut scratch, &mut raw);
                }
            }
        }
        // Phrase rules: one Aho-Corasick pass.
        if let Some(ac) = &self.phrase_ac {
            for m in ac.find_overlapping_iter(t) {
                if !word_bounded(t.as_bytes(), m.start(), m.end()) {
                    continue;
                }
                for &ri in &self.phrase_rules[m.pattern().as_usize()] {
                    if self.accept(ri, t, m.start(), m.end(), &mut scratch) {
                        raw.push((ri, m.start(), m.end(), None));
                    }
                }
            }
        }
        // Code detectors.
        let mut hits: Vec<Hit> = Vec::new();
        if let Some(d) = &self.dicts {
            detect::run_all(t, ctx, d, &mut hits);
        }
        for h in hits {
            match self.by_id.get(h.rule) {
                Some(&ri) if self.set.rules[ri].kind == RuleKind::Detector => {
                    let (s, e) = snap(t, h.start, h.end);
                    if s < e {
                        raw.push((ri, s, e, h.detail));
                    }
                }
                _ => unknown.push(h.rule),
            }
        }
        // Operator hospital-number shapes.
        if let Some(ri) = self.operator_rule {
            for p in &ctx.hospital_number_patterns {
                for m in p.regex().find_iter(t) {
                    if m.start() < m.end() && !scratch.in_excluded(t, m.start(), m.end()) {
                        raw.push((ri, m.start(), m.end(), None));
                    }
                }
            }
        }

        raw.into_iter()
            .map(|(ri, s, e, detail)| {
                let r = &self.set.rules[ri];
                let (start, end) = norm.to_original(s, e);
                let reason = match detail {
                    Some(d) if !d.is_empty() => format!("{} ({d})", r.reason),
                    _ => r.reason.clone(),
                };
                Finding {
                    rule: r.id.clone(),
                    category: r.category,
                    severity: r.severity,
                    start,
                    end,
                    guidance: r.guidance.clone(),
                    reason,
                    label: r.label.clone(),
                }
            })
            .collect::<Vec<Finding>>()
    }

    fn run_pattern(
        &self,
        ri: usize,
        t: &str,
        scratch: &mut Scratch,
        out: &mut Vec<(usize, usize, usize, Option<String>)>,
    ) {
        let rule = &self.set.rules[ri];
        let pat = rule.pattern.as_ref().expect("pattern rule");
        let bytes = t.as_bytes();
        let mut push = |s: usize, e: usize, scratch: &mut Scratch| {
            let (s, e) = snap(t, s, e);
            if s >= e {
                return;
            }
            if let Some(v) = rule.validate
                && !validate::run(v, &t[s..e])
            {
                return;
            }
            if self.accept(ri, t, s, e, scratch) {
                out.push((ri, s, e, None));
            }
        };
        match pat.group {
            None => {
                for m in pat.regex.find_iter(bytes) {
                    push(m.start(), m.end(), scratch);
                }
            }
            Some(g) => {
                for caps in pat.regex.captures_iter(bytes) {
                    if let Some(m) = caps.get(g) {
                        push(m.start(), m.end(), scratch);
                    }
                }
            }
        }
    }

    /// Code/URL exclusion, then cue words (`context`) and counter-cues
    /// (`not_context`) around the span.
    fn accept(&self, ri: usize, t: &str, s: usize, e: usize, scratch: &mut Scratch) -> bool {
        let rule = &self.set.rules[ri];
        if !rule.in_code && scratch.in_excluded(t, s, e) {
            return false;
        }
        if rule.context.is_empty() && rule.not_context.is_empty() {
            return true;
        }
        let cues = scratch.cues(t, self.cue_ac.as_ref(), &self.set.cues.words);
        let near = |ids: &[u32], before: usize, after: usize| {
            let lo = s.saturating_sub(before);
            let hi = e.saturating_add(after);
            cues.iter()
                .any(|&(cs, ce, id)| ce > lo && cs < hi && ids.contains(&id))
        };
        if !rule.not_context.is_empty()
            && near(&rule.not_context, rule.not_window, rule.not_window_after)
        {
            return false;
        }
        rule.context.is_empty() || near(&rule.context, rule.window, rule.window_after)
    }
}

/// Per-message lazily computed data: cue positions and excluded regions.
#[derive(Default)]
struct Scratch {
    cues: Option<Vec<(usize, usize, u32)>>,
    excluded: Option<Vec<(usize, usize)>>,
}

impl Scratch {
    fn cues(
        &mut self,
        t: &str,
        ac: Option<&AhoCorasick>,
        words: &[String],
    ) -> &[(usize, usize, u32)] {
        self.cues.get_or_insert_with(|| {
            let mut v = Vec::new();
            if let Some(ac) = ac {
                let b = t.as_bytes();
                for m in ac.find_overlapping_iter(t) {
                    let w = words[m.pattern().as_usize()].as_bytes();
                    if cue_bounded(b, m.start(), m.end(), w) {
                        v.push((m.start(), m.end(), m.pattern().as_u32()));
                    }
                }
            }
            v
        })
    }

    fn in_excluded(&mut self, t: &str, s: usize, e: usize) -> bool {
        let ex = self.excluded.get_or_insert_with(|| excluded_regions(t));
        ex.iter().any(|&(a, b)| s < b && e > a)
    }
}

/// Regions where identifiers are not a patient's: URLs, and inline code
/// (`...`) or fenced blocks (```...```) whose content looks like program
/// code or logs. Backticks around prose ("`NHS 943 476 5919` pls chase") are
/// only formatting: they do not make an identifier safe.
pub(crate) fn excluded_regions(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    // Code: a run of N backticks closes at the next run of exactly N
    // backticks (CommonMark). Runs are listed first so this stays linear.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let start = i;
            while i < b.len() && b[i] == b'`' {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    if !runs.is_empty() {
        // next_same[k]: the next run with the same length as run k.
        let mut next_same = vec![usize::MAX; runs.len()];
        let mut last: HashMap<usize, usize> = HashMap::new();
        for k in (0..runs.len()).rev() {
            let len = runs[k].1 - runs[k].0;
            if let Some(&n) = last.get(&len) {
                next_same[k] = n;
            }
            last.insert(len, k);
        }
        let mut k = 0;
        while k < runs.len() {
            let (start, end) = runs[k];
            if next_same[k] != usize::MAX {
                let close = next_same[k];
                if looks_like_code(&b[end..runs[close].0]) {
                    out.push((start, runs[close].1));
                }
                k = close + 1;
            } else {
                // An unclosed fence runs to the end; a lone backtick is text.
                if end - start >= 3 && looks_like_code(&b[end..]) {
                    out.push((start, b.len()));
                    break;
                }
                k += 1;
            }
        }
    }
    // URLs: scheme:// or www. up to whitespace.
    let mut k = 0;
    while k < b.len() {
        let rest = &b[k..];
        let is_url = starts_with_ci(rest, b"http://")
            || starts_with_ci(rest, b"https://")
            || (starts_with_ci(rest, b"www.") && (k == 0 || !b[k - 1].is_ascii_alphanumeric()));
        if is_url {
            let mut e = k;
            while e < b.len() && !b[e].is_ascii_whitespace() && !matches!(b[e], b'<' | b'>' | b'"')
            {
                e += 1;
            }
            out.push((k, e));
            k = e;
        } else {
            k += 1;
        }
    }
    out
}

/// Program code, queries and logs carry syntax characters prose rarely has.
fn looks_like_code(content: &[u8]) -> bool {
    content.iter().any(|c| {
        matches!(
            c,
            b'=' | b'('
                | b')'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b';'
                | b'<'
                | b'>'
                | b'$'
                | b'\\'
                | b'_'
        )
    })
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A phrase match is whole words: no word character just outside it (only
/// checked on the sides where the phrase itself starts/ends with one).
fn word_bounded(b: &[u8], s: usize, e: usize) -> bool {
    let left = s == 0 || !is_word(b[s - 1]) || !is_word(b[s]);
    let right = e == b.len() || !is_word(b[e]) || !is_word(b[e - 1]);
    left && right
}

fn cue_bounded(b: &[u8], s: usize, e: usize, w: &[u8]) -> bool {
    let _ = w;
    word_bounded(b, s, e)
}

/// Clamp a byte span of `t` to char boundaries (shrinking inwards).
fn snap(t: &str, s: usize, e: usize) -> (usize, usize) {
    let mut e = e.min(t.len());
    let mut s = s.min(e);
    while s < e && !t.is_char_boundary(s) {
        s += 1;
    }
    while e > s && !t.is_char_boundary(e) {
        e -= 1;
    }
    (s, e)
}

/// Overlapping findings of the same category describe one thing: keep the
/// most severe (then labelled, then longest) and drop the rest. Findings of
/// different categories are all kept.
fn dedupe(mut f: Vec<Finding>) -> Vec<Finding> {
    if f.len() < 2 {
        return f;
    }
    f.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then((!b.label.is_empty()).cmp(&!a.label.is_empty()))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
            .then(a.rule.cmp(&b.rule))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(f.len());
    for x in f {
        let overlaps = kept
            .iter()
            .any(|k| k.category == x.category && x.start < k.end && k.start < x.end);
        let same = kept
            .iter()
            .any(|k| k.rule == x.rule && k.start == x.start && k.end == x.end);
        if !overlaps && !same {
            kept.push(x);
        }
    }
    kept
}

fn read_rule_paths(p: &Path, out: &mut Vec<(String, String)>) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: p.display().to_string(),
        source: e,
    };
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p)
            .map_err(io)?
            .flatten()
            .map(|e| e.path())
            .filter(|x| x.extension().is_some_and(|e| e == "toml"))
            .collect();
        entries.sort();
        for e in entries {
            read_rule_paths(&e, out)?;
        }
    } else {
        let s = std::fs::read_to_string(p).map_err(io)?;
        out.push((p.display().to_string(), s));
    }
    Ok(())
}

fn read_dict_dir(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        source: e,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for e in entries {
        let name = e
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with('.') {
            continue;
        }
        if e.is_dir() {
            read_dict_dir(&e, &format!("{prefix}{name}/"), out)?;
        } else {
            let s = std::fs::read_to_string(&e).map_err(|err| Error::Io {
                path: e.display().to_string(),
                source: err,
            })?;
            out.push((format!("{prefix}{name}"), s));
        }
    }
    Ok(())
}
