//! The lookup index over the topics, in order of trust:
//! 1. exact slug, title, document name, keyword or alias;
//! 2. curated keywords and synonyms found as phrases in the query;
//! 3. typo-tolerant matching (query words a few edits from a corpus word are
//!    read as that word before steps 2 and 4);
//! 4. BM25 ranking (the `bm25` crate) over titles, keywords and summaries,
//!    accepted only when most of the query's content words are found.

use std::collections::{HashMap, HashSet};

use bm25::{Embedder, EmbedderBuilder, Embedding, Scorer, TokenEmbedder, TokenEmbedding};

use crate::Topic;
use crate::text::{
    Analyzer, DocTokenizer, is_strong, max_typo_distance, normalise, typo_distance,
    whole_query_form, words,
};

/// A curated phrase matched in the query is worth this much per word,
/// against at most 1.0 for the (normalised) BM25 score.
const KEYWORD_WEIGHT: f32 = 2.0;
/// A multi-word keyword whose words are all present, but not in order.
const UNORDERED_FACTOR: f32 = 0.6;
/// ... present in order, with other words between them ("colleague keeps
/// making drug errors" for "colleague drug error").
const GAPPED_FACTOR: f32 = 0.85;
/// A phrase with one content word and marked words may have at most this
/// many other words between its words.
const NEAR_GAP: usize = 2;
/// A ranked-search-only answer needs at least this BM25 score.
const BM25_MIN_SCORE: f32 = 1.5;
/// ... and at least this many of the query's content words found in the topic
/// (one shared word, "exam" or "call", is too little to answer on).
const BM25_MIN_WORDS: usize = 2;

pub(crate) struct Index {
    analyzer: Analyzer,
    exact: HashMap<String, usize>,
    /// (topic, phrase stems)
    phrases: Vec<Phrase>,
    /// Phrase ids by each of their words.
    phrases_by_stem: HashMap<String, Vec<usize>>,
    /// Per topic: normalised slug, title and keywords (for autocomplete).
    pub(crate) names: Vec<Names>,
    /// Every stem in the corpus, and the stems of each topic's document.
    vocab: HashSet<String>,
    topic_stems: Vec<HashSet<String>>,
    /// Corpus words by length in chars, for typo correction.
    words_by_len: Vec<Vec<VocabWord>>,
    /// Per topic, per paragraph: the stems of its summary.
    pub(crate) paragraph_stems: Vec<Vec<HashSet<String>>>,
    scorer: Scorer<usize, u32>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("exact", &self.exact.len())
            .field("phrases", &self.phrases.len())
            .field("vocab", &self.vocab.len())
            .finish_non_exhaustive()
    }
}

/// One ranked candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    pub topic: usize,
    pub score: f32,
    /// Found through a curated keyword or synonym (not ranked search alone).
    pub curated: bool,
}

/// A corpus word a misspelling may be corrected to.
#[derive(Debug)]
struct VocabWord {
    word: String,
    /// From a curated keyword (preferred on ties) rather than a summary.
    keyword: bool,
    letters: [u8; 26],
}

/// Counts of the letters a-z: each edit changes the counts by at most two,
/// so a cheap lower bound on the edit distance.
fn letter_bag(word: &str) -> [u8; 26] {
    let mut bag = [0u8; 26];
    for b in word.bytes() {
        if b.is_ascii_lowercase() {
            bag[(b - b'a') as usize] = bag[(b - b'a') as usize].saturating_add(1);
        }
    }
    bag
}

fn bag_distance(a: &[u8; 26], b: &[u8; 26]) -> usize {
    a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as usize).sum()
}

/// A curated phrase: its words (see `Analyzer::phrase_stems`), how many are
/// content words, and its weight when found in order.
#[derive(Debug)]
struct Phrase {
    topic: usize,
    stems: Vec<String>,
    strong: usize,
    weight: f32,
}

/// Normalised names of a topic, computed once for autocomplete.
#[derive(Debug, Default)]
pub(crate) struct Names {
    pub slug: String,
    pub title: String,
    pub keywords: Vec<String>,
}

/// A curated phrase found in a query.
#[derive(Debug, Clone, Copy)]
struct PhraseHit {
    topic: usize,
    weight: f32,
    /// The span of query words it covers when found contiguously.
    span: Option<(usize, usize)>,
    /// A phrase whose content words are all too common to answer on alone
    /// ("kids", "new consultant").
    weak: bool,
}

/// What the index made of a query.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ranking {
    /// Best first. Empty when nothing fits.
    pub hits: Vec<Hit>,
    /// Weak candidates to suggest when nothing fits.
    pub weak: Vec<usize>,
    /// The query's stems after typo correction (for choosing paragraphs).
    pub stems: Vec<String>,
}

fn document_text(t: &Topic) -> String {
    let mut doc = String::new();
    // Title and keywords twice: they are written to be searched.
    for _ in 0..2 {
        doc.push_str(&t.title);
        doc.push('\n');
        for k in &t.keywords {
            doc.push_str(k);
            doc.push('\n');
        }
    }
    doc.push_str(&t.document);
    doc.push('\n');
    for p in &t.paragraphs {
        doc.push_str(&p.summary);
        doc.push('\n');
    }
    doc
}

impl Index {
    pub(crate) fn build(topics: &[Topic]) -> Index {
        let analyzer = Analyzer::new();
        let mut exact = HashMap::new();
        let mut phrases = Vec::new();
        let mut vocab = HashSet::new();
        let mut topic_stems = Vec::with_capacity(topics.len());
        let mut word_kind: HashMap<String, bool> = HashMap::new();
        let docs: Vec<String> = topics.iter().map(document_text).collect();
        for (i, t) in topics.iter().enumerate() {
            for key in [t.slug.as_str(), &t.slug.replace('-', " "), &t.title] {
                exact.entry(normalise(key)).or_insert(i);
            }
            for kw in t.keywords.iter().chain(&t.aliases) {
                exact.entry(normalise(kw)).or_insert(i);
                let stems = analyzer.phrase_stems(kw);
                if !stems.is_empty() {
                    phrases.push((i, stems));
                }
                for w in words(kw) {
                    if !analyzer.is_stop(&w) {
                        word_kind.insert(w, true);
                    }
                }
            }
            let title_stems = analyzer.phrase_stems(&t.title);
            if title_stems.len() > 1 {
                phrases.push((i, title_stems));
            }
            let mut stems = HashSet::new();
            for w in words(&docs[i]) {
                if analyzer.is_stop(&w) {
                    continue;
                }
                stems.insert(analyzer.stem(&w));
                word_kind.entry(w).or_insert(false);
            }
            vocab.extend(stems.iter().cloned());
            topic_stems.push(stems);
        }
        // Document names last: several topics draw on Good medical practice,
        // whose own topic claims the name through its title first.
        for (i, t) in topics.iter().enumerate() {
            for key in [&t.document, &t.short] {
                exact.entry(normalise(key)).or_insert(i);
            }
        }
        // Words of a curated class are known words: never "corrected" away,
        // and a misspelling of one is read as it.
        for w in Analyzer::class_words() {
            vocab.insert(analyzer.stem(w));
            word_kind.insert(w.to_string(), true);
        }
        let mut words_by_len: Vec<Vec<VocabWord>> = Vec::new();
        let mut sorted: Vec<_> = word_kind
            .into_iter()
            .filter(|(w, _)| !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        sorted.sort();
        for (w, kw) in sorted {
            let n = w.chars().count();
            if words_by_len.len() <= n {
                words_by_len.resize_with(n + 1, Vec::new);
            }
            let letters = letter_bag(&w);
            words_by_len[n].push(VocabWord {
                word: w,
                keyword: kw,
                letters,
            });
        }
        // In a phrase of two or more words, a class word stands for its
        // class; alone, only for the classes that stand alone (any gift).
        for (topic, stems) in &mut phrases {
            let whole = stems.len() > 1;
            for st in stems.iter_mut() {
                if let Some(class) = analyzer.class_of(st)
                    && (whole || Analyzer::stands_alone(class))
                {
                    *st = class.to_string();
                    topic_stems[*topic].insert(st.clone());
                }
            }
        }
        phrases.sort();
        phrases.dedup();
        let phrases: Vec<Phrase> = phrases
            .into_iter()
            .map(|(topic, stems)| {
                let strong = stems.iter().filter(|s| is_strong(s)).count();
                // A paragraph number pins a phrase down ("GMP 88"): it counts double.
                let numbers = stems
                    .iter()
                    .filter(|s| s.chars().all(|c| c.is_ascii_digit()))
                    .count();
                let weight = (strong + numbers) as f32 + 0.5 * (stems.len() - strong) as f32;
                Phrase {
                    topic,
                    stems,
                    strong,
                    weight,
                }
            })
            .collect();
        let mut phrases_by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, p) in phrases.iter().enumerate() {
            for s in &p.stems {
                let ids = phrases_by_stem.entry(s.clone()).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        let paragraph_stems = topics
            .iter()
            .map(|t| {
                t.paragraphs
                    .iter()
                    .map(|p| {
                        words(&p.summary)
                            .iter()
                            .filter(|w| !analyzer.is_stop(w))
                            .map(|w| analyzer.stem(w))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let names = topics
            .iter()
            .map(|t| Names {
                slug: t.slug.replace('-', " "),
                title: normalise(&t.title),
                keywords: t
                    .keywords
                    .iter()
                    .chain(&t.aliases)
                    .map(|k| normalise(k))
                    .collect(),
            })
            .collect();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let embedder: Embedder<u32, DocTokenizer> =
            EmbedderBuilder::with_tokenizer_and_fit_to_corpus(DocTokenizer(Analyzer::new()), &refs)
                .build();
        let mut scorer = Scorer::new();
        for (i, d) in docs.iter().enumerate() {
            // One entry per distinct token (the embedder repeats a token's
            // entry for each occurrence, with the same value): same scores,
            // shorter documents to scan.
            let mut seen = HashSet::new();
            let mut e = embedder.embed(d);
            e.0.retain(|t| seen.insert(t.index));
            scorer.upsert(&i, e);
        }
        Index {
            analyzer,
            exact,
            phrases,
            phrases_by_stem,
            names,
            vocab,
            topic_stems,
            words_by_len,
            paragraph_stems,
            scorer,
        }
    }

    pub(crate) fn exact(&self, query: &str) -> Option<usize> {
        let q = normalise(query);
        let q = whole_query_form(&q).map(normalise).unwrap_or(q);
        self.exact.get(&q).copied()
    }

    /// The corpus word a misspelt word most likely stands for.
    /// `context` holds the stems of the query's other words: among equally
    /// near candidates, one that forms a curated phrase with them wins
    /// ("speading ticket" -> "speeding", not "speaking").
    fn correct(&self, word: &str, context: &HashSet<String>) -> Option<&str> {
        let n = word.chars().count();
        let max = max_typo_distance(n);
        if max == 0 || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let bag = letter_bag(word);
        // People rarely mistype the first letter; requiring it keeps
        // "registration" from becoming "deregistration".
        let first = word.chars().next();
        let mut nearest: Vec<&VocabWord> = Vec::new();
        let mut best_d = usize::MAX;
        for len in n.saturating_sub(max)..=n + max {
            let Some(bucket) = self.words_by_len.get(len) else {
                continue;
            };
            for cand in bucket {
                if bag_distance(&bag, &cand.letters) > 2 * max || cand.word.chars().next() != first
                {
                    continue;
                }
                let d = typo_distance(word, &cand.word);
                if d > max || d > best_d {
                    continue;
                }
                if d < best_d {
                    best_d = d;
                    nearest.clear();
                }
                nearest.push(cand);
            }
        }
        let in_context = |cand: &VocabWord| {
            let stem = self.analyzer.stem(&cand.word);
            self.phrases_by_stem.get(&stem).is_some_and(|ids| {
                ids.iter().any(|&id| {
                    self.phrases[id]
                        .stems
                        .iter()
                        .any(|s| s != &stem && context.contains(s))
                })
            })
        };
        // Then curated keyword words, then the first in sorted order.
        nearest
            .iter()
            .max_by_key(|c| (in_context(c), c.keyword, std::cmp::Reverse(&c.word)))
            .map(|c| c.word.as_str())
    }

    /// Query words after typo correction: each word not a stop word whose
    /// stem the corpus does not know is replaced by its nearest corpus word.
    fn corrected_words(&self, query: &str) -> Vec<String> {
        // "good medical practice 88", "paragraph 88 of GMP" and "GMP 2013
        // para 53" all mean the alias form "GMP 88" / "GMP 2013 53".
        let mut ws = match whole_query_form(&normalise(query)) {
            Some(form) => words(form),
            None => words(query),
        };
        let gmp_at = ws.iter().position(|w| w == "gmp").or_else(|| {
            ws.windows(3).position(|w| {
                w[0] == "good" && w[1] == "medical" && (w[2] == "practice" || w[2] == "practise")
            })
        });
        let is_num =
            |w: &String| !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit());
        if let (Some(_), Some(n)) = (gmp_at, ws.iter().find(|w| is_num(w)).cloned()) {
            let year = ws.iter().find(|w| *w == "2013" || *w == "2024").cloned();
            ws.push("gmp".to_string());
            ws.extend(year);
            ws.push(n);
        }
        // "GMP69" is "GMP 69".
        if let Some(i) = ws.iter().position(|w| {
            w.len() > 3 && w.starts_with("gmp") && w[3..].chars().all(|c| c.is_ascii_digit())
        }) {
            let n = ws[i][3..].to_string();
            ws.splice(i..=i, ["gmp".to_string(), n]);
        }
        let context: HashSet<String> = ws.iter().map(|w| self.analyzer.stem(w)).collect();
        ws.into_iter()
            .map(|w| {
                if self.analyzer.is_stop(&w) || self.vocab.contains(&self.analyzer.stem(&w)) {
                    return w;
                }
                match self.correct(&w, &context) {
                    Some(c) => c.to_string(),
                    None => w,
                }
            })
            .collect()
    }

    /// Each curated phrase found in the query: contiguous (with its span),
    /// or, when it has two or more content words, all of them in order with
    /// other words between, or in any order. A class token in a phrase
    /// (`@relative`) matches any query word of its class. Weight: one per
    /// content word, a half per marked word.
    fn phrase_hits(&self, qstems: &[String]) -> Vec<PhraseHit> {
        let qclass: Vec<Option<&str>> = qstems.iter().map(|s| self.analyzer.class_of(s)).collect();
        let same = |i: usize, p: &str| qstems[i] == p || qclass[i] == Some(p);
        // Only phrases sharing a word (or a word class) with the query can match.
        let mut candidates: Vec<usize> = qstems
            .iter()
            .map(String::as_str)
            .chain(qclass.iter().flatten().copied())
            .filter_map(|s| self.phrases_by_stem.get(s))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found = Vec::new();
        for id in candidates {
            let p = &self.phrases[id];
            let len = p.stems.len();
            let at = (0..(qstems.len() + 1).saturating_sub(len)).find(|&start| {
                p.stems
                    .iter()
                    .enumerate()
                    .all(|(j, ps)| same(start + j, ps))
            });
            let hit = |weight, span| PhraseHit {
                topic: p.topic,
                weight,
                span,
                weak: p
                    .stems
                    .iter()
                    .filter(|s| is_strong(s))
                    .all(|s| self.analyzer.is_weak(s)),
            };
            if let Some(start) = at {
                found.push(hit(p.weight, Some((start, start + len))));
                continue;
            }
            if p.strong < 2 {
                // One content word and marked words ("harmed a patient"):
                // in order, at most NEAR_GAP other words between them
                // ("harmed the elderly patient").
                let words: Vec<&String> = p.stems.iter().filter(|s| !s.starts_with('~')).collect();
                if p.strong == 1 && words.len() > 1 {
                    let near = (0..qstems.len()).any(|start| {
                        let mut next = start;
                        words.iter().all(|ps| {
                            let limit = (start + words.len() + NEAR_GAP).min(qstems.len());
                            match (next..limit).find(|&i| same(i, ps)) {
                                Some(i) => {
                                    next = i + 1;
                                    true
                                }
                                None => false,
                            }
                        }) && same(start, words[0])
                    });
                    if near {
                        found.push(hit(p.weight * UNORDERED_FACTOR, None));
                    }
                }
                continue;
            }
            let strong: Vec<&String> = p.stems.iter().filter(|s| is_strong(s)).collect();
            // In order, gaps allowed: greedy subsequence match.
            let mut next = 0;
            let in_order =
                strong
                    .iter()
                    .all(|ps| match (next..qstems.len()).find(|&i| same(i, ps)) {
                        Some(i) => {
                            next = i + 1;
                            true
                        }
                        None => false,
                    });
            if in_order {
                found.push(hit(p.strong as f32 * GAPPED_FACTOR, None));
            } else {
                // Any order, each phrase word on a different query word
                // ("conference travel" needs two words, not "travel" twice).
                let mut used = vec![false; qstems.len()];
                let all = strong.iter().all(|ps| {
                    match (0..qstems.len()).find(|&i| !used[i] && same(i, ps)) {
                        Some(i) => {
                            used[i] = true;
                            true
                        }
                        None => false,
                    }
                });
                if all {
                    found.push(hit(p.strong as f32 * UNORDERED_FACTOR, None));
                }
            }
        }
        found
    }

    pub(crate) fn rank(&self, query: &str) -> Ranking {
        let corrected = self.corrected_words(query);
        let text = corrected.join(" ");
        let n = self.topic_stems.len();

        // Curated phrases.
        let qstems = self.analyzer.phrase_stems(&text);
        let found = self.phrase_hits(&qstems);
        let spans: Vec<(usize, usize)> = found.iter().filter_map(|f| f.span).collect();
        let mut per_topic: Vec<Vec<f32>> = vec![Vec::new(); n];
        // Topics found only through weak one-word phrases.
        let mut only_weak = vec![true; n];
        for f in &found {
            let inside_longer = f.span.is_some_and(|(a, b)| {
                spans
                    .iter()
                    .any(|&(c, d)| c <= a && b <= d && (d - c) > (b - a))
            });
            if !inside_longer {
                per_topic[f.topic].push(f.weight);
                only_weak[f.topic] &= f.weak;
            }
        }
        // The best phrase counts fully, further phrases of the same topic half.
        let kw: Vec<f32> = per_topic
            .iter_mut()
            .map(|ws| {
                ws.sort_by(|a, b| b.total_cmp(a));
                ws.iter()
                    .enumerate()
                    .map(|(i, w)| if i == 0 { *w } else { w * 0.5 })
                    .sum()
            })
            .collect();

        // Ranked search over content stems.
        let mut content: Vec<String> = self.analyzer.content_stems(&text);
        content.sort();
        content.dedup();
        let embedding = Embedding(
            content
                .iter()
                .map(|s| TokenEmbedding {
                    index: <u32 as TokenEmbedder>::embed(s),
                    value: 1.0,
                })
                .collect(),
        );
        let mut bm = vec![0f32; n];
        for m in self.scorer.matches(&embedding) {
            bm[m.id] = m.score;
        }
        let max_bm = bm.iter().copied().fold(0f32, f32::max);

        let mut hits: Vec<Hit> = (0..n)
            .filter(|&i| kw[i] > 0.0 || bm[i] > 0.0)
            .map(|i| Hit {
                topic: i,
                curated: kw[i] > 0.0,
                score: kw[i] * KEYWORD_WEIGHT + if max_bm > 0.0 { bm[i] / max_bm } else { 0.0 },
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.topic.cmp(&b.topic)));

        let covered = |topic: usize| {
            content
                .iter()
                .filter(|s| {
                    self.topic_stems[topic].contains(*s)
                        || self
                            .analyzer
                            .class_of(s)
                            .is_some_and(|c| self.topic_stems[topic].contains(c))
                })
                .count()
        };
        let answers = |h: &Hit| {
            // A weak one-word keyword in a longer query ("kids" in
            // "amoxicillin dose in kids") answers only when the topic also
            // knows most of the query's other content words.
            (kw[h.topic] > 0.0 && (!only_weak[h.topic] || covered(h.topic) * 2 > content.len()))
                || {
                    // Ranked search alone: at least half the content words
                    // must be in the topic, one of them more than an everyday
                    // word ("drug doses" is not a question about candour),
                    // and the score must be real.
                    let found: Vec<&String> = content
                        .iter()
                        .filter(|s| self.topic_stems[h.topic].contains(*s))
                        .collect();
                    bm[h.topic] >= BM25_MIN_SCORE
                        && found.len() >= BM25_MIN_WORDS
                        && found.len() * 2 >= content.len()
                        && found.iter().any(|s| !self.analyzer.is_weak(s))
                }
        };
        // The best-ranked topic that can answer on its own evidence: a
        // topic found only through a weak phrase ("clinical supervisor")
        // gives way to one below it found through a curated phrase
        // ("sarcasm ... supervisor"), never to ranked search alone.
        let confident = match hits
            .iter()
            .enumerate()
            .position(|(i, h)| (i == 0 || kw[h.topic] > 0.0) && answers(h))
        {
            Some(pos) => {
                let best = hits.remove(pos);
                hits.insert(0, best);
                true
            }
            None => false,
        };
        if confident {
            // See-also candidates must be found by a keyword, or by ranked
            // search with at least half the content words.
            let best = hits[0].topic;
            hits.retain(|h| {
                h.topic == best
                    || kw[h.topic] > 0.0
                    || content
                        .iter()
                        .filter(|s| self.topic_stems[h.topic].contains(*s))
                        .count()
                        * 2
                        >= content.len().max(1)
                        && bm[h.topic] >= BM25_MIN_SCORE
            });
            Ranking {
                hits,
                weak: Vec::new(),
                stems: qstems,
            }
        } else {
            Ranking {
                weak: hits.iter().map(|h| h.topic).collect(),
                hits: Vec::new(),
                stems: qstems,
            }
        }
    }

    /// How a query was read, for tuning: corrected words, phrases found and
    /// ranked-search scores.
    pub(crate) fn explain(&self, query: &str, topics: &[Topic]) -> String {
        let corrected = self.corrected_words(query);
        let text = corrected.join(" ");
        let qstems = self.analyzer.phrase_stems(&text);
        let content = self.analyzer.content_stems(&text);
        let mut out =
            format!("words: {corrected:?}\nphrase stems: {qstems:?}\ncontent stems: {content:?}\n");
        for f in self.phrase_hits(&qstems) {
            out.push_str(&format!(
                "phrase {} {:?} -> {}\n",
                f.weight, f.span, topics[f.topic].slug
            ));
        }
        let embedding = Embedding(
            content
                .iter()
                .map(|s| TokenEmbedding {
                    index: <u32 as TokenEmbedder>::embed(s),
                    value: 1.0,
                })
                .collect(),
        );
        for m in self.scorer.matches(&embedding) {
            let found: Vec<&String> = content
                .iter()
                .filter(|s| self.topic_stems[m.id].contains(*s))
                .collect();
            out.push_str(&format!(
                "bm25 {:.2} {} found {:?}\n",
                m.score, topics[m.id].slug, found
            ));
        }
        out
    }
}
