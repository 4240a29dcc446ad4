//! The corpus: the real one loads and is complete; every validation error
//! names its file (and line where one is known).

use caldicott_guidance::{ANSWER_MAX_CHARS, Error, Guidance};

/// The slugs `guidance-topics.md` requires.
const REQUIRED: &[&str] = &[
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

fn corpus_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/guidance")
}

#[test]
fn builtin_corpus_loads_and_covers_every_required_slug() {
    let g = Guidance::builtin().expect("built-in corpus is valid");
    for slug in REQUIRED {
        assert!(g.topic(slug).is_some(), "missing topic {slug}");
    }
}

#[test]
fn corpus_on_disk_walks_clean_and_matches_the_embedded_copy() {
    let disk = Guidance::load_dir(corpus_dir()).expect("data/guidance is valid");
    let builtin = Guidance::builtin().unwrap();
    let slugs = |g: &Guidance| {
        g.topics()
            .iter()
            .map(|t| t.slug.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(slugs(&disk), slugs(&builtin));
    for t in disk.topics() {
        assert!(
            t.url.starts_with("https://www.gmc-uk.org/"),
            "{}: {}",
            t.slug,
            t.url
        );
        assert!(
            !t.url.contains("/ethical-guidance/"),
            "{}: links a superseded page",
            t.slug
        );
        assert!(!t.keywords.is_empty(), "{}", t.slug);
        for p in &t.paragraphs {
            assert!(
                !p.summary.is_empty() && !p.document.is_empty() && p.cite.contains(&p.number),
                "{}",
                t.slug
            );
        }
        // Topics without any confirmed paragraph number must say why.
        if t.paragraphs.is_empty() {
            assert!(
                !t.notes.is_empty(),
                "{} has no paragraphs and no note",
                t.slug
            );
        }
    }
}

#[test]
fn gmp_2024_paragraphs_are_labelled_with_their_edition() {
    let g = Guidance::builtin().unwrap();
    let p = g
        .topic("social-media")
        .unwrap()
        .paragraphs
        .iter()
        .find(|p| p.number == "88")
        .unwrap();
    assert_eq!(p.document, "Good medical practice (2024)");
    assert_eq!(p.cite, "GMP 2024 para 88");
    let old = g
        .topic("reporting-proceedings")
        .unwrap()
        .paragraphs
        .iter()
        .find(|p| p.number == "75")
        .unwrap();
    assert_eq!(
        old.cite, "GMP 2013 para 75",
        "the 2013 number must not pass for a 2024 one"
    );
}

#[test]
fn every_slug_answers_its_own_title_within_the_limit() {
    let g = Guidance::builtin().unwrap();
    for t in g.topics() {
        for q in [t.slug.as_str(), t.title.as_str()] {
            let l = g.lookup(q);
            assert_eq!(l.topic.as_deref(), Some(t.slug.as_str()), "query {q:?}");
            assert!(
                l.answer.chars().count() < ANSWER_MAX_CHARS,
                "{q}: {} chars",
                l.answer.chars().count()
            );
            assert!(l.answer.contains(&t.url));
        }
        for kw in t.keywords.iter().chain(&t.aliases) {
            let l = g.lookup(kw);
            assert_eq!(l.topic.as_deref(), Some(t.slug.as_str()), "keyword {kw:?}");
            assert!(l.answer.chars().count() < ANSWER_MAX_CHARS);
        }
    }
}

// ---- validation errors ---------------------------------------------------

fn topic(slug: &str, related: &str, keyword: &str, url: &str, summary: &str) -> (String, String) {
    (
        format!("{slug}.toml"),
        format!(
            r#"slug = "{slug}"
title = "Title of {slug}"
short = "Short {slug}"
source = "GMC explanatory guidance"
document = "Document {slug}"
edition = "2024"
url = "{url}"
related = [{related}]
keywords = ["{keyword}"]

[[paragraphs]]
number = "12"
summary = "{summary}"
"#
        ),
    )
}

const URL: &str = "https://www.gmc-uk.org/professional-standards/x";

fn err(files: &[(String, String)]) -> Error {
    Guidance::from_files(files).expect_err("should be rejected")
}

#[test]
fn valid_minimal_corpus_loads() {
    let g = Guidance::from_files(&[
        topic("alpha", r#""beta""#, "first", URL, "Do the first thing."),
        topic("beta", "", "second", URL, "Do the second thing."),
    ])
    .unwrap();
    assert_eq!(g.topics().len(), 2);
}

#[test]
fn unknown_related_slug_is_an_error_naming_file_and_line() {
    let e = err(&[topic("alpha", r#""gamma""#, "first", URL, "x")]);
    let msg = e.to_string();
    assert!(msg.starts_with("alpha.toml:8:"), "{msg}");
    assert!(msg.contains("unknown related slug `gamma`"), "{msg}");
}

#[test]
fn empty_summary_is_an_error_naming_the_paragraph() {
    let e = err(&[topic("alpha", "", "first", URL, "   ")]);
    let msg = e.to_string();
    assert!(
        msg.starts_with("alpha.toml:12:") && msg.contains("paragraph 12: empty summary"),
        "{msg}"
    );
}

#[test]
fn non_https_link_is_an_error() {
    let e = err(&[topic("alpha", "", "first", "http://www.gmc-uk.org/x", "x")]);
    assert!(e.to_string().contains("is not https"), "{e}");
    assert_eq!(e.file(), "alpha.toml");
}

#[test]
fn link_off_gmc_or_publisher_is_an_error() {
    let e = err(&[topic("alpha", "", "first", "https://example.com/gmc", "x")]);
    assert!(e.to_string().contains("not on gmc-uk.org"), "{e}");
}

#[test]
fn duplicate_keyword_across_topics_is_an_error_naming_both_files() {
    let e = err(&[
        topic("alpha", "", "Gift", URL, "x"),
        topic("beta", "", "gift", URL, "y"),
    ]);
    let msg = e.to_string();
    assert!(msg.starts_with("beta.toml:9:"), "{msg}");
    assert!(
        msg.contains("duplicate keyword `gift`") && msg.contains("alpha.toml"),
        "{msg}"
    );
}

#[test]
fn duplicate_slug_is_an_error() {
    let a = topic("alpha", "", "first", URL, "x");
    let b = topic("alpha", "", "second", URL, "y");
    let e = err(&[a, b]);
    assert!(e.to_string().contains("duplicate slug `alpha`"), "{e}");
}

#[test]
fn slug_must_match_file_name() {
    let (_, src) = topic("alpha", "", "first", URL, "x");
    let e = err(&[("other.toml".into(), src)]);
    assert!(
        e.to_string().contains("does not match the file name"),
        "{e}"
    );
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let (name, src) = topic("alpha", "", "first", URL, "x");
    let broken = src.replace("edition = \"2024\"", "edition = 2024\"");
    let e = err(&[(name, broken)]);
    match e {
        Error::Toml { ref file, line, .. } => {
            assert_eq!(file, "alpha.toml");
            assert_eq!(line, 6, "{e}");
        }
        other => panic!("expected a TOML error, got {other}"),
    }
}

#[test]
fn unknown_field_is_rejected_with_its_line() {
    let (name, src) = topic("alpha", "", "first", URL, "x");
    let e = err(&[(
        name,
        src.replace(
            "edition = \"2024\"",
            "edition = \"2024\"\nedtion = \"typo\"",
        ),
    )]);
    let msg = e.to_string();
    assert!(
        msg.starts_with("alpha.toml:7:") && msg.contains("edtion"),
        "{msg}"
    );
}

#[test]
fn paragraph_from_another_document_needs_a_citation_label() {
    let (name, src) = topic("alpha", "", "first", URL, "x");
    let src = src.replace(
        "number = \"12\"",
        "number = \"12\"\ndocument = \"Other guidance\"",
    );
    let e = err(&[(name, src)]);
    assert!(
        e.to_string().contains("needs a `short` citation label"),
        "{e}"
    );
}

#[test]
fn missing_directory_is_an_io_error_naming_it() {
    let e = Guidance::load_dir("/nonexistent/guidance").expect_err("no such dir");
    assert!(matches!(e, Error::Io { .. }));
    assert!(e.to_string().starts_with("/nonexistent/guidance"), "{e}");
}

#[test]
fn load_dir_reads_toml_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let (name, src) = topic("alpha", "", "first", URL, "x");
    std::fs::write(dir.path().join(name), src).unwrap();
    std::fs::write(dir.path().join("README.md"), "not a topic").unwrap();
    let g = Guidance::load_dir(dir.path()).unwrap();
    assert_eq!(g.topics().len(), 1);
}

#[test]
fn guidance_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Guidance>();
}
