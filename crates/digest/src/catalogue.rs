//! The curated catalogue of #FOAMed items, embedded from `data/foamed/*.toml`
//! at build time and validated when loaded.
//!
//! One file per source. Each file has a `[source]` table (name, home page,
//! licence) and one `[[item]]` table per item: `id`, `title`, `url`, `tags`,
//! `teaser` (one line in our own words; never the article's text), and
//! `confirmed` (how the link was confirmed to exist). An item may override
//! the source's `licence`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::Error;

static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../data/foamed");

/// Where the embedded catalogue lives, for error messages.
pub const DATA_DIR: &str = "data/foamed";

/// Longest teaser we accept, in characters: a teaser is one line, not an
/// excerpt.
pub const TEASER_MAX_CHARS: usize = 200;

/// Longest title we accept, in characters.
pub const TITLE_MAX_CHARS: usize = 120;

/// The topic tags a channel can subscribe to, with a human label.
pub const KNOWN_TAGS: &[(&str, &str)] = &[
    ("emergency-medicine", "Emergency medicine"),
    ("paediatrics", "Paediatrics"),
    ("ecg", "ECG interpretation"),
    ("cardiology", "Cardiology"),
    ("critical-care", "Critical care"),
    ("toxicology", "Toxicology"),
    ("ethics-professionalism", "Ethics and professionalism"),
    ("radiology", "Radiology and imaging"),
    ("trauma", "Trauma"),
    ("infection", "Infection and sepsis"),
    ("endocrine", "Endocrine and metabolic"),
    ("evidence", "Trials and evidence appraisal"),
    ("education", "Medical education"),
    ("neurology", "Neurology"),
    ("gastroenterology", "Gastroenterology and liver"),
    ("respiratory", "Respiratory"),
    ("pharmacology", "Pharmacology"),
];

/// Whether `tag` is one of [`KNOWN_TAGS`].
pub fn is_known_tag(tag: &str) -> bool {
    KNOWN_TAGS.iter().any(|(t, _)| *t == tag)
}

/// One catalogue item as the rest of the bot sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    /// The source's display name, e.g. "Life in the Fast Lane (LITFL)".
    pub source: String,
    pub url: String,
    pub tags: Vec<String>,
    pub teaser: String,
    pub licence: Option<String>,
    /// How the link was confirmed to exist (evidence note).
    pub confirmed: String,
    /// The catalogue file the item came from.
    pub file: String,
}

impl Item {
    /// Whether the item matches a channel's tag filter (empty = all tags).
    pub fn matches(&self, tags: &[String]) -> bool {
        tags.is_empty() || self.tags.iter().any(|t| tags.contains(t))
    }
}

/// The validated catalogue, items in a stable order (by id).
#[derive(Debug, Clone)]
pub struct Catalogue {
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    source: RawSource,
    #[serde(default)]
    item: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    home: String,
    licence: Option<String>,
    feed: Option<String>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    title: String,
    url: String,
    tags: Vec<String>,
    teaser: String,
    licence: Option<String>,
    confirmed: String,
}

impl Catalogue {
    /// The catalogue embedded in the binary from `data/foamed/*.toml`.
    pub fn embedded() -> Result<Self, Error> {
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        for file in DATA.files() {
            if file.path().extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let path = Path::new(DATA_DIR).join(file.path());
            let text = file.contents_utf8().ok_or_else(|| Error::CatalogueSyntax {
                file: path.clone(),
                line: 1,
                message: "file is not UTF-8".into(),
            })?;
            files.push((path, text.to_owned()));
        }
        files.sort();
        Self::from_files(&files)
    }

    /// Build and validate a catalogue from `(path, text)` pairs. The first
    /// problem found is returned, naming the file, line and item.
    pub fn from_files(files: &[(PathBuf, String)]) -> Result<Self, Error> {
        let mut items = Vec::new();
        let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut urls: BTreeMap<String, String> = BTreeMap::new();
        for (path, text) in files {
            let raw: RawFile = toml::from_str(text).map_err(|e| Error::CatalogueSyntax {
                file: path.clone(),
                line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
                message: e.message().to_owned(),
            })?;
            check_source(path, text, &raw.source)?;
            for it in raw.item {
                let line = find_line(text, &format!("\"{}\"", it.id));
                let fail = |reason: String| Error::CatalogueItem {
                    file: path.clone(),
                    line,
                    item: it.id.clone(),
                    reason,
                };
                check_item(&it).map_err(fail)?;
                if let Some(prev) = ids.insert(it.id.clone(), path.clone()) {
                    return Err(fail(format!("duplicate id (also in {})", prev.display())));
                }
                let key = normalise_url(&it.url);
                if let Some(prev) = urls.insert(key, it.id.clone()) {
                    return Err(fail(format!("duplicate link (same as item `{prev}`)")));
                }
                items.push(Item {
                    id: it.id,
                    title: it.title,
                    source: raw.source.name.clone(),
                    url: it.url,
                    tags: it.tags,
                    teaser: it.teaser,
                    licence: it.licence.or_else(|| raw.source.licence.clone()),
                    confirmed: it.confirmed,
                    file: path.display().to_string(),
                });
            }
        }
        items.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Self { items })
    }

    /// All items, sorted by id.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item with this id.
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
            .map(|ix| &self.items[ix])
    }

    /// Items matching a tag filter (empty = every item).
    pub fn matching<'a>(&'a self, tags: &'a [String]) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.matches(tags))
    }

    /// How many items carry each known tag (tags with no items included).
    pub fn tag_counts(&self) -> Vec<(&'static str, &'static str, usize)> {
        KNOWN_TAGS
            .iter()
            .map(|(t, label)| {
                let n = self
                    .items
                    .iter()
                    .filter(|i| i.tags.iter().any(|x| x == t))
                    .count();
                (*t, *label, n)
            })
            .collect()
    }
}

fn check_source(path: &Path, text: &str, s: &RawSource) -> Result<(), Error> {
    let line = find_line(text, "[source]");
    let fail = |reason: String| Error::CatalogueSyntax {
        file: path.to_path_buf(),
        line,
        message: reason,
    };
    if s.name.trim().is_empty() {
        return Err(fail("source: empty `name`".into()));
    }
    check_https(&s.home).map_err(|r| fail(format!("source `home`: {r}")))?;
    if let Some(feed) = &s.feed {
        check_https(feed).map_err(|r| fail(format!("source `feed`: {r}")))?;
    }
    let _ = &s.notes;
    Ok(())
}

fn check_item(it: &RawItem) -> Result<(), String> {
    if it.id.is_empty()
        || !it
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("id must be non-empty lowercase letters, digits and '-'".into());
    }
    let title = it.title.trim();
    if title.is_empty() {
        return Err("empty title".into());
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(format!("title longer than {TITLE_MAX_CHARS} characters"));
    }
    check_https(&it.url).map_err(|r| format!("url: {r}"))?;
    let teaser = it.teaser.trim();
    if teaser.is_empty() {
        return Err("empty teaser".into());
    }
    if teaser.contains('\n') {
        return Err("teaser must be one line".into());
    }
    if teaser.chars().count() > TEASER_MAX_CHARS {
        return Err(format!("teaser longer than {TEASER_MAX_CHARS} characters"));
    }
    if it.tags.is_empty() {
        return Err("no tags".into());
    }
    let mut seen = BTreeSet::new();
    for t in &it.tags {
        if !is_known_tag(t) {
            return Err(format!("unknown tag `{t}` (known: {})", known_tag_list()));
        }
        if !seen.insert(t) {
            return Err(format!("tag `{t}` listed twice"));
        }
    }
    if it.confirmed.trim().is_empty() {
        return Err("empty `confirmed` note: say how the link was confirmed".into());
    }
    Ok(())
}

fn known_tag_list() -> String {
    KNOWN_TAGS
        .iter()
        .map(|(t, _)| *t)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A well-formed absolute https URL with a host and no credentials.
pub(crate) fn check_https(raw: &str) -> Result<(), String> {
    if raw != raw.trim() || raw.chars().any(char::is_whitespace) {
        return Err(format!("`{raw}` contains whitespace"));
    }
    let u = url::Url::parse(raw).map_err(|e| format!("`{raw}` is not a URL: {e}"))?;
    if u.scheme() != "https" {
        return Err(format!("`{raw}` is not https"));
    }
    match u.host_str() {
        Some(h) if h.contains('.') => {}
        _ => return Err(format!("`{raw}` has no proper host")),
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(format!("`{raw}` carries credentials"));
    }
    Ok(())
}

/// Links that differ only by case of the host, a `www.` prefix or a trailing
/// slash are the same page.
fn normalise_url(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    let no_scheme = lower.trim_start_matches("https://");
    let no_www = no_scheme.trim_start_matches("www.");
    no_www.trim_end_matches('/').to_owned()
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

fn find_line(text: &str, needle: &str) -> usize {
    text.find(needle).map(|ix| line_of(text, ix)).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<Catalogue, Error> {
        Catalogue::from_files(&[(PathBuf::from("data/foamed/test.toml"), text.to_owned())])
    }

    const HEAD: &str = "[source]\nname = \"Test\"\nhome = \"https://example.org\"\n\n";

    fn item(id: &str, url: &str, tags: &str) -> String {
        format!(
            "[[item]]\nid = \"{id}\"\ntitle = \"T {id}\"\nurl = \"{url}\"\ntags = {tags}\nteaser = \"A teaser.\"\nconfirmed = \"test\"\n\n"
        )
    }

    #[test]
    fn embedded_catalogue_is_valid_and_large_enough() {
        let c = Catalogue::embedded().expect("embedded catalogue validates");
        assert!(c.items().len() >= 80, "only {} items", c.items().len());
        for it in c.items() {
            assert!(it.url.starts_with("https://"), "{}", it.id);
            assert!(!it.teaser.is_empty());
        }
        // Every known tag that a channel can pick has at least one item,
        // except the ones we say are empty.
        for (tag, _, n) in c.tag_counts() {
            assert!(n > 0, "no item carries tag {tag}");
        }
    }

    #[test]
    fn good_file_loads_with_source_licence() {
        let text = format!(
            "[source]\nname = \"Test\"\nhome = \"https://example.org\"\nlicence = \"CC BY 4.0\"\n\n{}",
            item("a", "https://example.org/a", "[\"ecg\"]")
        );
        let c = one(&text).unwrap();
        assert_eq!(c.items()[0].licence.as_deref(), Some("CC BY 4.0"));
        assert_eq!(c.get("a").unwrap().source, "Test");
    }

    #[test]
    fn http_link_is_rejected_with_file_line_and_item() {
        let text = format!(
            "{HEAD}{}",
            item("plain", "http://example.org/a", "[\"ecg\"]")
        );
        let err = one(&text).unwrap_err().to_string();
        assert!(err.contains("data/foamed/test.toml:6"), "{err}");
        assert!(err.contains("`plain`"), "{err}");
        assert!(err.contains("not https"), "{err}");
    }

    #[test]
    fn malformed_link_is_rejected() {
        let text = format!(
            "{HEAD}{}",
            item("bad", "https://exa mple.org/", "[\"ecg\"]")
        );
        assert!(one(&text).unwrap_err().to_string().contains("whitespace"));
        let text = format!("{HEAD}{}", item("bad", "https://localhost/", "[\"ecg\"]"));
        assert!(one(&text).unwrap_err().to_string().contains("host"));
        let text = format!("{HEAD}{}", item("bad", "not a url", "[\"ecg\"]"));
        assert!(one(&text).is_err());
    }

    #[test]
    fn duplicate_id_and_link_are_rejected() {
        let text = format!(
            "{HEAD}{}{}",
            item("a", "https://example.org/a", "[\"ecg\"]"),
            item("a", "https://example.org/b", "[\"ecg\"]")
        );
        assert!(one(&text).unwrap_err().to_string().contains("duplicate id"));
        let text = format!(
            "{HEAD}{}{}",
            item("a", "https://example.org/a", "[\"ecg\"]"),
            item("b", "https://www.example.org/a/", "[\"ecg\"]")
        );
        let err = one(&text).unwrap_err().to_string();
        assert!(
            err.contains("duplicate link") && err.contains("`b`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_tag_empty_teaser_and_syntax_errors() {
        let text = format!(
            "{HEAD}{}",
            item("a", "https://example.org/a", "[\"astrology\"]")
        );
        assert!(
            one(&text)
                .unwrap_err()
                .to_string()
                .contains("unknown tag `astrology`")
        );
        let text = format!("{HEAD}{}", item("a", "https://example.org/a", "[]"));
        assert!(one(&text).unwrap_err().to_string().contains("no tags"));
        let bad = format!("{HEAD}{}", item("a", "https://example.org/a", "[\"ecg\"]"))
            .replace("A teaser.", " ");
        assert!(one(&bad).unwrap_err().to_string().contains("empty teaser"));
        let err = one("[source]\nname = \"x\"\nhome = \"https://e.org\"\n[[item]]\nid = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("data/foamed/test.toml:5"), "{err}");
    }
}
