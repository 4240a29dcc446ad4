//! Text analysis shared by the corpus index and the queries: word splitting,
//! stop words (the NLTK English list from the `stop-words` crate), Snowball
//! English stemming (`rust-stemmers`) and edit distance (`strsim`).

use std::collections::{HashMap, HashSet};

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
    "time", "times", "day", "days", "week", "weeks", "month", "everything", "anything", "nothing",
    "everyone", "anybody", "somebody", "everybody", "round", "rounds",
];

/// Words that never change which phrase is meant: "sack a patient" and
/// "sack my patient" are the same phrase.
#[rustfmt::skip]
const FILLER_WORDS: &[&str] = &[
    "a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these", "those",
    "i", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "just", "really", "very",
    "so", "some", "any", "para", "paras", "paragraph", "paragraphs",
];

/// Short forms, chat spellings, irregular verb forms and US spellings, read
/// as the words they stand for before anything else (in queries and in the
/// corpus alike): "pt" is "patient", "sm" is "social media", "gave" is
/// "give" (the stemmer leaves irregular forms alone), "candor" is "candour".
/// Only forms with one reading in questions about professional conduct.
#[rustfmt::skip]
const EXPANSIONS: &[(&str, &str)] = &[
    // Chat short forms.
    ("pt", "patient"), ("pts", "patients"), ("ppl", "people"), ("abt", "about"),
    ("wat", "what"), ("wot", "what"), ("whats", "what"), ("hows", "how"), ("whos", "who"),
    ("dont", "do not"), ("cant", "can not"), ("cannot", "can not"), ("wont", "will not"),
    ("shouldnt", "should not"), ("isnt", "is not"), ("doesnt", "does not"), ("didnt", "did not"),
    ("r", "are"), ("ya", "you"), ("thx", "thanks"), ("coz", "because"), ("cos", "because"),
    ("yo", "year old"), ("yr", "year"), ("yrs", "years"), ("yrold", "year old"),
    ("msg", "message"), ("msgs", "messages"),
    ("pic", "picture"), ("pics", "pictures"), ("piccy", "picture"), ("vid", "video"), ("vids", "videos"),
    ("xray", "x ray"), ("xrays", "x rays"), ("doc", "doctor"), ("docs", "doctors"),
    ("bf", "boyfriend"), ("gf", "girlfriend"), ("hubby", "husband"), ("missus", "wife"),
    ("mate", "friend"), ("mates", "friends"), ("reg", "registrar"), ("regs", "registrars"),
    ("uni", "university"), ("meds", "medication"), ("abx", "antibiotics"),
    // Professional abbreviations.
    ("sm", "social media"), ("socmed", "social media"), ("fb", "facebook"), ("insta", "instagram"),
    ("ig", "instagram"), ("coi", "conflict of interest"), ("cois", "conflicts of interest"),
    ("nai", "non accidental injury"),
    ("csa", "child sexual abuse"), ("cse", "child sexual exploitation"),
    // Irregular verb forms.
    ("gave", "give"), ("given", "give"), ("told", "tell"), ("sent", "send"), ("took", "take"),
    ("taken", "take"), ("made", "make"), ("wrote", "write"), ("written", "write"), ("saw", "see"),
    ("seen", "see"), ("rang", "ring"), ("rung", "ring"), ("kept", "keep"), ("met", "meet"),
    ("slept", "sleep"), ("bought", "buy"), ("brought", "bring"), ("caught", "catch"),
    ("spoke", "speak"), ("spoken", "speak"), ("felt", "feel"), ("stole", "steal"),
    ("stolen", "steal"), ("threw", "throw"), ("found", "find"), ("lost", "lose"), ("paid", "pay"),
    ("went", "go"), ("gone", "go"), ("drank", "drink"), ("swore", "swear"),
    ("sworn", "swear"), ("hid", "hide"), ("hidden", "hide"), ("shook", "shake"), ("fell", "fall"),
    // US spellings.
    ("candor", "candour"), ("behavior", "behaviour"), ("behaviors", "behaviours"),
    ("license", "licence"), ("offense", "offence"), ("offenses", "offences"), ("defense", "defence"),
    ("pediatric", "paediatric"), ("pediatrics", "paediatrics"), ("anesthetist", "anaesthetist"),
    ("practicing", "practising"), ("counseling", "counselling"), ("judgment", "judgement"),
];

/// A query that is nothing but one of these short forms means the topic;
/// inside a longer query they are ambiguous ("conf" may be a conference).
#[rustfmt::skip]
const WHOLE_QUERY_FORMS: &[(&str, &str)] = &[
    ("conf", "confidentiality"), ("confi", "confidentiality"), ("confid", "confidentiality"),
    ("confidentiality guidance", "confidentiality"), ("boundaries", "professional boundaries"),
];

/// Curated word classes: in a multi-word curated phrase, a word from one of
/// these classes matches any word of its class, so "tell my mum" also reads
/// "tell my dad" and "tell the wife", and "rude consultant" reads "rude
/// nurse". A one-word phrase matches only itself ("colleague" does not
/// make every mention of a nurse a question about colleagues), except in
/// [`STANDALONE_CLASSES`].
#[rustfmt::skip]
const WORD_CLASSES: &[(&str, &[&str])] = &[
    ("@relative", &[
        "relative", "relatives", "family", "families", "mum", "mom", "mother", "dad", "father",
        "parent", "parents", "wife", "husband", "partner", "spouse", "boyfriend", "girlfriend",
        "fiance", "fiancee", "son", "daughter", "brother", "sister", "sibling", "siblings",
        "grandmother", "grandfather", "grandma", "grandad", "granny", "nan", "aunt", "uncle",
        "cousin", "stepdad", "stepmum", "stepfather", "stepmother", "kin", "carer", "carers",
    ]),
    ("@child", &[
        "child", "children", "kid", "kids", "baby", "babies", "infant", "infants", "toddler",
        "toddlers", "newborn", "neonate", "minor", "minors", "teenager", "teenagers", "teen",
        "teens", "adolescent", "adolescents", "youngster", "schoolchild", "juvenile",
    ]),
    ("@colleague", &[
        "colleague", "colleagues", "consultant", "consultants", "registrar", "registrars",
        "senior", "seniors", "boss", "supervisor", "nurse", "nurses", "junior", "juniors",
        "coworker", "coworkers", "surgeon", "surgeons", "anaesthetist", "trainee", "trainees",
        "gp", "gps", "fy1", "fy2", "f1", "f2", "sho", "locum", "locums", "es", "cs", "midwife", "midwives", "pharmacist",
        "physio", "hca", "matron",
    ]),
    ("@intoxicant", &[
        "alcohol", "drunk", "drink", "drinking", "drinks", "booze", "boozy", "intoxicated",
        "tipsy", "inebriated", "hungover", "hangover", "weed", "cannabis", "cocaine", "coke",
        "stoned", "ketamine", "mdma", "ecstasy",
    ]),
    ("@faith", &[
        "religion", "religions", "religious", "faith", "faiths", "belief", "beliefs",
        "christian", "christians", "catholic", "catholics", "muslim", "muslims", "jewish", "hindu",
        "sikh", "buddhist", "church", "mosque", "synagogue", "temple", "god", "pray", "praying",
        "prayer", "prayers", "conscience",
    ]),
    ("@medicine", &[
        "medication", "medications", "medicine", "medicines", "antibiotic", "antibiotics",
        "dose", "doses", "dosage", "insulin", "opioid", "opioids", "morphine", "warfarin",
        "chemotherapy", "chemo", "prescription", "prescriptions", "injection", "infusion",
    ]),
    ("@friend", &[
        "friend", "friends", "flatmate", "flatmates", "housemate", "housemates", "neighbour",
        "neighbours", "acquaintance", "pal", "pals", "bestie",
    ]),
    ("@violence", &[
        "abuse", "abused", "abusing", "hit", "hits", "hitting", "beat", "beats", "beating",
        "beaten", "smack", "smacked", "smacking", "slap", "slapped", "punch", "punched", "kick",
        "kicked", "hurt", "hurts", "hurting", "assault", "assaulted", "violence", "violent",
    ]),
    ("@harm", &[
        "harm", "harms", "harmed", "harming", "suffer", "suffers", "suffered", "suffering",
        "deteriorate", "deteriorated", "deteriorating", "injured", "damaged",
    ]),
    ("@unsafe", &[
        "unsafe", "dangerous", "danger", "risky", "reckless", "negligent", "incompetent",
    ]),
    ("@conference", &[
        "conference", "conferences", "congress", "symposium", "flight", "flights", "hotel",
        "hotels", "travel", "trip",
    ]),
    ("@platform", &[
        "facebook", "twitter", "instagram", "tiktok", "snapchat", "reddit", "youtube",
        "linkedin", "bluesky", "mastodon", "threads", "tumblr", "pinterest",
    ]),
    ("@error", &[
        "error", "errors", "mistake", "mistakes", "blunder", "incident", "incidents",
        "misdiagnosis", "omission", "omitted",
    ]),
    ("@photo", &[
        "photo", "photos", "photograph", "photographs", "picture", "pictures", "image", "images",
        "selfie", "selfies", "screenshot", "screenshots", "video", "videos", "footage", "film",
        "filming", "filmed", "clip", "clips",
    ]),
    ("@gift", &[
        "gift", "gifts", "chocolate", "chocolates", "wine", "whisky", "whiskey", "champagne",
        "prosecco", "gin", "beer", "voucher", "vouchers", "hamper", "flowers", "cash", "money",
        "bequest", "inheritance",
    ]),
    ("@belittle", &[
        "shout", "shouts", "shouted", "shouting", "yell", "yells", "yelled", "yelling", "scream",
        "screamed", "belittle", "belittles", "belittling", "humiliate", "humiliates",
        "humiliated", "humiliating", "undermine", "undermines", "undermining", "demean",
        "demeaning", "ridicule", "berate", "berated", "mock", "mocks", "mocked", "mocking",
        "nasty", "rude", "insult", "insults", "insulting", "joke", "jokes", "joked", "joking",
        "sarcasm", "sarcastic", "condescending", "patronising", "patronise", "snide", "sneer",
    ]),
    ("@info", &[
        "result", "results", "diagnosis", "diagnoses", "prognosis", "scan", "scans", "bloods",
        "condition", "details", "info", "information",
    ]),
];

/// Keyword words too common in everyday chat between clinicians to answer on
/// alone when the query says more ("kids" in "amoxicillin dose for kids",
/// "clinic" in "flu clinic times"): a topic found only through one of these
/// (or through one word of a [`WEAK_CLASSES`] class) must also know most of
/// the query's other content words.
#[rustfmt::skip]
const WEAK_KEYWORD_WORDS: &[&str] = &[
    "clinic", "clinics", "online", "internet", "sell", "selling", "product", "products",
    "resources", "budget", "money", "paediatric", "paediatrics", "paeds", "forum", "website",
    "new", "claim", "claims", "drug", "drugs",
];

/// Classes whose words mean the class even as a one-word keyword: a
/// "hamper" is a gift and "tumblr" a social network.
const STANDALONE_CLASSES: &[&str] = &["@gift", "@platform", "@faith"];

/// Classes whose words (people, medicines) everyone mentions: weak alone, like
/// [`WEAK_KEYWORD_WORDS`].
const WEAK_CLASSES: &[&str] = &["@relative", "@child", "@colleague", "@medicine"];

/// A phrase word that is a plain content stem (not a marked stop word).
pub(crate) fn is_strong(stem: &str) -> bool {
    !stem.starts_with(['=', '~'])
}

/// Lower-cased words: runs of letters and digits, with short forms read as
/// what they stand for ([`EXPANSIONS`]). Apostrophes split words
/// ("doctor's" -> "doctor", "s"), so contractions fall into the stop list.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in raw_words(text) {
        match expansion(&w) {
            Some(e) => out.extend(e.split(' ').map(str::to_string)),
            None => out.push(w),
        }
    }
    out
}

/// Lower-cased runs of letters and digits, as written.
fn raw_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        // "£500" is a sum of money.
        if matches!(ch, '£' | '$' | '€') {
            out.push("money".to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The spelling-level form used to find duplicate keywords in the corpus:
/// case and punctuation ignored, short forms left as written ("candor" and
/// "candour" are two keywords, though a query reads them alike).
pub(crate) fn normalise_spelling(text: &str) -> String {
    raw_words(text).join(" ")
}

fn expansion(word: &str) -> Option<&'static str> {
    EXPANSIONS
        .iter()
        .find(|(short, _)| *short == word)
        .map(|(_, long)| *long)
}

/// The normalised form used for exact matches: words joined by one space.
pub(crate) fn normalise(text: &str) -> String {
    words(text).join(" ")
}

/// A whole query that is only a short form for a topic, read as that topic's
/// words ("conf" -> "confidentiality").
pub(crate) fn whole_query_form(normalised: &str) -> Option<&'static str> {
    WHOLE_QUERY_FORMS
        .iter()
        .find(|(short, _)| *short == normalised)
        .map(|(_, long)| *long)
}

pub(crate) struct Analyzer {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
    domain_stop: HashSet<&'static str>,
    /// Stem -> word-class token (`@relative`), see [`WORD_CLASSES`].
    classes: HashMap<String, &'static str>,
    /// Stems of [`WEAK_KEYWORD_WORDS`].
    weak: HashSet<String>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Analyzer {
    pub(crate) fn new() -> Analyzer {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut classes = HashMap::new();
        for (token, members) in WORD_CLASSES {
            for m in *members {
                for w in words(m) {
                    classes.insert(stemmer.stem(&w).into_owned(), *token);
                }
            }
        }
        let weak = WEAK_KEYWORD_WORDS
            .iter()
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        Analyzer {
            stemmer,
            stop: stop_words::get("en").iter().copied().collect(),
            domain_stop: DOMAIN_STOP_WORDS.iter().copied().collect(),
            weak,
            classes,
        }
    }

    /// The word class a stem belongs to, if any (`@relative` for "mum").
    pub(crate) fn class_of(&self, stem: &str) -> Option<&'static str> {
        self.classes.get(stem).copied()
    }

    /// A word (or class token) too common to answer on alone (see
    /// [`WEAK_KEYWORD_WORDS`] and [`WEAK_CLASSES`]).
    pub(crate) fn is_weak(&self, stem: &str) -> bool {
        WEAK_CLASSES.contains(&stem)
            || self
                .class_of(stem)
                .is_some_and(|c| WEAK_CLASSES.contains(&c))
            || self.weak.contains(stem)
    }

    /// Whether a one-word keyword of this class matches every word of it.
    pub(crate) fn stands_alone(class: &str) -> bool {
        STANDALONE_CLASSES.contains(&class)
    }

    /// Every word named in a class (so typo correction knows them).
    pub(crate) fn class_words() -> impl Iterator<Item = &'static str> {
        WORD_CLASSES.iter().flat_map(|(_, m)| m.iter().copied())
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
    fn short_forms_irregular_verbs_and_sums_are_read_as_words() {
        assert_eq!(
            words("pt gave me £50"),
            ["patient", "give", "me", "money", "50"]
        );
        assert_eq!(words("SM"), ["social", "media"]);
        assert_eq!(words("candor"), ["candour"]);
        // Duplicate keywords are found by spelling, not by reading.
        assert_eq!(normalise_spelling("Candor!"), "candor");
        // "conf" means confidentiality only as the whole query.
        assert_eq!(whole_query_form("conf"), Some("confidentiality"));
        assert_eq!(words("conf call"), ["conf", "call"]);
    }

    #[test]
    fn class_words_share_a_token_and_people_are_weak() {
        let a = Analyzer::new();
        let class = |w: &str| a.class_of(&a.stem(w));
        assert_eq!(class("mum"), Some("@relative"));
        assert_eq!(class("grandad"), class("wife"));
        assert_eq!(class("anaesthetist"), Some("@colleague"));
        assert_eq!(class("hamper"), Some("@gift"));
        assert_eq!(class("confidentiality"), None);
        assert!(a.is_weak(&a.stem("kids")) && a.is_weak("@colleague"));
        assert!(a.is_weak(&a.stem("clinic")));
        assert!(!a.is_weak(&a.stem("tiktok")) && !a.is_weak(&a.stem("chaperone")));
        assert!(Analyzer::stands_alone("@gift") && !Analyzer::stands_alone("@child"));
    }

    #[test]
    fn typo_distance_counts_transpositions_once() {
        assert_eq!(typo_distance("safegaurding", "safeguarding"), 1);
        assert_eq!(typo_distance("chaprone", "chaperone"), 1);
    }
}
