#![doc = include_str!("../README.md")]

//! API contract (fixed; other crates build against it):
//! - [`Guidance::builtin`] loads `data/guidance/` embedded at build time.
//! - [`Guidance::lookup`] answers one `/gmc` query.
//! - [`Guidance::suggest`] feeds Discord autocomplete.
//! - [`Guidance::cite`] gives the one-line citation a warning shows.

use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::Serialize;

mod corpus;
pub mod eval;
mod index;
mod render;
mod text;

pub use corpus::{ALLOWED_LINK_HOSTS, SUMMARY_MAX_CHARS};

use index::Index;

/// Discord's message limit; every rendered answer stays below it.
pub const ANSWER_MAX_CHARS: usize = 1900;
/// Discord's autocomplete returns at most this many choices.
pub const SUGGEST_MAX: usize = 25;
/// At most this many `see_also` slugs accompany an answer.
pub const SEE_ALSO_MAX: usize = 3;
/// At most this many paragraphs are shown in one answer.
pub const ANSWER_MAX_PARAGRAPHS: usize = 3;

static BUILTIN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../data/guidance");

/// One paragraph (or run of paragraphs) a topic draws on, summarised in our own words.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// As printed by the GMC, e.g. `"88"` or `"8-17"`.
    pub number: String,
    /// Which document and edition the number belongs to, e.g. `Good medical practice (2024)`.
    pub document: String,
    pub summary: String,
    /// Short citation, e.g. `GMP 2024 para 88` or `Confidentiality (2017) paras 118-119`.
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    /// Short name for citations, e.g. `Confidentiality (2017)`.
    pub short: String,
    /// e.g. `GMC explanatory guidance` or `GMC core guidance`.
    pub source: String,
    pub document: String,
    pub edition: String,
    /// Date the edition came into effect, where known.
    pub in_effect: String,
    /// The earlier document this one replaced, if any.
    pub superseded: String,
    pub url: String,
    pub paragraphs: Vec<Paragraph>,
    pub keywords: Vec<String>,
    /// Old paragraph numbers older teaching material cites (`GMP 69`).
    pub aliases: Vec<String>,
    pub related: Vec<String>,
    /// What could not be confirmed and was left out.
    pub notes: String,
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
    #[error("{file}:{line}: {message}")]
    InvalidAt {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}:{line}: invalid TOML: {message}")]
    Toml {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            Error::Invalid { file, .. }
            | Error::InvalidAt { file, .. }
            | Error::Toml { file, .. } => file,
            Error::Io { path, .. } => path,
        }
    }
}

#[derive(Debug)]
pub struct Guidance {
    topics: Vec<Topic>,
    index: Index,
}

impl Guidance {
    /// The corpus embedded at build time from `data/guidance/`.
    pub fn builtin() -> Result<Guidance, Error> {
        let mut files: Vec<(String, String)> = BUILTIN
            .files()
            .filter(|f| f.path().extension().and_then(|e| e.to_str()) == Some("toml"))
            .map(|f| {
                let name = f
                    .path()
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                (name, f.contents_utf8().unwrap_or_default().to_string())
            })
            .collect();
        files.sort();
        Guidance::from_files(&files)
    }

    /// Load and validate every `*.toml` topic file in `dir`.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Guidance, Error> {
        Guidance::from_files(&corpus::read_dir(dir.as_ref())?)
    }

    /// Load and validate topics given as `(file name, TOML text)` pairs.
    pub fn from_files(files: &[(String, String)]) -> Result<Guidance, Error> {
        let topics = corpus::parse_corpus(files)?;
        if topics.is_empty() {
            return Err(Error::Invalid {
                file: "data/guidance".into(),
                message: "no topic files".into(),
            });
        }
        let index = Index::build(&topics);
        Ok(Guidance { topics, index })
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    /// Answer a `/gmc` query. An empty query lists the topics.
    pub fn lookup(&self, query: &str) -> Lookup {
        let query_text = query.trim();
        if text::normalise(query_text).is_empty() {
            return render::topic_list(query, &self.topics);
        }
        let ranking = self.index.rank(query_text);
        let best = self
            .index
            .exact(query_text)
            .or_else(|| ranking.hits.first().map(|h| h.topic));
        match best {
            Some(best) => {
                let mut see_also: Vec<String> = Vec::new();
                // Other topics a keyword found, then the topic's own related
                // list, then what ranked search alone found.
                let slug_of = |h: &index::Hit| &self.topics[h.topic].slug;
                let curated = ranking.hits.iter().filter(|h| h.curated).map(slug_of);
                let searched = ranking.hits.iter().filter(|h| !h.curated).map(slug_of);
                for slug in curated.chain(&self.topics[best].related).chain(searched) {
                    if see_also.len() == SEE_ALSO_MAX {
                        break;
                    }
                    if slug != &self.topics[best].slug && !see_also.contains(slug) {
                        see_also.push(slug.clone());
                    }
                }
                render::answer(
                    query,
                    &self.topics[best],
                    &ranking.stems,
                    &self.index.paragraph_stems[best],
                    see_also,
                )
            }
            None => {
                let mut see_also: Vec<String> = ranking
                    .weak
                    .iter()
                    .take(SEE_ALSO_MAX)
                    .map(|&i| self.topics[i].slug.clone())
                    .collect();
                if see_also.is_empty() {
                    see_also = self
                        .suggest(query_text)
                        .into_iter()
                        .take(SEE_ALSO_MAX)
                        .map(|(s, _)| s)
                        .collect();
                }
                render::no_match(query, &self.topics, see_also)
            }
        }
    }

    /// How the index read a query (for tuning the corpus; not a stable format).
    #[doc(hidden)]
    pub fn explain(&self, query: &str) -> String {
        self.index.explain(query, &self.topics)
    }

    /// The ranked slugs for a query (best first; empty when nothing fits).
    pub fn rank(&self, query: &str) -> Vec<String> {
        let l = self.lookup(query);
        match l.topic {
            Some(topic) => std::iter::once(topic).chain(l.see_also).collect(),
            None => Vec::new(),
        }
    }

    /// Up to 25 `(slug, title)` pairs for a partial query (autocomplete):
    /// prefix matches on slug, title and keywords first, then near spellings,
    /// then what the full lookup finds.
    pub fn suggest(&self, partial: &str) -> Vec<(String, String)> {
        let q = text::normalise(partial);
        let pair = |t: &Topic| (t.slug.clone(), t.title.clone());
        if q.is_empty() {
            return self.topics.iter().take(SUGGEST_MAX).map(pair).collect();
        }
        let mut scored: Vec<(f64, usize)> = Vec::new();
        let ranked: Vec<usize> = if q.chars().count() >= 3 {
            self.index.rank(&q).hits.iter().map(|h| h.topic).collect()
        } else {
            Vec::new()
        };
        let (q_space, space_q) = (format!("{q} "), format!(" {q}"));
        let word_prefix = |s: &str| s == q || s.starts_with(&q_space) || s.contains(&space_q);
        // Near spellings (Jaro-Winkler) for four letters or more, against
        // keywords with the same first letter (people rarely mistype it).
        let fuzzy = q.chars().count() >= 4;
        for (i, names) in self.index.names.iter().enumerate() {
            let mut score = 0f64;
            if names.slug.starts_with(&q) || names.title.starts_with(&q) {
                score = 100.0;
            } else if word_prefix(&names.title) || word_prefix(&names.slug) {
                score = 60.0;
            }
            for k in &names.keywords {
                if score >= 50.0 {
                    break;
                }
                if k.starts_with(&q) {
                    score = 50.0;
                } else if word_prefix(k) {
                    score = score.max(40.0);
                } else if fuzzy && score < 30.0 && k.as_bytes().first() == q.as_bytes().first() {
                    let jw = strsim::jaro_winkler(&q, k);
                    if jw >= 0.9 {
                        score = score.max(30.0 * jw);
                    }
                }
            }
            if let Some(pos) = ranked.iter().position(|&r| r == i) {
                score = score.max(20.0 - pos as f64);
            }
            if score > 0.0 {
                scored.push((score, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(SUGGEST_MAX)
            .map(|(_, i)| pair(&self.topics[i]))
            .collect()
    }

    /// A one-line citation for a finding's guidance slug, e.g.
    /// `GMC Confidentiality (2017) para 1; GMP 2024 para 88: https://...`.
    pub fn cite(&self, slug: &str) -> Option<String> {
        self.topic(slug).map(render::cite)
    }
}
