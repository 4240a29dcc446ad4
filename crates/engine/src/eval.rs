//! `caldicott eval`: precision, recall and F1 of the guard on a labelled
//! corpus, for `identifiable` and for each category. Pure: the binary reads
//! the corpus and feeds [`Evaluator::add`].

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Category, ChannelContext, Engine};

/// True/false positive and false negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, expected: bool, got: bool) {
        match (expected, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    /// tp / (tp + fp); 1.0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        let d = self.tp + self.fp;
        if d == 0 {
            1.0
        } else {
            self.tp as f64 / d as f64
        }
    }

    /// tp / (tp + fn); 1.0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        let d = self.tp + self.fn_;
        if d == 0 {
            1.0
        } else {
            self.tp as f64 / d as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Number of expected positives.
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }
}

/// One labelled message.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub id: String,
    pub text: String,
    pub identifiable: bool,
    pub categories: Vec<Category>,
}

/// A message where the guard and the label disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub expected_identifiable: bool,
    pub got_identifiable: bool,
    pub expected: Vec<Category>,
    pub got: Vec<Category>,
    /// Rules that fired.
    pub rules: Vec<String>,
}

/// Figures for one metric.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
    #[serde(flatten)]
    pub counts: Counts,
}

impl From<Counts> for Figures {
    fn from(c: Counts) -> Self {
        Figures {
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
            support: c.support(),
            counts: c,
        }
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvalResult {
    pub messages: usize,
    pub identifiable: Figures,
    pub categories: BTreeMap<Category, Figures>,
    pub misses: Vec<Miss>,
}

/// Accumulates counts message by message (constant memory apart from misses).
#[derive(Debug, Default)]
pub struct Evaluator {
    messages: usize,
    identifiable: Counts,
    categories: BTreeMap<Category, Counts>,
    misses: Vec<Miss>,
}

impl Evaluator {
    pub fn new() -> Self {
        let mut e = Evaluator::default();
        for c in Category::ALL {
            e.categories.insert(c, Counts::default());
        }
        e
    }

    /// Scan one labelled message and count it.
    pub fn add(&mut self, engine: &Engine, item: &Labelled) {
        let report = engine.scan(&item.text, &ChannelContext::default());
        self.messages += 1;
        self.identifiable
            .add(item.identifiable, report.identifiable);
        for c in Category::ALL {
            self.categories
                .entry(c)
                .or_default()
                .add(item.categories.contains(&c), report.categories.contains(&c));
        }
        let mut expected = item.categories.clone();
        expected.sort();
        expected.dedup();
        if expected != report.categories || item.identifiable != report.identifiable {
            let mut rules: Vec<String> = report.findings.iter().map(|f| f.rule.clone()).collect();
            rules.sort();
            rules.dedup();
            self.misses.push(Miss {
                id: item.id.clone(),
                expected_identifiable: item.identifiable,
                got_identifiable: report.identifiable,
                expected,
                got: report.categories.clone(),
                rules,
            });
        }
    }

    pub fn finish(self) -> EvalResult {
        EvalResult {
            messages: self.messages,
            identifiable: self.identifiable.into(),
            categories: self
                .categories
                .into_iter()
                .map(|(c, n)| (c, n.into()))
                .collect(),
            misses: self.misses,
        }
    }
}
