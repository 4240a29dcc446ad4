//! The lookup: trust order, typos, no-match, the JSON contract, suggest, cite.

use caldicott_guidance::eval::{evaluate, parse_cases};
use caldicott_guidance::{ANSWER_MAX_CHARS, Guidance, SEE_ALSO_MAX, SUGGEST_MAX};

fn g() -> Guidance {
    Guidance::builtin().expect("corpus loads")
}

fn top(g: &Guidance, q: &str) -> Option<String> {
    g.lookup(q).topic
}

#[test]
fn misspellings_reach_the_right_topic() {
    let g = g();
    for (q, slug) in [
        ("chaprone", "chaperones"),
        ("confidentialty", "confidentiality"),
        ("whistelblowing", "raising-concerns"),
        ("safegaurding", "protecting-children"),
        ("consnet", "consent"),
        ("harrasment by my consultant", "colleagues-respect"),
        ("chaprones for intimate exams", "chaperones"),
        // Equally near corrections: the one that makes a curated phrase wins.
        ("speading ticket", "reporting-proceedings"),
        ("sexual harrasment", "sexual-behaviour-reporting"),
        ("GMP69", "social-media"),
    ] {
        assert_eq!(
            top(&g, q).as_deref(),
            Some(slug),
            "query {q:?}: {}",
            g.explain(q)
        );
    }
}

#[test]
fn lay_questions_reach_the_right_topic() {
    let g = g();
    for (q, slug) in [
        (
            "can I accept a gift from a patient",
            "conflicts-of-interest",
        ),
        ("patient sent me a friend request", "social-media"),
        ("can i post an xray on twitter", "social-media"),
        ("can I sack a patient", "ending-relationship"),
        (
            "a patient left me a one star google review",
            "responding-to-criticism",
        ),
        ("I got done for drink driving", "reporting-proceedings"),
        ("do I need a chaperone", "chaperones"),
        ("my consultant is bullying me", "colleagues-respect"),
    ] {
        assert_eq!(
            top(&g, q).as_deref(),
            Some(slug),
            "query {q:?}: {}",
            g.explain(q)
        );
    }
}

#[test]
fn old_gmp_numbers_are_aliases() {
    let g = g();
    assert_eq!(top(&g, "GMP 69").as_deref(), Some("social-media"));
    assert_eq!(
        top(&g, "gmp 2013 80").as_deref(),
        Some("conflicts-of-interest")
    );
    for (q, slug) in [
        ("GMP para 47", "chaperones"),
        ("GMP 2013 paragraph 53", "professional-boundaries"),
        (
            "what does paragraph 88 of good medical practice say",
            "confidentiality",
        ),
        ("gmp 2024 96", "conflicts-of-interest"),
    ] {
        assert_eq!(top(&g, q).as_deref(), Some(slug), "query {q:?}");
    }
}

#[test]
fn off_topic_questions_get_no_topic_and_say_so() {
    let g = g();
    for q in [
        "best pizza near the hospital",
        "rota swap",
        "what time is handover",
        "asdfgh qwerty",
    ] {
        let l = g.lookup(q);
        assert_eq!(
            l.topic,
            None,
            "query {q:?} answered {:?}: {}",
            l.topic,
            g.explain(q)
        );
        assert!(l.title.is_none() && l.url.is_none() && l.paragraphs.is_empty());
        assert!(l.answer.contains("could not find"), "{}", l.answer);
        assert!(
            !l.answer.contains(q),
            "the query must not be echoed into a channel"
        );
        assert!(l.see_also.len() <= SEE_ALSO_MAX);
    }
}

#[test]
fn empty_query_lists_the_topics() {
    let g = g();
    for q in ["", "   ", "?!"] {
        let l = g.lookup(q);
        assert_eq!(l.topic, None);
        assert!(l.answer.chars().count() < ANSWER_MAX_CHARS);
        for t in g.topics() {
            assert!(
                l.answer.contains(&t.slug),
                "{} missing from the list",
                t.slug
            );
        }
    }
}

#[test]
fn answers_carry_paragraph_numbers_link_and_see_also() {
    let g = g();
    let l = g.lookup("can I accept a gift from a patient");
    assert!(l.answer.contains("GMP 2024 para 96"), "{}", l.answer);
    assert!(l.answer.contains(l.url.as_deref().unwrap()));
    assert!(!l.paragraphs.is_empty() && l.paragraphs.len() <= 3);
    assert!(l.see_also.len() <= SEE_ALSO_MAX);
    assert!(!l.see_also.contains(&"conflicts-of-interest".to_string()));
    let mut dedup = l.see_also.clone();
    dedup.dedup();
    assert_eq!(dedup, l.see_also);
}

#[test]
fn json_contract_has_exactly_the_interface_fields() {
    let g = g();
    for q in ["chaprone", "best pizza near the hospital"] {
        let v = serde_json::to_value(g.lookup(q)).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "answer",
                "paragraphs",
                "query",
                "see_also",
                "source",
                "title",
                "topic",
                "url"
            ]
        );
        assert_eq!(v["query"], q);
        assert!(v["see_also"].is_array() && v["paragraphs"].is_array());
    }
    let miss = serde_json::to_value(g.lookup("rota swap")).unwrap();
    assert!(miss["topic"].is_null());
}

#[test]
fn chaperone_answer_snapshot() {
    insta::assert_json_snapshot!(g().lookup("chaprone"));
}

#[test]
fn suggest_prefix_and_fuzzy() {
    let g = g();
    assert_eq!(g.suggest("").len(), g.topics().len().min(SUGGEST_MAX));
    let conf = g.suggest("conf");
    let slugs: Vec<&str> = conf.iter().map(|(s, _)| s.as_str()).collect();
    assert!(
        slugs[..2].contains(&"confidentiality") && slugs[..2].contains(&"conflicts-of-interest"),
        "{slugs:?}"
    );
    assert_eq!(g.suggest("chap")[0].0, "chaperones");
    assert_eq!(g.suggest("gift")[0].0, "conflicts-of-interest");
    assert_eq!(g.suggest("whistle")[0].0, "raising-concerns");
    assert_eq!(g.suggest("chaprone")[0].0, "chaperones");
    assert!(g.suggest("zzzzzz").is_empty());
    for s in ["c", "s", "p", "e"] {
        assert!(g.suggest(s).len() <= SUGGEST_MAX);
    }
}

#[test]
fn cite_gives_one_line_with_paragraphs_and_link() {
    let g = g();
    let c = g.cite("confidentiality").unwrap();
    assert!(c.starts_with("GMC Confidentiality (2017) paras 1, 119; GMP 2024 paras 88, 16, 71: https://www.gmc-uk.org/"), "{c}");
    assert!(!c.contains('\n'));
    assert!(g.cite("no-such-topic").is_none());
    for t in g.topics() {
        let c = g.cite(&t.slug).unwrap();
        assert!(c.ends_with(&t.url) && !c.contains('\n'), "{c}");
    }
}

#[test]
fn own_eval_set_meets_its_targets() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/eval/lookups.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let cases = parse_cases(path, &text).unwrap();
    assert!(cases.len() >= 120 && cases.iter().filter(|c| c.expected.is_empty()).count() >= 20);
    let g = g();
    for c in &cases {
        for slug in &c.expected {
            assert!(g.topic(slug).is_some(), "{}: unknown slug {slug}", c.id);
        }
    }
    let r = evaluate(&g, &cases);
    assert!(
        r.top1 >= 0.90 && r.top3 >= 0.97 && r.off_topic_no_match >= 0.9,
        "{}",
        r.render()
    );
}

#[test]
fn eval_file_errors_name_the_line() {
    let e = parse_cases(
        "q.jsonl",
        "{\"id\":\"a\",\"query\":\"x\",\"expected\":[]}\n{\"id\":1}\n",
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("q.jsonl:2:"), "{e}");
}

/// Each of these once got an answer through a stem or spelling collision:
/// hospital/hospitality, consultant/consultancy, registration/deregistration
/// (two edits), report/reporter, manage/management, revision/decision,
/// accountant/accountability, "my number" losing "my".
#[test]
fn regression_stem_and_typo_collisions_do_not_answer_off_topic_questions() {
    let g = g();
    for q in [
        "best pizza near the hospital",
        "who's the consultant on today",
        "how do i renew my gmc registration",
        "how to report a faulty infusion pump",
        "how to manage DKA",
        "exam revision tips",
        "does anyone know a good accountant for doctors",
        "what is the gmc number format",
        "anyone want coffee",
    ] {
        assert_eq!(top(&g, q), None, "query {q:?}: {}", g.explain(q));
    }
}

#[test]
fn no_match_without_suggestions_offers_the_common_topics() {
    let l = g().lookup("rota swap");
    assert_eq!(l.topic, None);
    assert!(
        l.answer.contains("confidentiality:") && l.answer.contains("social-media:"),
        "{}",
        l.answer
    );
}

fn eval_file(path: &str) -> caldicott_guidance::eval::EvalReport {
    let text = std::fs::read_to_string(path).unwrap();
    let cases = parse_cases(path, &text).unwrap();
    evaluate(&g(), &cases)
}

/// `data/eval/lookups2.jsonl` was written before the second round of tuning
/// (without reading the synonym lists) and then tuned on: it guards against
/// regressions, it does not measure generalisation.
#[test]
fn second_eval_set_meets_its_targets() {
    let r = eval_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/eval/lookups2.jsonl"
    ));
    assert!(r.queries >= 150 && r.off_topic >= 20);
    assert!(
        r.top1 >= 0.95 && r.top3 >= 0.97 && r.off_topic_no_match >= 0.95,
        "{}",
        r.render()
    );
}

/// `tests/probes/lookups6.jsonl` was written after the tuning and never
/// tuned on: the closest thing to a held-out figure we have (0.911 top-1
/// when it was written). A drop well below that means a change generalises
/// worse.
#[test]
fn untuned_probe_set_stays_near_its_first_figure() {
    let r = eval_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/probes/lookups6.jsonl"
    ));
    assert!(
        r.top1 >= 0.85 && r.off_topic_no_match >= 0.8,
        "{}",
        r.render()
    );
}

#[test]
fn chat_short_forms_are_read_as_words() {
    let g = g();
    for (q, slug) in [
        ("conf", "confidentiality"),
        ("SM", "social-media"),
        ("sm policy for juniors", "social-media"),
        ("COI", "conflicts-of-interest"),
        ("pts mum phoned asking about his bloods", "confidentiality"),
        ("DMing an ex pt", "professional-boundaries"),
        ("documentation for a candor conversation", "candour"),
    ] {
        assert_eq!(
            top(&g, q).as_deref(),
            Some(slug),
            "query {q:?}: {}",
            g.explain(q)
        );
    }
    // "conf" inside a longer query is not read as confidentiality.
    assert_ne!(
        top(&g, "is the conf on friday").as_deref(),
        Some("confidentiality")
    );
}

/// A curated phrase's class word stands for its whole class: "tell my mum"
/// also reads "tell my grandad", "rude consultant" reads "rude midwife".
#[test]
fn word_classes_generalise_curated_phrases() {
    let g = g();
    for (q, slug) in [
        ("can i tell my grandad about a patient", "confidentiality"),
        ("rude midwife on labour ward", "colleagues-respect"),
        ("locum turned up drunk", "raising-concerns"),
        ("bruising on a newborn's ear", "protecting-children"),
        ("patient's carer gave me a hamper", "conflicts-of-interest"),
        (
            "the patient's dad wants to give me £200",
            "conflicts-of-interest",
        ),
        ("wrong insulin given, how do I tell the patient", "candour"),
        ("pt followed me on tumblr", "social-media"),
    ] {
        assert_eq!(
            top(&g, q).as_deref(),
            Some(slug),
            "query {q:?}: {}",
            g.explain(q)
        );
    }
}

/// Phrase words in order with other words between them still count, but
/// less than the contiguous phrase; any order counts less again.
#[test]
fn phrase_words_may_be_apart() {
    let g = g();
    assert_eq!(
        top(&g, "my registrar keeps on making prescribing errors").as_deref(),
        Some("raising-concerns"),
        "{}",
        g.explain("my registrar keeps on making prescribing errors")
    );
}

/// Weak one-word keywords (people, "clinic", "online") do not answer a
/// longer query by themselves, and one query word cannot fill two words of a
/// phrase ("travel" is not "conference travel").
#[test]
fn weak_words_and_reused_words_do_not_answer_off_topic_questions() {
    let g = g();
    for q in [
        "paracetamol dose for kids",
        "flu jab clinic on tuesday",
        "cheapest scrubs online",
        "claim back my travel expenses",
        "new starters induction day",
        "what time is the consultant ward round",
    ] {
        assert_eq!(top(&g, q), None, "query {q:?}: {}", g.explain(q));
    }
    // Alone, the weak word still finds its topic.
    assert_eq!(top(&g, "kids").as_deref(), Some("protecting-children"));
}

/// Ranked search alone needs a found word that is more than an everyday
/// one (medicines and people are everyday words in clinical chat), and a
/// topic found only through a weak phrase gives way to one found through a
/// real curated phrase below it.
#[test]
fn everyday_words_do_not_answer_and_weak_phrases_give_way() {
    let g = g();
    assert_eq!(top(&g, "which app do you use for drug doses"), None);
    for (q, slug) in [
        (
            "my clinical supervisor is so condescending",
            "colleagues-respect",
        ),
        ("colleague turns up stoned", "raising-concerns"),
    ] {
        assert_eq!(
            top(&g, q).as_deref(),
            Some(slug),
            "query {q:?}: {}",
            g.explain(q)
        );
    }
}
