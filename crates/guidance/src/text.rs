//! Text analysis shared by the corpus index and the queries: word splitting,
//! stop words (the NLTK English list from the `stop-words` crate), Snowball
//! English stemming (`rust-stemmers`) and edit distance (`strsim`).

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};

/// Words that carry no topic signal in questions about GMC guidance: every
/// topic is about patients and doctors, and question filler says nothing
/// about which topic is meant. Removed before ranking and before the
/// off-topic coverage test, but kept for curated-phrase matching
/// ("sack a patient").
#[rustfmt::skip]
const DOMAIN_STOP_WORDS: &[&str] = &[
    "patient", "patients", "doctor", "doctors", "dr", "gmc", "guidance", "guideline", "guidelines",
    "hospital", "hospitals", "ward", "nhs", "medical", "clinical", "can", "could", "may", "might",
    "allowed", "ok", "okay", "must", "would", "need", "needs", "want", "wants", "rule", "rules",
    "say", "says", "said", "advice", "help", "please", "thanks", "anyone", "someone", "something",
    "get", "got", "im", "ive", "u", "ur", "pls", "plz", "one", "know", "think", "like", "really",
    "also", "still", "ever", "else", "thing", "things", "way", "yes", "go", "going", "use", "work",
    "works", "working", "job", "today", "tonight", "tomorrow", "shift", "shifts", "next", "last",
    "time", "times", "day", "days", "week", "weeks", "month",
];

/// Words that never change which phrase is meant: "sack a patient" and
/// "sack my patient" are the same phrase.
#[rustfmt::skip]
const FILLER_WORDS: &[&str] = &[
    "a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these", "those",
    "i", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "just", "really", "very",
    "so", "some", "any", "para", "paras", "paragraph", "paragraphs",
];

/// A phrase word that is a plain content stem (not a marked stop word).
pub(crate) fn is_strong(stem: &str) -> bool {
    !stem.starts_with(['=', '~'])
}

/// Lower-cased words: runs of letters and digits. Apostrophes split words
/// ("doctor's" -> "doctor", "s"), so contractions fall into the stop list.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The normalised form used for exact matches: words joined by one space.
pub(crate) fn normalise(text: &str) -> String {
    words(text).join(" ")
}

pub(crate) struct Analyzer {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
    domain_stop: HashSet<&'static str>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Analyzer {
    pub(crate) fn new() -> Analyzer {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            stop: stop_words::get("en").iter().copied().collect(),
            domain_stop: DOMAIN_STOP_WORDS.iter().copied().collect(),
        }
    }

    pub(crate) fn is_stop(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    pub(crate) fn is_domain_stop(&self, word: &str) -> bool {
        self.domain_stop.contains(word)
    }

    pub(crate) fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The words of a curated phrase (or a query) for phrase matching:
    /// filler words dropped, content words stemmed, domain stop words marked
    /// `=` (so "hospital" matches only itself, never "hospitality", which
    /// stems the same) and other stop words kept but marked `~` (so "asked me
    /// out" keeps its meaning).
    pub(crate) fn phrase_stems(&self, text: &str) -> Vec<String> {
        words(text)
            .iter()
            .filter(|w| !FILLER_WORDS.contains(&w.as_str()))
            .map(|w| {
                if self.is_domain_stop(w) {
                    format!("={}", self.stem(w))
                } else if self.is_stop(w) {
                    format!("~{w}")
                } else {
                    self.stem(w)
                }
            })
            .collect()
    }

    /// Stems that carry topic signal (no general or domain stop words): what
    /// the ranking sees.
    pub(crate) fn content_stems(&self, text: &str) -> Vec<String> {
        words(text)
            .iter()
            .filter(|w| !self.is_stop(w) && !self.is_domain_stop(w))
            .map(|w| self.stem(w))
            .collect()
    }
}

/// The BM25 document tokenizer: content stems.
pub(crate) struct DocTokenizer(pub(crate) Analyzer);

impl bm25::Tokenizer for DocTokenizer {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        self.0.content_stems(input_text)
    }
}

/// How many edits a word of this many characters may be away from a corpus
/// word and still count as a misspelling of it.
pub(crate) fn max_typo_distance(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
pub(crate) fn typo_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_apostrophes() {
        assert_eq!(
            words("Can't post a Doctor's X-ray!"),
            ["can", "t", "post", "a", "doctor", "s", "x", "ray"]
        );
    }

    #[test]
    fn stems_fold_inflections() {
        let a = Analyzer::new();
        assert_eq!(a.stem("chaperones"), a.stem("chaperone"));
        assert_eq!(a.content_stems("the patient gifts"), [a.stem("gift")]);
    }

    #[test]
    fn typo_distance_counts_transpositions_once() {
        assert_eq!(typo_distance("safegaurding", "safeguarding"), 1);
        assert_eq!(typo_distance("chaprone", "chaperone"), 1);
    }
}
