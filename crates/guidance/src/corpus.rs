//! Reading and validating the topic files (`data/guidance/<slug>.toml`).

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::text::normalise_spelling;
use crate::{Error, Paragraph, Topic};

/// Hosts a topic or paragraph link may point to: the GMC, and the publishers
/// of supplementary guidance we cite.
pub const ALLOWED_LINK_HOSTS: &[&str] = &["www.gmc-uk.org", "gmc-uk.org", "www.bma.org.uk"];

/// A summary longer than this would crowd a phone screen (and the
/// 2,000-character Discord limit once three are shown).
pub const SUMMARY_MAX_CHARS: usize = 400;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicFile {
    slug: String,
    title: String,
    /// Short name used in citations, e.g. `Confidentiality (2017)`.
    short: String,
    source: String,
    document: String,
    edition: String,
    #[serde(default)]
    in_effect: String,
    #[serde(default)]
    superseded: String,
    url: String,
    #[serde(default)]
    paragraphs: Vec<ParagraphEntry>,
    keywords: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    notes: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParagraphEntry {
    number: String,
    /// Defaults to the topic's own document.
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    edition: Option<String>,
    /// Citation label for a document other than the topic's own or GMP.
    #[serde(default)]
    short: Option<String>,
    summary: String,
}

/// 1-based line of the first line containing `needle`, if any.
fn line_of(src: &str, needle: &str) -> Option<usize> {
    src.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

fn invalid(file: &str, src: &str, needle: &str, message: String) -> Error {
    match line_of(src, needle) {
        Some(line) => Error::InvalidAt {
            file: file.to_string(),
            line,
            message,
        },
        None => Error::Invalid {
            file: file.to_string(),
            message,
        },
    }
}

fn check_link(file: &str, src: &str, url: &str) -> Result<(), Error> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(invalid(
            file,
            src,
            url,
            format!("link `{url}` is not https"),
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if !ALLOWED_LINK_HOSTS.contains(&host) {
        return Err(invalid(
            file,
            src,
            url,
            format!(
                "link `{url}` is not on gmc-uk.org or an allowed publisher ({})",
                ALLOWED_LINK_HOSTS.join(", ")
            ),
        ));
    }
    if url.contains(char::is_whitespace) {
        return Err(invalid(
            file,
            src,
            url,
            format!("link `{url}` contains whitespace"),
        ));
    }
    Ok(())
}

fn valid_number(n: &str) -> bool {
    !n.is_empty()
        && n.chars().next().is_some_and(|c| c.is_ascii_digit())
        && n.chars().all(|c| {
            c.is_ascii_digit() || c.is_ascii_lowercase() || matches!(c, '-' | ',' | ' ' | '(' | ')')
        })
}

/// Parse one topic file and check what can be checked without the others.
fn parse_topic(file: &str, src: &str) -> Result<Topic, Error> {
    let raw: TopicFile = toml::from_str(src).map_err(|e| {
        let line = e
            .span()
            .map(|s| src[..s.start.min(src.len())].matches('\n').count() + 1);
        Error::Toml {
            file: file.to_string(),
            line: line.unwrap_or(0),
            message: e.message().to_string(),
        }
    })?;
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if raw.slug != stem {
        return Err(invalid(
            file,
            src,
            "slug",
            format!(
                "slug `{}` does not match the file name `{stem}.toml`",
                raw.slug
            ),
        ));
    }
    if raw.slug.is_empty()
        || !raw
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(invalid(
            file,
            src,
            "slug",
            format!(
                "slug `{}` must be lower-case letters, digits and dashes",
                raw.slug
            ),
        ));
    }
    for (key, value) in [
        ("title", &raw.title),
        ("short", &raw.short),
        ("source", &raw.source),
        ("document", &raw.document),
        ("edition", &raw.edition),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(file, src, key, format!("`{key}` is empty")));
        }
    }
    if !matches!(
        raw.source.as_str(),
        "GMC core guidance" | "GMC explanatory guidance"
    ) {
        return Err(invalid(
            file,
            src,
            "source",
            format!(
                "source `{}` must be `GMC core guidance` or `GMC explanatory guidance`",
                raw.source
            ),
        ));
    }
    check_link(file, src, &raw.url)?;
    if raw.keywords.is_empty() {
        return Err(invalid(file, src, "keywords", "no keywords".to_string()));
    }
    for kw in raw.keywords.iter().chain(&raw.aliases) {
        if normalise_spelling(kw).is_empty() {
            return Err(invalid(
                file,
                src,
                &format!("\"{kw}\""),
                format!("keyword `{kw}` is empty"),
            ));
        }
    }
    let mut paragraphs = Vec::new();
    for p in raw.paragraphs {
        let needle = format!("number = \"{}\"", p.number);
        if !valid_number(&p.number) {
            return Err(invalid(
                file,
                src,
                &needle,
                format!("paragraph number `{}` is not a paragraph number", p.number),
            ));
        }
        let summary = p.summary.trim().to_string();
        if summary.is_empty() {
            return Err(invalid(
                file,
                src,
                &needle,
                format!("paragraph {}: empty summary", p.number),
            ));
        }
        if summary.chars().count() > SUMMARY_MAX_CHARS {
            return Err(invalid(
                file,
                src,
                &needle,
                format!(
                    "paragraph {}: summary longer than {SUMMARY_MAX_CHARS} characters",
                    p.number
                ),
            ));
        }
        let document = p.document.unwrap_or_else(|| raw.document.clone());
        let edition = p.edition.unwrap_or_else(|| raw.edition.clone());
        let label = if document == "Good medical practice" {
            format!("GMP {edition}")
        } else if document == raw.document {
            p.short.unwrap_or_else(|| raw.short.clone())
        } else {
            match p.short {
                Some(s) => s,
                None => {
                    return Err(invalid(
                        file,
                        src,
                        &needle,
                        format!(
                            "paragraph {}: a paragraph from `{document}` needs a `short` citation label",
                            p.number
                        ),
                    ));
                }
            }
        };
        let many = p.number.contains(['-', ',']);
        paragraphs.push(Paragraph {
            cite: format!(
                "{label} {} {}",
                if many { "paras" } else { "para" },
                p.number
            ),
            number: p.number,
            document: format!("{document} ({edition})"),
            summary,
        });
    }
    Ok(Topic {
        slug: raw.slug,
        title: raw.title,
        short: raw.short,
        source: raw.source,
        document: raw.document,
        edition: raw.edition,
        in_effect: raw.in_effect,
        superseded: raw.superseded,
        url: raw.url,
        paragraphs,
        keywords: raw.keywords,
        aliases: raw.aliases,
        related: raw.related,
        notes: raw.notes,
    })
}

/// Parse and validate a whole corpus given as `(file name, contents)` pairs.
/// Every problem is an error naming the file (and line where one is known);
/// nothing is half-loaded.
pub(crate) fn parse_corpus(files: &[(String, String)]) -> Result<Vec<Topic>, Error> {
    let mut topics = Vec::with_capacity(files.len());
    let mut slug_file: HashMap<String, &str> = HashMap::new();
    for (file, src) in files {
        let topic = parse_topic(file, src)?;
        if let Some(other) = slug_file.insert(topic.slug.clone(), file) {
            return Err(invalid(
                file,
                src,
                "slug",
                format!("duplicate slug `{}` (also in {other})", topic.slug),
            ));
        }
        topics.push(topic);
    }
    // Cross-file checks: related slugs exist, keywords unique across the corpus.
    let mut keyword_owner: HashMap<String, (&str, &str)> = HashMap::new();
    for ((file, src), topic) in files.iter().zip(&topics) {
        for rel in &topic.related {
            if rel == &topic.slug {
                return Err(invalid(
                    file,
                    src,
                    "related",
                    format!("topic `{rel}` lists itself as related"),
                ));
            }
            if !slug_file.contains_key(rel) {
                return Err(invalid(
                    file,
                    src,
                    &format!("\"{rel}\""),
                    format!("unknown related slug `{rel}`"),
                ));
            }
        }
        for kw in topic.keywords.iter().chain(&topic.aliases) {
            let key = normalise_spelling(kw);
            if let Some((other_file, other_kw)) = keyword_owner.insert(key.clone(), (file, kw)) {
                let where_ = if other_file == file {
                    "earlier in this file".to_string()
                } else {
                    format!("in {other_file}")
                };
                return Err(invalid(
                    file,
                    src,
                    &format!("\"{kw}\""),
                    format!("duplicate keyword `{kw}` (same as `{other_kw}` {where_})"),
                ));
            }
        }
    }
    Ok(topics)
}

/// Read every `*.toml` file of a directory, sorted by name.
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let io = |e: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        source: e,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let src = std::fs::read_to_string(&path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        files.push((name, src));
    }
    files.sort();
    Ok(files)
}
