//! Rule files (`rules/*.toml`): parsing, validation and compilation.
//!
//! Every `[[rule]]` names its category, severity, guidance slug, mask label
//! and reason, one matcher (`pattern`, `phrase` or `detector`) and its own
//! examples. Loading is all or nothing: the first problem is an [`Error`]
//! naming the file and line, and no engine is built.

use std::collections::HashMap;

use serde::Deserialize;

use crate::{Category, Error, Severity, detect, validate};

/// Default cue window in bytes, either side of a match.
pub const DEFAULT_WINDOW: usize = 60;
/// Default window for `not_context` cues.
pub const DEFAULT_NOT_WINDOW: usize = 25;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<RawRule>>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default, alias = "licence")]
    #[allow(dead_code)]
    license: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    category: String,
    severity: String,
    guidance: String,
    #[serde(default)]
    label: String,
    reason: String,
    kind: String,
    pattern: Option<String>,
    phrases: Option<Vec<String>>,
    detector: Option<String>,
    validate: Option<String>,
    #[serde(default)]
    context: Vec<String>,
    window: Option<usize>,
    window_after: Option<usize>,
    #[serde(default)]
    not_context: Vec<String>,
    not_window: Option<usize>,
    not_window_after: Option<usize>,
    #[serde(default)]
    in_code: bool,
    #[serde(default)]
    must_match: Vec<String>,
    #[serde(default)]
    must_not_match: Vec<String>,
    #[serde(default)]
    todo_match: Vec<String>,
    #[serde(default)]
    todo_not_match: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// How a rule finds candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Pattern,
    Phrase,
    Detector,
}

/// A rule's own examples (Semgrep-style: must / must not / known gaps).
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub must_match: Vec<String>,
    pub must_not_match: Vec<String>,
    pub todo_match: Vec<String>,
    pub todo_not_match: Vec<String>,
}

/// One loaded, validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub guidance: String,
    pub label: String,
    pub reason: String,
    pub kind: RuleKind,
    /// File the rule came from (e.g. `rules/identifiers.toml`) and its line.
    pub file: String,
    pub line: usize,
    pub examples: Examples,
    /// `kind = "detector"`: the detector's name.
    pub detector: Option<String>,
    pub(crate) pattern: Option<Pattern>,
    pub(crate) phrases: Vec<String>,
    pub(crate) validate: Option<&'static str>,
    pub(crate) context: Vec<u32>,
    pub(crate) window: usize,
    pub(crate) window_after: usize,
    pub(crate) not_context: Vec<u32>,
    pub(crate) not_window: usize,
    pub(crate) not_window_after: usize,
    pub(crate) in_code: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub source: String,
    pub regex: regex::bytes::Regex,
    /// Index of the capture group named `m`, when the finding's span is only
    /// part of the match (the cue stays outside the masked span).
    pub group: Option<usize>,
}

/// Cue words shared by all rules; ids index [`RuleSet::cues`].
#[derive(Debug, Default)]
pub(crate) struct CueTable {
    pub words: Vec<String>,
    index: HashMap<String, u32>,
}

impl CueTable {
    fn intern(&mut self, w: &str) -> u32 {
        let key = w.to_ascii_lowercase();
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(key.clone());
        self.index.insert(key, id);
        id
    }
}

/// Every rule from every file, validated.
#[derive(Debug, Default)]
pub(crate) struct RuleSet {
    pub rules: Vec<Rule>,
    pub cues: CueTable,
}

/// The guidance topic slugs of `shared/guidance-topics.md`. Rules must link
/// to one of these (checked by `rules test`; the loader checks the shape).
pub const KNOWN_GUIDANCE: [&str; 18] = [
    "confidentiality",
    "social-media",
    "consent",
    "good-medical-practice",
    "raising-concerns",
    "protecting-children",
    "leadership-management",
    "acting-as-witness",
    "ending-relationship",
    "delegation-referral",
    "conflicts-of-interest",
    "professional-boundaries",
    "sexual-behaviour-reporting",
    "reporting-proceedings",
    "chaperones",
    "responding-to-criticism",
    "colleagues-respect",
    "advertising",
];

fn line_of(src: &str, byte: usize) -> usize {
    src[..byte.min(src.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

impl RuleSet {
    /// Parse and validate one file's rules and add them.
    pub fn add_file(&mut self, file: &str, src: &str) -> Result<(), Error> {
        let raw: RawFile = toml::from_str(src).map_err(|e| Error::Rule {
            file: file.to_string(),
            line: e.span().map(|s| line_of(src, s.start)).unwrap_or(0),
            message: e.message().trim().to_string(),
        })?;
        for spanned in raw.rule {
            let line = line_of(src, spanned.span().start);
            let r = spanned.into_inner();
            let rule = self.compile(file, line, r)?;
            if let Some(prev) = self.rules.iter().find(|p| p.id == rule.id) {
                return Err(Error::Rule {
                    file: file.to_string(),
                    line,
                    message: format!(
                        "rule {:?}: duplicate id (first defined at {}:{})",
                        rule.id, prev.file, prev.line
                    ),
                });
            }
            self.rules.push(rule);
        }
        Ok(())
    }

    fn compile(&mut self, file: &str, line: usize, r: RawRule) -> Result<Rule, Error> {
        let id = r.id.clone();
        let err = |message: String| Error::Rule {
            file: file.to_string(),
            line,
            message: format!("rule {id:?}: {message}"),
        };
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(err("id must be lowercase letters, digits and '-'".into()));
        }
        let category = Category::parse(&r.category).ok_or_else(|| {
            err(format!(
                "unknown category {:?} (one of: {})",
                r.category,
                Category::ALL.map(|c| c.as_str()).join(", ")
            ))
        })?;
        let severity = Severity::parse(&r.severity).ok_or_else(|| {
            err(format!(
                "unknown severity {:?} (none|low|medium|high|critical)",
                r.severity
            ))
        })?;
        if r.guidance.is_empty()
            || !r
                .guidance
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(err(format!("bad guidance slug {:?}", r.guidance)));
        }
        if r.reason.trim().is_empty() {
            return Err(err("empty reason".into()));
        }
        let kind = match r.kind.as_str() {
            "pattern" => RuleKind::Pattern,
            "phrase" => RuleKind::Phrase,
            "detector" => RuleKind::Detector,
            other => {
                return Err(err(format!(
                    "unknown kind {other:?} (pattern|phrase|detector)"
                )));
            }
        };
        let mut pattern = None;
        let mut phrases = Vec::new();
        let mut detector = None;
        match kind {
            RuleKind::Pattern => {
                let src = r
                    .pattern
                    .as_deref()
                    .ok_or_else(|| err("kind = \"pattern\" needs `pattern`".into()))?;
                if r.phrases.is_some() || r.detector.is_some() {
                    return Err(err("a pattern rule takes no `phrases` or `detector`".into()));
                }
                let regex = compile_pattern(src).map_err(|e| err(format!("bad pattern: {e}")))?;
                let group = regex.capture_names().position(|n| n == Some("m"));
                pattern = Some(Pattern {
                    source: src.to_string(),
                    regex,
                    group,
                });
            }
            RuleKind::Phrase => {
                let list = r
                    .phrases
                    .clone()
                    .ok_or_else(|| err("kind = \"phrase\" needs `phrases`".into()))?;
                if r.pattern.is_some() || r.detector.is_some() {
                    return Err(err("a phrase rule takes no `pattern` or `detector`".into()));
                }
                if list.is_empty() || list.iter().any(|p| p.trim().is_empty()) {
                    return Err(err("`phrases` must be non-empty strings".into()));
                }
                phrases = list;
            }
            RuleKind::Detector => {
                let d = r
                    .detector
                    .clone()
                    .ok_or_else(|| err("kind = \"detector\" needs `detector`".into()))?;
                if r.pattern.is_some() || r.phrases.is_some() {
                    return Err(err("a detector rule takes no `pattern` or `phrases`".into()));
                }
                if !detect::DETECTORS.contains(&d.as_str())
                    && !BUILTIN_DETECTORS.contains(&d.as_str())
                {
                    return Err(err(format!(
                        "unknown detector {d:?} (one of: {}, {})",
                        detect::DETECTORS.join(", "),
                        BUILTIN_DETECTORS.join(", ")
                    )));
                }
                if r.validate.is_some() || !r.context.is_empty() || !r.not_context.is_empty() {
                    return Err(err(
                        "a detector rule takes no `validate`, `context` or `not_context`".into(),
                    ));
                }
                detector = Some(d);
            }
        }
        let validate = match r.validate.as_deref() {
            None => None,
            Some(v) => {
                if kind != RuleKind::Pattern {
                    return Err(err("`validate` applies only to pattern rules".into()));
                }
                Some(
                    *validate::VALIDATORS
                        .iter()
                        .find(|&&n| n == v)
                        .ok_or_else(|| {
                            err(format!(
                                "unknown validator {v:?} (one of: {})",
                                validate::VALIDATORS.join(", ")
                            ))
                        })?,
                )
            }
        };
        for w in r.context.iter().chain(&r.not_context) {
            if w.trim().is_empty() {
                return Err(err("empty cue word in `context`/`not_context`".into()));
            }
        }
        let context = r.context.iter().map(|w| self.cues.intern(w)).collect();
        let not_context = r.not_context.iter().map(|w| self.cues.intern(w)).collect();
        let window = r.window.unwrap_or(DEFAULT_WINDOW);
        Ok(Rule {
            id: r.id,
            category,
            severity,
            guidance: r.guidance,
            label: r.label,
            reason: r.reason,
            kind,
            file: file.to_string(),
            line,
            examples: Examples {
                must_match: r.must_match,
                must_not_match: r.must_not_match,
                todo_match: r.todo_match,
                todo_not_match: r.todo_not_match,
            },
            detector,
            pattern,
            phrases,
            validate,
            context,
            window,
            window_after: r.window_after.unwrap_or(window),
            not_context,
            not_window: r.not_window.unwrap_or(DEFAULT_NOT_WINDOW),
            not_window_after: r
                .not_window_after
                .unwrap_or(r.not_window.unwrap_or(DEFAULT_NOT_WINDOW)),
            in_code: r.in_code,
        })
    }
}

/// Detectors the engine itself provides (besides engine-B's language ones).
/// `hospital-number-pattern` reports matches of the operator's
/// `ChannelContext::hospital_number_patterns`.
pub const BUILTIN_DETECTORS: [&str; 1] = ["hospital-number-pattern"];

/// Compile a rule pattern for the ASCII fast path: bytes, Unicode classes off
/// (`\d`, `\w`, `\b`, `(?i)` are ASCII), so the lazy DFA never bails out.
pub(crate) fn compile_pattern(src: &str) -> Result<regex::bytes::Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(src)
        .unicode(false)
        .size_limit(4 << 20)
        .dfa_size_limit(4 << 20)
        .build()
}
