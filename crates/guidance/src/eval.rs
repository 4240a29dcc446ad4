//! Measuring the lookup on a labelled query set (`data/eval/lookups.jsonl`):
//! top-1 and top-3 accuracy on queries that should find a topic, and how
//! often queries that should find nothing are answered "no match".

use serde::{Deserialize, Serialize};

use crate::{Error, Guidance};

/// One labelled query. An empty `expected` means nothing should match;
/// otherwise any listed slug counts as right.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LookupCase {
    pub id: String,
    pub query: String,
    pub expected: Vec<String>,
}

/// A query the lookup got wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub query: String,
    pub expected: Vec<String>,
    /// What the lookup ranked: best topic then see-also (empty = no match).
    pub got: Vec<String>,
    /// Right within the first three, though not first.
    pub in_top3: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub queries: usize,
    pub on_topic: usize,
    pub top1: f64,
    pub top3: f64,
    pub off_topic: usize,
    /// Share of off-topic queries answered "no match".
    pub off_topic_no_match: f64,
    pub misses: Vec<Miss>,
}

/// Parse JSONL; errors name the line.
pub fn parse_cases(file: &str, text: &str) -> Result<Vec<LookupCase>, Error> {
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: LookupCase = serde_json::from_str(line).map_err(|e| Error::InvalidAt {
            file: file.to_string(),
            line: i + 1,
            message: format!("not a {{\"id\",\"query\",\"expected\"}} object: {e}"),
        })?;
        cases.push(case);
    }
    Ok(cases)
}

fn rate(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Run every case through [`Guidance::lookup`].
pub fn evaluate(guidance: &Guidance, cases: &[LookupCase]) -> EvalReport {
    let (mut on, mut t1, mut t3, mut off, mut off_ok) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for c in cases {
        let got = guidance.rank(&c.query);
        let hit = |n: usize| got.iter().take(n).any(|s| c.expected.contains(s));
        if c.expected.is_empty() {
            off += 1;
            if got.is_empty() {
                off_ok += 1;
                continue;
            }
        } else {
            on += 1;
            let (h1, h3) = (hit(1), hit(3));
            t1 += usize::from(h1);
            t3 += usize::from(h3);
            if h1 {
                continue;
            }
        }
        misses.push(Miss {
            id: c.id.clone(),
            query: c.query.clone(),
            expected: c.expected.clone(),
            in_top3: !c.expected.is_empty() && hit(3),
            got,
        });
    }
    EvalReport {
        queries: cases.len(),
        on_topic: on,
        top1: rate(t1, on),
        top3: rate(t3, on),
        off_topic: off,
        off_topic_no_match: rate(off_ok, off),
        misses,
    }
}

impl EvalReport {
    /// Readable report for people.
    pub fn render(&self) -> String {
        let mut out = format!(
            "queries: {}  (on-topic {}, off-topic {})\ntop-1 accuracy:          {:.3}\ntop-3 accuracy:          {:.3}\noff-topic -> no match:   {:.3}\n",
            self.queries,
            self.on_topic,
            self.off_topic,
            self.top1,
            self.top3,
            self.off_topic_no_match
        );
        if !self.misses.is_empty() {
            out.push_str(&format!("misses ({}):\n", self.misses.len()));
            for m in &self.misses {
                let expected = if m.expected.is_empty() {
                    "(no match)".to_string()
                } else {
                    m.expected.join("|")
                };
                let got = if m.got.is_empty() {
                    "(no match)".to_string()
                } else {
                    m.got.join(", ")
                };
                out.push_str(&format!(
                    "  {} {:?}: expected {expected}, got {got}{}\n",
                    m.id,
                    m.query,
                    if m.in_top3 { " (in top 3)" } else { "" }
                ));
            }
        }
        out
    }
}
