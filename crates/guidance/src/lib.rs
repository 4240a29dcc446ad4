#![doc = include_str!("../README.md")]

//! API contract (fixed; other crates build against it):
//! - [`Guidance::builtin`] loads `data/guidance/` embedded at build time.
//! - [`Guidance::lookup`] answers one `/gmc` query.
//! - [`Guidance::suggest`] feeds Discord autocomplete.

use serde::Serialize;

/// Discord's message limit; every rendered answer stays below it.
pub const ANSWER_MAX_CHARS: usize = 1900;

/// One paragraph (or run of paragraphs) a topic draws on, summarised in our own words.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// As printed by the GMC, e.g. `"88"` or `"8-17"`.
    pub number: String,
    /// Which document and edition the number belongs to, e.g. `Good medical practice (2024)`.
    pub document: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    /// e.g. `GMC explanatory guidance` or `GMC core guidance`.
    pub source: String,
    pub document: String,
    pub edition: String,
    pub url: String,
    pub paragraphs: Vec<Paragraph>,
    pub keywords: Vec<String>,
    pub related: Vec<String>,
}

/// The answer to one query; serialises as the `caldicott gmc --json` object.
#[derive(Debug, Clone, Serialize)]
pub struct Lookup {
    pub query: String,
    /// `None` when nothing fits.
    pub topic: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    /// Rendered paragraph lines, e.g. `"GMP 2024 para 88: ..."`.
    pub paragraphs: Vec<String>,
    pub url: Option<String>,
    /// The text shown to the user (under [`ANSWER_MAX_CHARS`]).
    pub answer: String,
    pub see_also: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

#[derive(Debug)]
pub struct Guidance {
    topics: Vec<Topic>,
}

impl Guidance {
    /// The corpus embedded at build time from `data/guidance/`.
    pub fn builtin() -> Result<Guidance, Error> {
        Ok(Guidance { topics: Vec::new() })
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    /// Answer a `/gmc` query. An empty query lists the topics.
    pub fn lookup(&self, query: &str) -> Lookup {
        Lookup {
            query: query.to_string(),
            topic: None,
            title: None,
            source: None,
            paragraphs: Vec::new(),
            url: None,
            answer: String::new(),
            see_also: Vec::new(),
        }
    }

    /// Up to 25 `(slug, title)` pairs for a partial query (autocomplete).
    pub fn suggest(&self, partial: &str) -> Vec<(String, String)> {
        let _ = partial;
        Vec::new()
    }
}
