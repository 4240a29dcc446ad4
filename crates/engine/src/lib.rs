#![doc = include_str!("../README.md")]

//! API contract (fixed; other crates build against it):
//! - [`Engine::builtin`] loads the rules and dictionaries embedded at build time.
//! - [`Engine::scan`] returns a [`Report`] for one message.
//! - [`Report::masked`] renders the message with identifiers replaced by labels.

use serde::{Deserialize, Serialize};

pub mod detect;
mod engine;
pub mod eval;
pub mod normalize;
pub mod rules;
#[doc(hidden)]
pub mod sample;
pub mod testing;
pub mod validate;

pub use engine::{
    DISCORD_MESSAGE_MAX_CHARS, DISCORD_NITRO_MESSAGE_MAX_CHARS, Engine, MATRIX_EVENT_MAX_BYTES,
};
pub use rules::{Rule, RuleKind};

/// The fixed category list of `shared/interfaces.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    PatientDirect,
    PatientIndirect,
    Discriminatory,
    DisrespectPatients,
    Intoxication,
    Advertising,
    PatientContactBoundary,
    ColleagueConflict,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::PatientDirect,
        Category::PatientIndirect,
        Category::Discriminatory,
        Category::DisrespectPatients,
        Category::Intoxication,
        Category::Advertising,
        Category::PatientContactBoundary,
        Category::ColleagueConflict,
    ];

    /// The wire name, e.g. `patient_direct`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PatientDirect => "patient_direct",
            Category::PatientIndirect => "patient_indirect",
            Category::Discriminatory => "discriminatory",
            Category::DisrespectPatients => "disrespect_patients",
            Category::Intoxication => "intoxication",
            Category::Advertising => "advertising",
            Category::PatientContactBoundary => "patient_contact_boundary",
            Category::ColleagueConflict => "colleague_conflict",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// True for the two categories that make a message `identifiable`.
    pub fn is_identifying(self) -> bool {
        matches!(self, Category::PatientDirect | Category::PatientIndirect)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ordered: `None < Low < Medium < High < Critical`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    #[default]
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::None => "none",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        [
            Severity::None,
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the guard found. Never holds the matched text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id, e.g. `nhs-number`.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// Byte offsets into the original (un-normalised) text, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// Guidance topic slug (see `shared/guidance-topics.md`), e.g. `confidentiality`.
    pub guidance: String,
    /// Short plain-English reason, free of the matched text.
    pub reason: String,
    /// Label used in the masked copy, e.g. `NHS number`, rendered as `[NHS number]`.
    pub label: String,
}

/// Per-message context the adapter/core supplies.
#[derive(Debug, Clone, Default)]
pub struct ChannelContext {
    /// Display names / usernames of channel members: never patient names.
    pub members: Vec<String>,
    /// Extra staff names an operator configured for the channel.
    pub staff_names: Vec<String>,
    /// Extra hospital-number shapes an operator configured (compiled once).
    pub hospital_number_patterns: Vec<HospitalNumberPattern>,
}

/// An operator-supplied hospital number (MRN) shape, validated and compiled once.
#[derive(Debug, Clone)]
pub struct HospitalNumberPattern {
    source: String,
    regex: regex::Regex,
}

impl HospitalNumberPattern {
    /// Compile an operator pattern; errors name the pattern.
    pub fn new(pattern: &str) -> Result<Self, Error> {
        let regex = regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| Error::Pattern {
                pattern: pattern.to_string(),
                message: e.to_string(),
            })?;
        Ok(Self {
            source: pattern.to_string(),
            regex,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn regex(&self) -> &regex::Regex {
        &self.regex
    }
}

/// The result of scanning one message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Sorted by start offset.
    pub findings: Vec<Finding>,
    /// Sorted, without repeats.
    pub categories: Vec<Category>,
    /// The highest severity among findings (`none` when there are none).
    pub severity: Severity,
    /// True exactly when `patient_direct` or `patient_indirect` is among categories.
    pub identifiable: bool,
}

impl Report {
    /// Build a report from findings, deriving categories, severity, identifiable.
    pub fn from_findings(mut findings: Vec<Finding>) -> Report {
        findings.sort_by_key(|f| (f.start, f.end));
        let mut categories: Vec<Category> = findings.iter().map(|f| f.category).collect();
        categories.sort();
        categories.dedup();
        let severity = findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::None);
        let identifiable = categories.iter().any(|c| c.is_identifying());
        Report {
            findings,
            categories,
            severity,
            identifiable,
        }
    }

    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The original text with every finding's span replaced by `[label]`.
    /// Overlapping spans are merged; the first label wins.
    pub fn masked(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for f in &self.findings {
            // Only spans that name something specific are masked.
            if f.label.is_empty() || f.end <= pos {
                continue;
            }
            let start = f.start.max(pos);
            if !text.is_char_boundary(start) || !text.is_char_boundary(f.end) || f.end > text.len()
            {
                continue;
            }
            out.push_str(&text[pos..start]);
            out.push('[');
            out.push_str(&f.label);
            out.push(']');
            pos = f.end;
        }
        out.push_str(&text[pos.min(text.len())..]);
        out
    }
}

/// Errors from loading rules and patterns. Each names the file (and line) it is about.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}:{line}: {message}")]
    Rule {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Data { file: String, message: String },
    #[error("bad pattern {pattern:?}: {message}")]
    Pattern { pattern: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}
