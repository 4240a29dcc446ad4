//! Shared helpers for engine-B's language detectors (`names`, `indirect`,
//! `risk`): sectioned dictionary files, one tagged Aho-Corasick automaton per
//! detector, and cheap ASCII word-boundary / neighbourhood checks.
//!
//! Declared from `names.rs` with `#[path = "lexicon.rs"]`, so `detect/mod.rs`
//! does not need to know about it.
//!
//! Dictionary file format (`data/dict/*.txt`): one entry per line, `#` starts
//! a comment line, blank lines are ignored, and `[section]` headers group the
//! entries of a sectioned file. Entries are matched ASCII case-insensitively
//! on whole words (a boundary is only required where the entry itself starts
//! or ends with a word character, so `(son` or `£` work too).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

use crate::detect::DictFile;

/// Tag bits of a dictionary phrase (one bit per section), wide enough for
/// every detector's sections.
pub(crate) type Tags = u128;

/// Find a dictionary file by name or fail with an error naming it.
pub(crate) fn file<'a>(files: &[DictFile<'a>], name: &str) -> Result<&'a str, crate::Error> {
    files
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.contents)
        .ok_or_else(|| crate::Error::Data {
            file: format!("data/dict/{name}"),
            message: "dictionary file is missing".to_string(),
        })
}

/// Parse a flat list (no sections). Entries are lowercased and trimmed.
pub(crate) fn parse_list(name: &str, contents: &str) -> Result<Vec<String>, crate::Error> {
    let mut out = Vec::new();
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            return Err(crate::Error::Rule {
                file: format!("data/dict/{name}"),
                line: i + 1,
                message: "unexpected [section] header in a flat list".to_string(),
            });
        }
        out.push(line.to_ascii_lowercase());
    }
    if out.is_empty() {
        return Err(crate::Error::Data {
            file: format!("data/dict/{name}"),
            message: "dictionary list is empty".to_string(),
        });
    }
    Ok(out)
}

/// Parse a sectioned file into `section -> entries`, checking that every
/// section in `required` exists and is non-empty and that no unknown section
/// appears (typos in a section name would otherwise silently drop a list).
pub(crate) fn parse_sections(
    name: &str,
    contents: &str,
    required: &[&str],
) -> Result<HashMap<String, Vec<String>>, crate::Error> {
    let path = format!("data/dict/{name}");
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let is_header = line.len() > 2
            && line.starts_with('[')
            && line.ends_with(']')
            && line[1..line.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_');
        if is_header && let Some(rest) = line.strip_prefix('[') {
            let Some(sec) = rest.strip_suffix(']') else {
                return Err(crate::Error::Rule {
                    file: path,
                    line: i + 1,
                    message: "section header must look like [name]".to_string(),
                });
            };
            let sec = sec.trim().to_string();
            if !required.contains(&sec.as_str()) {
                return Err(crate::Error::Rule {
                    file: path,
                    line: i + 1,
                    message: format!("unknown section [{sec}]"),
                });
            }
            map.entry(sec.clone()).or_default();
            current = Some(sec);
            continue;
        }
        let Some(sec) = current.as_ref() else {
            return Err(crate::Error::Rule {
                file: path,
                line: i + 1,
                message: "entry before the first [section] header".to_string(),
            });
        };
        map.get_mut(sec)
            .expect("section inserted above")
            .push(line.to_ascii_lowercase());
    }
    for sec in required {
        if map.get(*sec).is_none_or(|v| v.is_empty()) {
            return Err(crate::Error::Data {
                file: path,
                message: format!("section [{sec}] is missing or empty"),
            });
        }
    }
    Ok(map)
}

/// A set of tagged phrases in one leftmost-longest, ASCII case-insensitive
/// automaton. Each pattern carries a bit mask of the tags (sections) it
/// belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Tagged {
    ac: AhoCorasick,
    masks: Vec<Tags>,
    /// Optional cheap gate: a standard automaton over the trigger phrases
    /// only. A message with no trigger substring skips the full scan.
    gate: Option<AhoCorasick>,
}

/// One word-bounded match of a [`Tagged`] automaton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct M {
    pub start: usize,
    pub end: usize,
    pub mask: Tags,
}

impl M {
    #[inline]
    pub fn has(&self, tag: Tags) -> bool {
        self.mask & tag != 0
    }
}

impl Default for Tagged {
    fn default() -> Self {
        Tagged::build(Vec::<(String, Tags)>::new())
    }
}

impl Tagged {
    /// Build from `(phrase, tag bits)` pairs; repeated phrases merge their tags.
    pub fn build<I: IntoIterator<Item = (String, Tags)>>(entries: I) -> Tagged {
        Tagged::build_gated(entries, 0)
    }

    /// Like [`Tagged::build`], plus (when `triggers != 0`) a gate over the
    /// phrases carrying any bit of `triggers`: [`Tagged::scan`] returns at
    /// once for a message that contains none of them (most chat), so context
    /// words are only matched for candidates.
    pub fn build_gated<I: IntoIterator<Item = (String, Tags)>>(
        entries: I,
        triggers: Tags,
    ) -> Tagged {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut masks: Vec<Tags> = Vec::new();
        for (p, bits) in entries {
            let p = p.trim().to_ascii_lowercase();
            if p.is_empty() {
                continue;
            }
            if let Some(&i) = index.get(&p) {
                masks[i] |= bits;
            } else {
                index.insert(p.clone(), pats.len());
                pats.push(p);
                masks.push(bits);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .expect("dictionary automaton builds (patterns are plain strings)");
        let gate = (triggers != 0).then(|| {
            let gate_pats: Vec<&String> = pats
                .iter()
                .zip(masks.iter())
                .filter(|(_, m)| **m & triggers != 0)
                .map(|(p, _)| p)
                .collect();
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&gate_pats)
                .expect("gate automaton builds")
        });
        Tagged { ac, masks, gate }
    }

    /// Whether the gate lets this message through (no gate: always).
    pub fn gate_open(&self, text: &str) -> bool {
        self.gate.as_ref().is_none_or(|g| g.is_match(text))
    }

    /// All word-bounded matches, in order, non-overlapping (none when the
    /// gate is closed).
    pub fn scan(&self, text: &str, out: &mut Vec<M>) {
        if !self.gate_open(text) {
            return;
        }
        let bytes = text.as_bytes();
        for m in self.ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !bounded(bytes, s, e) {
                continue;
            }
            out.push(M {
                start: s,
                end: e,
                mask: self.masks[m.pattern().as_usize()],
            });
        }
    }

    /// Like [`Tagged::scan`], but a match that fails the word boundary does
    /// not hide the bounded matches it overlaps: "the man" inside "the
    /// Mancunians" no longer hides "mancunians", and "never trust a" inside
    /// "never trust an" no longer hides "never trust". Extra searches run
    /// only after a failed boundary.
    pub fn scan_bounded(&self, text: &str, out: &mut Vec<M>) {
        if !self.gate_open(text) {
            return;
        }
        let bytes = text.as_bytes();
        let len = bytes.len();
        let (mut pos, mut lim) = (0, len);
        // start of the unbounded match being narrowed, if any
        let mut failed: Option<usize> = None;
        while pos < lim {
            let found = self.ac.find(aho_corasick::Input::new(text).span(pos..lim));
            match found {
                Some(m) if bounded(bytes, m.start(), m.end()) => {
                    out.push(M {
                        start: m.start(),
                        end: m.end(),
                        mask: self.masks[m.pattern().as_usize()],
                    });
                    pos = m.end();
                    lim = len;
                    failed = None;
                }
                Some(m) => {
                    // look for a shorter match inside it first
                    let fs = *failed.get_or_insert(m.start());
                    lim = m.end() - 1;
                    if lim <= pos {
                        pos = fs + 1;
                        lim = len;
                        failed = None;
                    }
                }
                None => match failed.take() {
                    Some(fs) => {
                        pos = fs + 1;
                        lim = len;
                    }
                    None => break,
                },
            }
        }
    }

    /// True when the text contains at least one bounded match with `tag`.
    #[allow(dead_code)]
    pub fn any(&self, text: &str, tag: Tags) -> bool {
        let bytes = text.as_bytes();
        self.ac.find_iter(text).any(|m| {
            self.masks[m.pattern().as_usize()] & tag != 0 && bounded(bytes, m.start(), m.end())
        })
    }
}

/// Section names -> tag bits, for building a [`Tagged`] from a sectioned file.
pub(crate) fn entries(
    map: &HashMap<String, Vec<String>>,
    tags: &[(&str, Tags)],
) -> Vec<(String, Tags)> {
    let mut out = Vec::new();
    for (sec, bit) in tags {
        if *bit == 0 {
            continue;
        }
        if let Some(list) = map.get(*sec) {
            for p in list {
                out.push((p.clone(), *bit));
            }
        }
    }
    out
}

/// A word character for boundary purposes: ASCII alphanumeric, or any
/// non-ASCII byte (letters such as `é`; emoji are rare next to words and a
/// missed boundary only loses a match).
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `[s, e)` is bounded as a whole word where the match edge is a word
/// character.
#[inline]
pub(crate) fn bounded(bytes: &[u8], s: usize, e: usize) -> bool {
    if s >= e {
        return false;
    }
    let left_ok = !is_word_byte(bytes[s]) || s == 0 || !is_word_byte(bytes[s - 1]);
    let right_ok = !is_word_byte(bytes[e - 1]) || e == bytes.len() || !is_word_byte(bytes[e]);
    left_ok && right_ok
}

/// Bytes between two positions hold only spaces and light punctuation that
/// does not break a phrase (no sentence end, no line break).
#[inline]
pub(crate) fn adjacent(text: &str, a: usize, b: usize) -> bool {
    if a > b {
        return false;
    }
    let gap = &text.as_bytes()[a..b];
    gap.len() <= 4
        && gap
            .iter()
            .all(|&c| matches!(c, b' ' | b',' | b'-' | b'(' | b':' | b'\t'))
}

/// Like [`adjacent`] but spaces only (no comma, colon or bracket).
#[inline]
pub(crate) fn tight(text: &str, a: usize, b: usize) -> bool {
    if a > b {
        return false;
    }
    let gap = &text.as_bytes()[a..b];
    !gap.is_empty() && gap.len() <= 3 && gap.iter().all(|&c| c == b' ')
}

/// Whether a sentence boundary (. ! ? newline) lies in `[a, b)`.
#[inline]
pub(crate) fn crosses_sentence(text: &str, a: usize, b: usize) -> bool {
    if a >= b {
        return false;
    }
    let bytes = text.as_bytes();
    bytes[a..b].iter().enumerate().any(|(i, &c)| {
        c == b'\n'
            || c == b'!'
            || c == b'?'
            || (c == b'.'
                && bytes
                    .get(a + i + 1)
                    .is_none_or(|n| *n == b' ' || *n == b'\n'))
    })
}

/// The word starting at or after `pos` (skipping spaces only), as
/// `(start, end)`. A word is letters plus inner apostrophes and hyphens
/// (`o'brien`, `smith-jones`). Returns `None` when the next non-space
/// character is not a letter.
pub(crate) fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut s = pos;
    while s < bytes.len() && bytes[s] == b' ' {
        s += 1;
    }
    word_at(text, s)
}

/// The word starting exactly at `s` (see [`next_word`]).
pub(crate) fn word_at(text: &str, s: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if s >= bytes.len() {
        return None;
    }
    let first = text[s..].chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut e = s;
    let mut chars = text[s..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            e = s + i + c.len_utf8();
        } else if c == '\'' || c == '\u{2019}' || c == '-' {
            // inner apostrophe/hyphen only when a letter follows
            match chars.peek() {
                Some((_, n)) if n.is_alphabetic() => {
                    // but not a possessive 's at the end: o'brien yes, smith's no
                    let rest = &text[s + i + c.len_utf8()..];
                    let is_possessive = (rest.starts_with('s') || rest.starts_with('S'))
                        && rest[1..].chars().next().is_none_or(|x| !x.is_alphabetic());
                    if is_possessive && c != '-' {
                        break;
                    }
                    continue;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    if e > s { Some((s, e)) } else { None }
}

/// The word ending at or before `pos` (skipping spaces only).
pub(crate) fn prev_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut e = pos.min(bytes.len());
    while e > 0 && bytes[e - 1] == b' ' {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    let mut s = e;
    for (i, c) in text[..e].char_indices().rev() {
        if c.is_alphanumeric() || c == '\'' || c == '\u{2019}' {
            s = i;
        } else {
            break;
        }
    }
    if s < e { Some((s, e)) } else { None }
}

/// Skip a possessive (`'s`, `’s`, `'`) right after `pos`; returns the new
/// position (unchanged when there is none).
pub(crate) fn skip_possessive(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    for p in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(after) = rest.strip_prefix(p)
            && after.chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            return pos + p.len();
        }
    }
    for p in ["'", "\u{2019}"] {
        if let Some(after) = rest.strip_prefix(p)
            && after.starts_with(' ')
        {
            return pos + p.len();
        }
    }
    pos
}

/// Case shape of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Lower,
    Title,
    Upper,
    Mixed,
}

pub(crate) fn shape(word: &str) -> Shape {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else {
        return Shape::Mixed;
    };
    let rest: Vec<char> = chars.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    if first.is_lowercase() && rest_lower {
        Shape::Lower
    } else if first.is_uppercase() && rest_lower {
        Shape::Title
    } else if first.is_uppercase() && rest_upper && !rest.is_empty() {
        Shape::Upper
    } else if first.is_uppercase() {
        // McDonald, O'Brien, DeSouza
        Shape::Title
    } else {
        Shape::Mixed
    }
}

/// Whether position `pos` starts a sentence: only spaces, quotes, markdown or
/// bullet characters since the last sentence end or the start of the text.
#[allow(dead_code)]
pub(crate) fn sentence_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '*' | '_' | '>' | '"' | '\'' | '\u{201c}' | '\u{2018}' | '`' | '~' | '#'
            | '\t' => continue,
            '.' | '!' | '?' | '\n' | ':' | ';' => return true,
            _ => return false,
        }
    }
    true
}

/// Split a member display name / username into lowercase name parts
/// (`dr_lee`, `Sarah Jones (FY1)` -> `dr`, `lee`, `sarah`, `jones`, `fy`).
pub(crate) fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|p| p.chars().count() >= 2)
}

/// Whether `word` equals (case-insensitively) any part of any member or
/// operator-configured staff name.
pub(crate) fn is_member(word: &str, ctx: &crate::ChannelContext) -> bool {
    ctx.members
        .iter()
        .chain(ctx.staff_names.iter())
        .any(|n| name_parts(n).any(|p| p.eq_ignore_ascii_case(word)))
}

/// Test helper: run every `must_match` / `must_not_match` example of the
/// detector rules in a rules file through `run` and return the failures
/// (rule id, example, what happened). `todo_*` examples are reported when
/// they unexpectedly pass, so the lists stay honest.
#[cfg(test)]
pub(crate) fn check_examples(
    file: &str,
    src: &str,
    run: &dyn Fn(&str) -> Vec<&'static str>,
) -> Vec<String> {
    let doc: toml::Value = toml::from_str(src).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut fails = Vec::new();
    let rules = doc["rule"].as_array().expect("[[rule]] array");
    for r in rules {
        if r.get("kind").and_then(|k| k.as_str()) != Some("detector") {
            continue;
        }
        let id = r["id"].as_str().expect("id");
        let list = |k: &str| -> Vec<String> {
            r.get(k)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        for ex in list("must_match") {
            if !run(&ex).contains(&id) {
                fails.push(format!(
                    "{file}: {id}: must_match missed: {ex:?} -> {:?}",
                    run(&ex)
                ));
            }
        }
        for ex in list("must_not_match") {
            if run(&ex).contains(&id) {
                fails.push(format!("{file}: {id}: must_not_match hit: {ex:?}"));
            }
        }
        for ex in list("todo_match") {
            if run(&ex).contains(&id) {
                fails.push(format!(
                    "{file}: {id}: todo_match now passes, move it: {ex:?}"
                ));
            }
        }
        for ex in list("todo_not_match") {
            if !run(&ex).contains(&id) {
                fails.push(format!(
                    "{file}: {id}: todo_not_match now passes, move it: {ex:?}"
                ));
            }
        }
    }
    fails
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_boundaries() {
        let t = "mr o'brien's obs";
        assert_eq!(next_word(t, 2), Some((3, 10)));
        assert_eq!(skip_possessive(t, 10), 12);
        let t = "Smith-Jones in bed 4";
        assert_eq!(word_at(t, 0), Some((0, 11)));
        assert!(bounded(b"the bed.", 4, 7));
        assert!(!bounded(b"bedside", 0, 3));
        assert!(bounded("(son".as_bytes(), 0, 4));
        assert_eq!(prev_word("see  Kevin", 5), Some((0, 3)));
        assert_eq!(shape("Doris"), Shape::Title);
        assert_eq!(shape("doris"), Shape::Lower);
        assert_eq!(shape("DORIS"), Shape::Upper);
        assert_eq!(shape("McDonald"), Shape::Title);
        assert!(sentence_start("ok. Doris", 4));
        assert!(!sentence_start("see Doris", 4));
    }

    #[test]
    fn sections_errors_name_line() {
        let e = parse_sections("x.txt", "a\n", &["s"]).unwrap_err();
        assert!(e.to_string().contains("x.txt:1"), "{e}");
        let e = parse_sections("x.txt", "[s]\na\n[t]\nb\n", &["s"]).unwrap_err();
        assert!(e.to_string().contains("x.txt:3"), "{e}");
        let e = parse_sections("x.txt", "[s]\n", &["s"]).unwrap_err();
        assert!(e.to_string().contains("[s]"), "{e}");
        let ok = parse_sections("x.txt", "# c\n[s]\nFoo Bar\n", &["s"]).unwrap();
        assert_eq!(ok["s"], vec!["foo bar".to_string()]);
    }

    #[test]
    fn member_parts() {
        let ctx = crate::ChannelContext {
            members: vec!["dr_lee".into(), "Sarah Jones (FY1)".into()],
            ..Default::default()
        };
        assert!(is_member("Lee", &ctx));
        assert!(is_member("sarah", &ctx));
        assert!(!is_member("Doris", &ctx));
    }
}
