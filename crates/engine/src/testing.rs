//! `caldicott rules test`: run every rule's own examples.
//!
//! A `must_match` example passes when the scan of it (default channel
//! context) holds a finding of that rule; a `must_not_match` example passes
//! when it holds none. `todo_*` examples are known gaps: reported, never
//! failing. Rules also fail when they carry no `must_match` example, link to
//! an unknown guidance slug, or when a detector reports a rule id no file
//! defines.

use crate::rules::{KNOWN_GUIDANCE, RuleKind};
use crate::{ChannelContext, Engine};

/// What an example expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Match,
    NoMatch,
    TodoMatch,
    TodoNoMatch,
}

impl Expect {
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::Match => "must_match",
            Expect::NoMatch => "must_not_match",
            Expect::TodoMatch => "todo_match",
            Expect::TodoNoMatch => "todo_not_match",
        }
    }
}

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    pub file: String,
    pub line: usize,
    pub rule: String,
    pub expect: Expect,
    pub example: String,
    /// For must_*: the expectation held. For todo_*: the gap is still there
    /// (a todo that now holds is worth promoting; it is not a failure).
    pub passed: bool,
    /// Rule ids found in the example (for explaining a failure).
    pub found: Vec<String>,
}

/// The whole run.
#[derive(Debug, Clone, Default)]
pub struct TestReport {
    pub results: Vec<ExampleResult>,
    /// Rule-level problems (no examples, unknown slug, unknown detector id).
    pub problems: Vec<String>,
}

impl TestReport {
    /// Failed must_* examples.
    pub fn failures(&self) -> impl Iterator<Item = &ExampleResult> {
        self.results
            .iter()
            .filter(|r| matches!(r.expect, Expect::Match | Expect::NoMatch) && !r.passed)
    }

    /// Todo examples (known gaps), with whether the gap is still there.
    pub fn todos(&self) -> impl Iterator<Item = &ExampleResult> {
        self.results
            .iter()
            .filter(|r| matches!(r.expect, Expect::TodoMatch | Expect::TodoNoMatch))
    }

    /// True when every must_* example passed and no rule has a problem.
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.failures().next().is_none()
    }
}

/// Run every example of every rule.
pub fn run(engine: &Engine) -> TestReport {
    let ctx = ChannelContext::default();
    let mut report = TestReport::default();
    for rule in engine.rules() {
        if !KNOWN_GUIDANCE.contains(&rule.guidance.as_str()) {
            report.problems.push(format!(
                "{}:{}: rule {:?}: guidance slug {:?} is not a known topic",
                rule.file, rule.line, rule.id, rule.guidance
            ));
        }
        let operator_only = rule.kind == RuleKind::Detector
            && rule.detector.as_deref() == Some("hospital-number-pattern");
        if rule.examples.must_match.is_empty() && !operator_only {
            report.problems.push(format!(
                "{}:{}: rule {:?}: has no must_match example",
                rule.file, rule.line, rule.id
            ));
        }
        let ex = &rule.examples;
        let all = [
            (Expect::Match, &ex.must_match),
            (Expect::NoMatch, &ex.must_not_match),
            (Expect::TodoMatch, &ex.todo_match),
            (Expect::TodoNoMatch, &ex.todo_not_match),
        ];
        for (expect, list) in all {
            for example in list {
                let (findings, unknown) = engine.scan_unmerged(example, &ctx);
                for u in unknown {
                    let msg = format!(
                        "a detector reported rule id {u:?}, which no rule file defines (seen on an example of {:?})",
                        rule.id
                    );
                    if !report.problems.contains(&msg) {
                        report.problems.push(msg);
                    }
                }
                let hit = findings.iter().any(|f| f.rule == rule.id);
                let passed = match expect {
                    Expect::Match => hit,
                    Expect::NoMatch => !hit,
                    Expect::TodoMatch => !hit,
                    Expect::TodoNoMatch => hit,
                };
                let mut found: Vec<String> = findings.iter().map(|f| f.rule.clone()).collect();
                found.sort();
                found.dedup();
                report.results.push(ExampleResult {
                    file: rule.file.clone(),
                    line: rule.line,
                    rule: rule.id.clone(),
                    expect,
                    example: example.clone(),
                    passed,
                    found,
                });
            }
        }
    }
    report
}
