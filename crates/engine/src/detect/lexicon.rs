//! Shared helpers for engine-B's language detectors (`names`, `indirect`,
//! `risk`): sectioned dictionary files, one tagged word-keyed lexicon
//! ([`Tagged`]) per detector, and cheap ASCII word-boundary / neighbourhood
//! checks.
//!
//! Declared from `names.rs` with `#[path = "lexicon.rs"]`, so `detect/mod.rs`
//! does not need to know about it.
//!
//! Dictionary file format (`data/dict/*.txt`): one entry per line, `#` starts
//! a comment line, blank lines are ignored, and `[section]` headers group the
//! entries of a sectioned file. Entries are matched ASCII case-insensitively
//! on whole words (a boundary is only required where the entry itself starts
//! or ends with a word character, so `(son` or `£` work too).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

use crate::detect::DictFile;

/// Tag bits of a dictionary phrase (one bit per section), wide enough for
/// every detector's sections.
pub(crate) type Tags = u128;

/// Find a dictionary file by name or fail with an error naming it.
pub(crate) fn file<'a>(files: &[DictFile<'a>], name: &str) -> Result<&'a str, crate::Error> {
    files
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.contents)
        .ok_or_else(|| crate::Error::Data {
            file: format!("data/dict/{name}"),
            message: "dictionary file is missing".to_string(),
        })
}

/// Parse a flat list (no sections). Entries are lowercased and trimmed.
pub(crate) fn parse_list(name: &str, contents: &str) -> Result<Vec<String>, crate::Error> {
    let mut out = Vec::new();
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            return Err(crate::Error::Rule {
                file: format!("data/dict/{name}"),
                line: i + 1,
                message: "unexpected [section] header in a flat list".to_string(),
            });
        }
        out.push(line.to_ascii_lowercase());
    }
    if out.is_empty() {
        return Err(crate::Error::Data {
            file: format!("data/dict/{name}"),
            message: "dictionary list is empty".to_string(),
        });
    }
    Ok(out)
}

/// Parse a sectioned file into `section -> entries`, checking that every
/// section in `required` exists and is non-empty and that no unknown section
/// appears (typos in a section name would otherwise silently drop a list).
pub(crate) fn parse_sections(
    name: &str,
    contents: &str,
    required: &[&str],
) -> Result<HashMap<String, Vec<String>>, crate::Error> {
    let path = format!("data/dict/{name}");
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let is_header = line.len() > 2
            && line.starts_with('[')
            && line.ends_with(']')
            && line[1..line.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_');
        if is_header && let Some(rest) = line.strip_prefix('[') {
            let Some(sec) = rest.strip_suffix(']') else {
                return Err(crate::Error::Rule {
                    file: path,
                    line: i + 1,
                    message: "section header must look like [name]".to_string(),
                });
            };
            let sec = sec.trim().to_string();
            if !required.contains(&sec.as_str()) {
                return Err(crate::Error::Rule {
                    file: path,
                    line: i + 1,
                    message: format!("unknown section [{sec}]"),
                });
            }
            map.entry(sec.clone()).or_default();
            current = Some(sec);
            continue;
        }
        let Some(sec) = current.as_ref() else {
            return Err(crate::Error::Rule {
                file: path,
                line: i + 1,
                message: "entry before the first [section] header".to_string(),
            });
        };
        map.get_mut(sec)
            .expect("section inserted above")
            .push(line.to_ascii_lowercase());
    }
    for sec in required {
        if map.get(*sec).is_none_or(|v| v.is_empty()) {
            return Err(crate::Error::Data {
                file: path,
                message: format!("section [{sec}] is missing or empty"),
            });
        }
    }
    Ok(map)
}

/// A set of tagged phrases, matched leftmost-longest, non-overlapping,
/// ASCII case-insensitively and word-bounded. Each phrase carries a bit mask
/// of the tags (sections) it belongs to.
///
/// Semantics (unchanged from the original single Aho-Corasick automaton):
/// take the leftmost-longest occurrence among ALL occurrences of the phrases,
/// continue after its end, and report only the occurrences that are
/// word-bounded ([`bounded`]). So an unbounded occurrence can hide a bounded
/// one it overlaps (`i look` in "i looked up" hides `looked up`).
///
/// How: instead of running an automaton over every byte (which cost ~48% of
/// all scan time), the message is split ONCE into word runs
/// ([`is_word_byte`]), lowercased and hashed ([`with_words`], shared by every
/// `Tagged` of the engine), and each `Tagged` looks up each word it reaches
/// in a small open-addressing table keyed by the FIRST word of its phrases,
/// then walks a byte trie of the phrases from there to find the longest one.
/// Phrases that start with a non-word byte (`(son`, `@`, `% off`, `'help'`)
/// hang off the trie root by their first byte and are tried at every such
/// byte. Two cases where an unbounded occurrence changes the result are
/// detected and sent to the exact reference automaton (`slow`): the longest
/// occurrence at a word start ends inside a word, or a phrase whose first
/// word continues past it (`old man`, `code:`) starts inside a word and runs
/// past its end (a cheap 3-byte filter keeps this check off most words).
/// Both are rare (well under 1% of chat messages).
#[derive(Debug, Clone)]
pub(crate) struct Tagged {
    masks: Vec<Tags>,
    /// Byte trie over all phrases: per node `(first edge, edge count,
    /// phrase id + 1 or 0)`; edges sorted by byte per node.
    nodes: Vec<(u32, u32, u32)>,
    edges: Vec<(u8, u32)>,
    /// First words of the phrases, back to back.
    key_bytes: Vec<u8>,
    /// Per first word: `(start in key_bytes, len, trie node after it)`.
    keys: Vec<(u32, u32, u32)>,
    /// Per first word: its first 8 bytes ([`packed`]).
    keys_packed: Vec<u64>,
    /// Open-addressing table over `keys`: `0` is empty, otherwise the low 32
    /// bits of the key's hash in the high half and `key index + 1` below.
    slots: Vec<u64>,
    /// Longest first word (longer words cannot be keys).
    max_key: usize,
    /// Per ASCII byte that starts a phrase: the trie node after it (0: none).
    punct: Box<[u32; 128]>,
    any_punct: bool,
    /// The gate: the trigger phrases as plain substrings (a trigger inside a
    /// longer word opens it too, as it always has; detectors rely on that).
    gate: Option<AhoCorasick>,
    /// Filter for [`Tagged::inner_start`], over phrases that continue past
    /// their first word: bits over (its last two bytes, the next two bytes of
    /// the phrase), or (its one byte, the next two) for one-byte first words.
    /// A phrase with one byte after its first word sets the bits for every
    /// last byte.
    grams: Box<[u64; GRAM_WORDS]>,
    grams1: Box<[u64; GRAM_WORDS]>,
    /// Hashes (see [`rev_step`]) of every suffix of such first words; the low
    /// bit marks a whole first word.
    suffixes: Vec<u64>,
    max_suffix: usize,
    /// The phrases, for the reference automaton.
    pats: Vec<String>,
    /// The exact reference semantics, used only when the word walk cannot
    /// decide (see above); built on first use.
    slow: std::sync::OnceLock<AhoCorasick>,
}

/// Which occurrence wins where an unbounded one overlaps a bounded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// [`Tagged::scan`]: leftmost-longest over all occurrences, unbounded
    /// ones then dropped (they can hide bounded ones).
    Reference,
    /// [`Tagged::scan_bounded`].
    Bounded,
}

const GRAM_BITS: usize = 1 << 12;
const GRAM_WORDS: usize = GRAM_BITS / 64;

#[inline]
fn gram(a: u8, b: u8, c: u8, d: u8) -> usize {
    let x = u32::from_le_bytes([a, b, c, d]);
    (x.wrapping_mul(0x9e37_79b1) >> (32 - 12)) as usize
}

#[inline]
fn test_bit(bits: &[u64; GRAM_WORDS], g: usize) -> bool {
    bits[g / 64] & (1 << (g % 64)) != 0
}

/// One word-bounded match of a [`Tagged`] lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct M {
    pub start: usize,
    pub end: usize,
    pub mask: Tags,
}

impl M {
    #[inline]
    pub fn has(&self, tag: Tags) -> bool {
        self.mask & tag != 0
    }
}

impl Default for Tagged {
    fn default() -> Self {
        Tagged::build(Vec::<(String, Tags)>::new())
    }
}

/// ASCII-lowercase of a word byte, 0 for a non-word byte.
static WORD_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() || c >= 0x80 {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// The first 8 bytes of a word, zero-padded, as one integer.
#[inline]
fn packed(w: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = w.len().min(8);
    buf[..n].copy_from_slice(&w[..n]);
    u64::from_le_bytes(buf)
}

/// Hash of a lowercased word (also keys the names detector's word sets).
#[inline]
pub(crate) fn word_hash(w: &[u8]) -> u64 {
    let mut h: u64 = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    let rest = chunks.remainder();
    let mut buf = [0u8; 8];
    buf[..rest.len()].copy_from_slice(rest);
    let x = u64::from_le_bytes(buf);
    h = (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 31)
}

/// One step of the hash of a word read backwards (bytes already lowercase).
#[inline]
fn rev_step(h: u64, c: u8) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
}

const REV_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// The table value of a suffix hash (never 0; low bit free for a flag).
#[inline]
fn suffix_key(h: u64) -> u64 {
    (h & !1).max(2)
}

/// A message split into words, shared by every [`Tagged`] that scans it.
#[derive(Default)]
pub(crate) struct Words {
    /// The text these words were computed for.
    text: Vec<u8>,
    /// The text with ASCII letters lowercased.
    lower: Vec<u8>,
    /// `(start, end, hash of the lowercased word)`.
    words: Vec<(u32, u32, u64)>,
    /// Per word: its first 8 lowercased bytes ([`packed`]).
    packed: Vec<u64>,
}

impl Words {
    fn compute(&mut self, text: &[u8]) {
        self.text.clear();
        self.text.extend_from_slice(text);
        self.lower.clear();
        self.lower.extend_from_slice(text);
        self.lower.make_ascii_lowercase();
        self.words.clear();
        self.packed.clear();
        let n = text.len();
        let mut i = 0;
        while i < n {
            if WORD_LOWER[usize::from(text[i])] == 0 {
                i += 1;
                continue;
            }
            let s = i;
            while i < n && WORD_LOWER[usize::from(text[i])] != 0 {
                i += 1;
            }
            let w = &self.lower[s..i];
            self.words.push((s as u32, i as u32, word_hash(w)));
            self.packed.push(packed(w));
        }
    }
}

thread_local! {
    static WORDS: std::cell::RefCell<Words> = std::cell::RefCell::new(Words::default());
}

/// Run `f` on the word split of `text`, computed once per message per
/// thread (the last split is kept and reused while the text is the same).
fn with_words<R>(text: &str, f: impl FnOnce(&Words) -> R) -> R {
    WORDS.with(|cell| {
        let mut w = cell.borrow_mut();
        if w.text.as_slice() != text.as_bytes() {
            if text.len() > u32::MAX as usize {
                // offsets are u32; never reached for chat (64 KiB events)
                let mut tmp = Words::default();
                tmp.compute(text.as_bytes());
                return f(&tmp);
            }
            w.compute(text.as_bytes());
        }
        f(&w)
    })
}

impl Tagged {
    /// Build from `(phrase, tag bits)` pairs; repeated phrases merge their tags.
    pub fn build<I: IntoIterator<Item = (String, Tags)>>(entries: I) -> Tagged {
        Tagged::build_gated(entries, 0)
    }

    /// Like [`Tagged::build`], plus (when `triggers != 0`) a gate: an
    /// automaton over the phrases carrying a bit of `triggers`, as plain
    /// substrings. [`Tagged::scan`] and [`Tagged::scan_bounded`] return at
    /// once for a message that contains none of them (most chat), so
    /// context words are only matched for candidates.
    pub fn build_gated<I: IntoIterator<Item = (String, Tags)>>(
        entries: I,
        triggers: Tags,
    ) -> Tagged {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut masks: Vec<Tags> = Vec::new();
        for (p, bits) in entries {
            let p = p.trim().to_ascii_lowercase();
            if p.is_empty() {
                continue;
            }
            if let Some(&i) = index.get(&p) {
                masks[i] |= bits;
            } else {
                index.insert(p.clone(), pats.len());
                pats.push(p);
                masks.push(bits);
            }
        }
        // Trie, built with a map then laid out with sorted edges.
        let mut children: HashMap<(u32, u8), u32> = HashMap::new();
        let mut term: Vec<u32> = vec![0];
        let mut keys_at: HashMap<&[u8], u32> = HashMap::new();
        for (id, p) in pats.iter().enumerate() {
            let p = p.as_bytes();
            let klen = if is_word_byte(p[0]) {
                p.iter().position(|&c| !is_word_byte(c)).unwrap_or(p.len())
            } else {
                1
            };
            let mut node = 0u32;
            for (i, &c) in p.iter().enumerate() {
                let next = term.len() as u32;
                node = *children.entry((node, c)).or_insert(next);
                if node == next {
                    term.push(0);
                }
                if i + 1 == klen {
                    keys_at.insert(&p[..klen], node);
                }
            }
            term[node as usize] = id as u32 + 1;
        }
        let mut by_node: Vec<Vec<(u8, u32)>> = vec![Vec::new(); term.len()];
        for (&(from, c), &to) in &children {
            by_node[from as usize].push((c, to));
        }
        let mut nodes = Vec::with_capacity(term.len());
        let mut edges = Vec::with_capacity(children.len());
        for (n, mut e) in by_node.into_iter().enumerate() {
            e.sort_unstable();
            nodes.push((edges.len() as u32, e.len() as u32, term[n]));
            edges.extend(e);
        }
        let mut punct = Box::new([0u32; 128]);
        let mut key_list: Vec<(&[u8], u32)> = Vec::new();
        for (k, node) in keys_at {
            if is_word_byte(k[0]) {
                key_list.push((k, node));
            } else {
                punct[usize::from(k[0])] = node;
            }
        }
        key_list.sort_unstable();
        let any_punct = punct.iter().any(|&n| n != 0);
        let mut key_bytes = Vec::new();
        let mut keys = Vec::with_capacity(key_list.len());
        let keys_packed = key_list.iter().map(|(k, _)| packed(k)).collect();
        let mut max_key = 0;
        for (k, node) in &key_list {
            keys.push((key_bytes.len() as u32, k.len() as u32, *node));
            key_bytes.extend_from_slice(k);
            max_key = max_key.max(k.len());
        }
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; cap];
        for (k, &(ks, kl, _)) in keys.iter().enumerate() {
            let h = word_hash(&key_bytes[ks as usize..(ks + kl) as usize]);
            let mut i = (h as usize) & (cap - 1);
            while slots[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = (h << 32) | (k as u64 + 1);
        }
        // Phrases continuing past their first word: grams and suffixes.
        let mut grams = Box::new([0u64; GRAM_WORDS]);
        let mut grams1 = Box::new([0u64; GRAM_WORDS]);
        let mut suf: HashMap<u64, bool> = HashMap::new();
        let mut max_suffix = 0;
        for p in &pats {
            let p = p.as_bytes();
            if !is_word_byte(p[0]) {
                continue;
            }
            let klen = p.iter().position(|&c| !is_word_byte(c)).unwrap_or(p.len());
            if klen == p.len() {
                continue;
            }
            let key = &p[..klen];
            let bits = if klen == 1 { &mut grams1 } else { &mut grams };
            let a = if klen == 1 { 0 } else { key[klen - 2] };
            let seconds: Vec<u8> = match p.get(klen + 1) {
                Some(&c2) => vec![c2],
                None => (0..=255u8).map(|c| c.to_ascii_lowercase()).collect(),
            };
            for c2 in seconds {
                let g = gram(a, key[klen - 1], p[klen], c2);
                bits[g / 64] |= 1 << (g % 64);
            }
            max_suffix = max_suffix.max(klen);
            let mut h = REV_SEED;
            for (n, &c) in key.iter().rev().enumerate() {
                h = rev_step(h, c);
                *suf.entry(suffix_key(h)).or_default() |= n + 1 == klen;
            }
        }
        let scap = (suf.len() * 2).next_power_of_two().max(16);
        let mut suffixes = vec![0u64; scap];
        for (k, whole) in suf {
            let mut i = (k >> 32) as usize & (scap - 1);
            while suffixes[i] != 0 {
                i = (i + 1) & (scap - 1);
            }
            suffixes[i] = k | u64::from(whole);
        }
        let gate = (triggers != 0).then(|| {
            let gate_pats: Vec<&String> = pats
                .iter()
                .zip(masks.iter())
                .filter(|(_, m)| **m & triggers != 0)
                .map(|(p, _)| p)
                .collect();
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&gate_pats)
                .expect("gate automaton builds")
        });
        Tagged {
            gate,
            masks,
            nodes,
            edges,
            key_bytes,
            keys,
            keys_packed,
            slots,
            max_key,
            punct,
            any_punct,
            grams,
            grams1,
            suffixes,
            max_suffix,
            pats,
            slow: std::sync::OnceLock::new(),
        }
    }

    /// The trie node after a (lowercased) first word, if a phrase starts with it.
    #[inline]
    fn lookup(&self, w: &[u8], h: u64, pk: u64) -> Option<u32> {
        if w.len() > self.max_key {
            return None;
        }
        let fp = h << 32;
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s & 0xffff_ffff_0000_0000 == fp {
                let k = (s as u32 - 1) as usize;
                let (ks, kl, node) = self.keys[k];
                if kl as usize == w.len()
                    && self.keys_packed[k] == pk
                    && (w.len() <= 8
                        || self.key_bytes[ks as usize + 8..(ks + kl) as usize] == w[8..])
                {
                    return Some(node);
                }
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn child(&self, node: u32, c: u8) -> Option<u32> {
        let (fe, ne, _) = self.nodes[node as usize];
        let e = &self.edges[fe as usize..(fe + ne) as usize];
        if e.len() <= 8 {
            e.iter().find(|x| x.0 == c).map(|x| x.1)
        } else {
            e.binary_search_by_key(&c, |x| x.0).ok().map(|i| e[i].1)
        }
    }

    /// The phrase chosen at `start`, whose first `at - start` bytes led to
    /// `node`. [`Mode::Reference`]: the longest occurrence, `Err` when it
    /// ends inside a word (the reference semantics drop it and resume inside
    /// that word). [`Mode::Bounded`]: the longest bounded occurrence, `Err`
    /// when there are occurrences but none is bounded.
    #[inline]
    fn longest(
        &self,
        lower: &[u8],
        start: usize,
        at: usize,
        node: u32,
        mode: Mode,
    ) -> Result<Option<M>, ()> {
        let n = lower.len();
        let ends_ok = |e: usize| !is_word_byte(lower[e - 1]) || e == n || !is_word_byte(lower[e]);
        let t0 = self.nodes[node as usize].2;
        // (phrase id + 1, end) of the longest and the longest bounded
        let mut any = (t0, at);
        let mut ok = if t0 != 0 && ends_ok(at) {
            (t0, at)
        } else {
            (0, 0)
        };
        let mut node = node;
        let mut pos = at;
        while pos < n {
            match self.child(node, lower[pos]) {
                Some(c) => {
                    node = c;
                    pos += 1;
                    let t = self.nodes[c as usize].2;
                    if t != 0 {
                        any = (t, pos);
                        if ends_ok(pos) {
                            ok = (t, pos);
                        }
                    }
                }
                None => break,
            }
        }
        if any.0 == 0 {
            return Ok(None);
        }
        let (t, end) = match mode {
            Mode::Reference if ok.1 != any.1 => return Err(()),
            Mode::Reference => any,
            Mode::Bounded if ok.0 == 0 => return Err(()),
            Mode::Bounded => ok,
        };
        Ok(Some(M {
            start,
            end,
            mask: self.masks[t as usize - 1],
        }))
    }

    /// Whether a phrase whose first word continues past it (`old man`,
    /// `code:`) occurs starting INSIDE the word `lower[ws..we]` (at a proper
    /// suffix of it) and running past its end: the reference semantics let
    /// such an unbounded occurrence hide the words it covers.
    fn inner_start(&self, lower: &[u8], ws: usize, we: usize) -> bool {
        if self.max_suffix == 0 || we - ws < 2 || we >= lower.len() {
            return false;
        }
        let (z, c1) = (lower[we - 1], lower[we]);
        let c2 = lower.get(we + 1).copied().unwrap_or(0);
        let one = test_bit(&self.grams1, gram(0, z, c1, c2));
        let two = we - ws >= 3 && test_bit(&self.grams, gram(lower[we - 2], z, c1, c2));
        if !(one || two) {
            return false;
        }
        let mask = self.suffixes.len() - 1;
        let stop = we.saturating_sub(self.max_suffix).max(ws + 1);
        let mut h = REV_SEED;
        let mut k = we;
        while k > stop {
            k -= 1;
            h = rev_step(h, lower[k]);
            let key = suffix_key(h);
            let mut i = (key >> 32) as usize & mask;
            let whole = loop {
                let s = self.suffixes[i];
                if s == 0 {
                    return false;
                }
                if s & !1 == key {
                    break s & 1 == 1;
                }
                i = (i + 1) & mask;
            };
            if whole
                && let Some(mut node) = self.lookup(
                    &lower[k..we],
                    word_hash(&lower[k..we]),
                    packed(&lower[k..we]),
                )
            {
                // any phrase longer than this first word matching from here?
                let mut pos = we;
                while pos < lower.len() {
                    match self.child(node, lower[pos]) {
                        Some(c) => {
                            node = c;
                            pos += 1;
                            if self.nodes[c as usize].2 != 0 {
                                return true;
                            }
                        }
                        None => break,
                    }
                }
            }
        }
        false
    }

    /// Walk the words once, calling `f` for each match in order until it
    /// returns false. Returns false (having called `f` for a correct prefix
    /// of the matches) when the word walk cannot decide what the reference
    /// semantics would do; the caller then redoes the message with
    /// [`Tagged::each_slow`].
    #[inline]
    fn each(&self, w: &Words, mode: Mode, mut f: impl FnMut(M) -> bool) -> bool {
        if self.masks.is_empty() {
            return true;
        }
        let lower = w.lower.as_slice();
        let words = w.words.as_slice();
        let n = lower.len();
        let mut k = 0;
        let mut pos = 0;
        // Invariant: `pos` is at a word start or at a non-word byte.
        loop {
            while k < words.len() && (words[k].0 as usize) < pos {
                k += 1;
            }
            let next = words.get(k).map_or(n, |x| x.0 as usize);
            if self.any_punct {
                let mut hit = None;
                for i in pos..next {
                    let c = lower[i];
                    if c < 128 && self.punct[usize::from(c)] != 0 {
                        match self.longest(lower, i, i + 1, self.punct[usize::from(c)], mode) {
                            Ok(Some(m)) => {
                                hit = Some(m);
                                break;
                            }
                            Ok(None) => {}
                            Err(()) => return false,
                        }
                    }
                }
                if let Some(m) = hit {
                    if !f(m) {
                        return true;
                    }
                    pos = m.end;
                    continue;
                }
            }
            let Some(&(ws, we, h)) = words.get(k) else {
                return true;
            };
            let (ws, we) = (ws as usize, we as usize);
            if let Some(node) = self.lookup(&lower[ws..we], h, w.packed[k]) {
                match self.longest(lower, ws, we, node, mode) {
                    Ok(Some(m)) => {
                        if !f(m) {
                            return true;
                        }
                        pos = m.end;
                        k += 1;
                        continue;
                    }
                    Ok(None) => {}
                    Err(()) => return false,
                }
            }
            if self.inner_start(lower, ws, we) {
                return false;
            }
            pos = we;
            k += 1;
        }
    }

    /// The exact semantics on the automaton. [`Mode::Reference`]:
    /// leftmost-longest over all occurrences, then unbounded ones dropped.
    /// [`Mode::Bounded`]: an unbounded leftmost-longest occurrence is
    /// searched for shorter matches inside it (ending before its end) before
    /// the search moves on one byte past its start.
    fn each_slow(&self, text: &str, mode: Mode, mut f: impl FnMut(M) -> bool) {
        let bytes = text.as_bytes();
        let slow = self.slow.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&self.pats)
                .expect("dictionary automaton builds (patterns are plain strings)")
        });
        let mut emit = |m: &aho_corasick::Match| {
            f(M {
                start: m.start(),
                end: m.end(),
                mask: self.masks[m.pattern().as_usize()],
            })
        };
        if mode == Mode::Reference {
            for m in slow.find_iter(text) {
                if bounded(bytes, m.start(), m.end()) && !emit(&m) {
                    return;
                }
            }
            return;
        }
        let len = bytes.len();
        let (mut pos, mut lim) = (0, len);
        // start of the unbounded match being narrowed, if any
        let mut failed: Option<usize> = None;
        while pos < lim {
            match slow.find(aho_corasick::Input::new(text).span(pos..lim)) {
                Some(m) if bounded(bytes, m.start(), m.end()) => {
                    if !emit(&m) {
                        return;
                    }
                    pos = m.end();
                    lim = len;
                    failed = None;
                }
                Some(m) => {
                    // look for a shorter match inside it first
                    let fs = *failed.get_or_insert(m.start());
                    lim = m.end() - 1;
                    if lim <= pos {
                        pos = fs + 1;
                        lim = len;
                        failed = None;
                    }
                }
                None => match failed.take() {
                    Some(fs) => {
                        pos = fs + 1;
                        lim = len;
                    }
                    None => break,
                },
            }
        }
    }

    /// Every match in order until `f` returns false.
    fn visit(&self, text: &str, mode: Mode, mut f: impl FnMut(M) -> bool) {
        let mut seen = 0usize;
        let mut stopped = false;
        let done = with_words(text, |w| {
            self.each(w, mode, |m| {
                seen += 1;
                let go = f(m);
                stopped = !go;
                go
            })
        });
        if !done && !stopped {
            // the first `seen` matches were right; redo the rest exactly
            let mut i = 0;
            self.each_slow(text, mode, |m| {
                i += 1;
                i <= seen || f(m)
            });
        }
    }

    /// Whether the gate lets this message through (no gate: always): a
    /// trigger phrase occurs, even inside a longer word.
    pub fn gate_open(&self, text: &str) -> bool {
        self.gate.as_ref().is_none_or(|g| g.is_match(text))
    }

    /// All word-bounded matches, in order, non-overlapping (none when the
    /// gate is closed).
    pub fn scan(&self, text: &str, out: &mut Vec<M>) {
        self.scan_mode(text, Mode::Reference, out);
    }

    /// Like [`Tagged::scan`], but a match that fails the word boundary does
    /// not hide the bounded matches it overlaps: "the man" inside "the
    /// Mancunians" no longer hides "mancunians", and "never trust a" inside
    /// "never trust an" no longer hides "never trust". (Exactly: at each
    /// start the longest BOUNDED occurrence; an occurrence with no bounded
    /// length is searched inside, then passed by one byte.)
    pub fn scan_bounded(&self, text: &str, out: &mut Vec<M>) {
        self.scan_mode(text, Mode::Bounded, out);
    }

    fn scan_mode(&self, text: &str, mode: Mode, out: &mut Vec<M>) {
        // the gate first: most chat has no trigger and skips the walk
        if !self.gate_open(text) {
            return;
        }
        self.visit(text, mode, |m| {
            out.push(m);
            true
        });
    }

    /// True when the text contains at least one bounded match with `tag`.
    pub fn any(&self, text: &str, tag: Tags) -> bool {
        let mut found = false;
        self.visit(text, Mode::Reference, |m| {
            found = m.mask & tag != 0;
            !found
        });
        found
    }
}

/// Section names -> tag bits, for building a [`Tagged`] from a sectioned file.
pub(crate) fn entries(
    map: &HashMap<String, Vec<String>>,
    tags: &[(&str, Tags)],
) -> Vec<(String, Tags)> {
    let mut out = Vec::new();
    for (sec, bit) in tags {
        if *bit == 0 {
            continue;
        }
        if let Some(list) = map.get(*sec) {
            for p in list {
                out.push((p.clone(), *bit));
            }
        }
    }
    out
}

/// A word character for boundary purposes: ASCII alphanumeric, or any
/// non-ASCII byte (letters such as `é`; emoji are rare next to words and a
/// missed boundary only loses a match).
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `[s, e)` is bounded as a whole word where the match edge is a word
/// character.
#[inline]
pub(crate) fn bounded(bytes: &[u8], s: usize, e: usize) -> bool {
    if s >= e {
        return false;
    }
    let left_ok = !is_word_byte(bytes[s]) || s == 0 || !is_word_byte(bytes[s - 1]);
    let right_ok = !is_word_byte(bytes[e - 1]) || e == bytes.len() || !is_word_byte(bytes[e]);
    left_ok && right_ok
}

/// Bytes between two positions hold only spaces and light punctuation that
/// does not break a phrase (no sentence end, no line break).
#[inline]
pub(crate) fn adjacent(text: &str, a: usize, b: usize) -> bool {
    if a > b {
        return false;
    }
    let gap = &text.as_bytes()[a..b];
    gap.len() <= 4
        && gap
            .iter()
            .all(|&c| matches!(c, b' ' | b',' | b'-' | b'(' | b':' | b'\t'))
}

/// Like [`adjacent`] but spaces only (no comma, colon or bracket).
#[inline]
pub(crate) fn tight(text: &str, a: usize, b: usize) -> bool {
    if a > b {
        return false;
    }
    let gap = &text.as_bytes()[a..b];
    !gap.is_empty() && gap.len() <= 3 && gap.iter().all(|&c| c == b' ')
}

/// Whether a sentence boundary (. ! ? newline) lies in `[a, b)`.
#[inline]
pub(crate) fn crosses_sentence(text: &str, a: usize, b: usize) -> bool {
    if a >= b {
        return false;
    }
    let bytes = text.as_bytes();
    bytes[a..b].iter().enumerate().any(|(i, &c)| {
        c == b'\n'
            || c == b'!'
            || c == b'?'
            || (c == b'.'
                && bytes
                    .get(a + i + 1)
                    .is_none_or(|n| *n == b' ' || *n == b'\n'))
    })
}

/// The word starting at or after `pos` (skipping spaces only), as
/// `(start, end)`. A word is letters plus inner apostrophes and hyphens
/// (`o'brien`, `smith-jones`). Returns `None` when the next non-space
/// character is not a letter.
pub(crate) fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut s = pos;
    while s < bytes.len() && bytes[s] == b' ' {
        s += 1;
    }
    word_at(text, s)
}

/// The word starting exactly at `s` (see [`next_word`]).
pub(crate) fn word_at(text: &str, s: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if s >= bytes.len() {
        return None;
    }
    let first = text[s..].chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut e = s;
    let mut chars = text[s..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            e = s + i + c.len_utf8();
        } else if c == '\'' || c == '\u{2019}' || c == '-' {
            // inner apostrophe/hyphen only when a letter follows
            match chars.peek() {
                Some((_, n)) if n.is_alphabetic() => {
                    // but not a possessive 's at the end: o'brien yes, smith's no
                    let rest = &text[s + i + c.len_utf8()..];
                    let is_possessive = (rest.starts_with('s') || rest.starts_with('S'))
                        && rest[1..].chars().next().is_none_or(|x| !x.is_alphabetic());
                    if is_possessive && c != '-' {
                        break;
                    }
                    continue;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    if e > s { Some((s, e)) } else { None }
}

/// The word ending at or before `pos` (skipping spaces only).
pub(crate) fn prev_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut e = pos.min(bytes.len());
    while e > 0 && bytes[e - 1] == b' ' {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    let mut s = e;
    for (i, c) in text[..e].char_indices().rev() {
        if c.is_alphanumeric() || c == '\'' || c == '\u{2019}' {
            s = i;
        } else {
            break;
        }
    }
    if s < e { Some((s, e)) } else { None }
}

/// Skip a possessive (`'s`, `’s`, `'`) right after `pos`; returns the new
/// position (unchanged when there is none).
pub(crate) fn skip_possessive(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    for p in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(after) = rest.strip_prefix(p)
            && after.chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            return pos + p.len();
        }
    }
    for p in ["'", "\u{2019}"] {
        if let Some(after) = rest.strip_prefix(p)
            && after.starts_with(' ')
        {
            return pos + p.len();
        }
    }
    pos
}

/// Case shape of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Lower,
    Title,
    Upper,
    Mixed,
}

pub(crate) fn shape(word: &str) -> Shape {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else {
        return Shape::Mixed;
    };
    let rest: Vec<char> = chars.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    if first.is_lowercase() && rest_lower {
        Shape::Lower
    } else if first.is_uppercase() && rest_lower {
        Shape::Title
    } else if first.is_uppercase() && rest_upper && !rest.is_empty() {
        Shape::Upper
    } else if first.is_uppercase() {
        // McDonald, O'Brien, DeSouza
        Shape::Title
    } else {
        Shape::Mixed
    }
}

/// Whether position `pos` starts a sentence: only spaces, quotes, markdown or
/// bullet characters since the last sentence end or the start of the text.
pub(crate) fn sentence_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '*' | '_' | '>' | '"' | '\'' | '\u{201c}' | '\u{2018}' | '`' | '~' | '#'
            | '\t' => continue,
            '.' | '!' | '?' | '\n' | ':' | ';' => return true,
            _ => return false,
        }
    }
    true
}

/// Split a member display name / username into lowercase name parts
/// (`dr_lee`, `Sarah Jones (FY1)` -> `dr`, `lee`, `sarah`, `jones`, `fy`).
pub(crate) fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|p| p.chars().count() >= 2)
}

/// Whether `word` equals (case-insensitively) any part of any member or
/// operator-configured staff name.
pub(crate) fn is_member(word: &str, ctx: &crate::ChannelContext) -> bool {
    ctx.members
        .iter()
        .chain(ctx.staff_names.iter())
        .any(|n| name_parts(n).any(|p| p.eq_ignore_ascii_case(word)))
}

/// Test helper: run every `must_match` / `must_not_match` example of the
/// detector rules in a rules file through `run` and return the failures
/// (rule id, example, what happened). `todo_*` examples are reported when
/// they unexpectedly pass, so the lists stay honest.
#[cfg(test)]
pub(crate) fn check_examples(
    file: &str,
    src: &str,
    run: &dyn Fn(&str) -> Vec<&'static str>,
) -> Vec<String> {
    let doc: toml::Value = toml::from_str(src).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut fails = Vec::new();
    let rules = doc["rule"].as_array().expect("[[rule]] array");
    for r in rules {
        if r.get("kind").and_then(|k| k.as_str()) != Some("detector") {
            continue;
        }
        let id = r["id"].as_str().expect("id");
        let list = |k: &str| -> Vec<String> {
            r.get(k)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        for ex in list("must_match") {
            if !run(&ex).contains(&id) {
                fails.push(format!(
                    "{file}: {id}: must_match missed: {ex:?} -> {:?}",
                    run(&ex)
                ));
            }
        }
        for ex in list("must_not_match") {
            if run(&ex).contains(&id) {
                fails.push(format!("{file}: {id}: must_not_match hit: {ex:?}"));
            }
        }
        for ex in list("todo_match") {
            if run(&ex).contains(&id) {
                fails.push(format!(
                    "{file}: {id}: todo_match now passes, move it: {ex:?}"
                ));
            }
        }
        for ex in list("todo_not_match") {
            if !run(&ex).contains(&id) {
                fails.push(format!(
                    "{file}: {id}: todo_not_match now passes, move it: {ex:?}"
                ));
            }
        }
    }
    fails
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_boundaries() {
        let t = "mr o'brien's obs";
        assert_eq!(next_word(t, 2), Some((3, 10)));
        assert_eq!(skip_possessive(t, 10), 12);
        let t = "Smith-Jones in bed 4";
        assert_eq!(word_at(t, 0), Some((0, 11)));
        assert!(bounded(b"the bed.", 4, 7));
        assert!(!bounded(b"bedside", 0, 3));
        assert!(bounded("(son".as_bytes(), 0, 4));
        assert_eq!(prev_word("see  Kevin", 5), Some((0, 3)));
        assert_eq!(shape("Doris"), Shape::Title);
        assert_eq!(shape("doris"), Shape::Lower);
        assert_eq!(shape("DORIS"), Shape::Upper);
        assert_eq!(shape("McDonald"), Shape::Title);
        assert!(sentence_start("ok. Doris", 4));
        assert!(!sentence_start("see Doris", 4));
    }

    #[test]
    fn sections_errors_name_line() {
        let e = parse_sections("x.txt", "a\n", &["s"]).unwrap_err();
        assert!(e.to_string().contains("x.txt:1"), "{e}");
        let e = parse_sections("x.txt", "[s]\na\n[t]\nb\n", &["s"]).unwrap_err();
        assert!(e.to_string().contains("x.txt:3"), "{e}");
        let e = parse_sections("x.txt", "[s]\n", &["s"]).unwrap_err();
        assert!(e.to_string().contains("[s]"), "{e}");
        let ok = parse_sections("x.txt", "# c\n[s]\nFoo Bar\n", &["s"]).unwrap();
        assert_eq!(ok["s"], vec!["foo bar".to_string()]);
    }

    #[test]
    fn member_parts() {
        let ctx = crate::ChannelContext {
            members: vec!["dr_lee".into(), "Sarah Jones (FY1)".into()],
            ..Default::default()
        };
        assert!(is_member("Lee", &ctx));
        assert!(is_member("sarah", &ctx));
        assert!(!is_member("Doris", &ctx));
    }

    /// The word walk gives exactly the reference automaton's matches
    /// (leftmost-longest over all occurrences, unbounded ones dropped), on
    /// random phrase sets and texts built to hit the edge cases: phrases
    /// inside longer words, phrases ending inside a word, shared first
    /// words, punctuation-led phrases, non-ASCII, case.
    #[test]
    fn word_walk_matches_reference_automaton() {
        let vocab = [
            "a",
            "i",
            "in",
            "on",
            "the",
            "man",
            "old",
            "mango",
            "bed",
            "bedside",
            "side",
            "son",
            "person",
            "my",
            "patient",
            "look",
            "looked",
            "up",
            "ed",
            "insta",
            "instagram",
            "x",
            "café",
            "é",
            "🤣",
            "o'brien",
            "brien",
            "e",
            "g",
            "he",
            "she",
            "code",
            "bar",
            "barcode",
        ];
        let seps = [
            " ", " ", " ", "", "  ", ", ", ". ", "\n", "-", "'", ":", "(", ")", "@",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut total, mut fast) = (0, 0);
        for round in 0..300 {
            let mut entries = Vec::new();
            for _ in 0..(3 + rnd(25)) {
                let mut p = String::new();
                if rnd(8) == 0 {
                    p.push_str(["(", "'", "@", "%", "."][rnd(5)]);
                }
                for w in 0..(1 + rnd(3)) {
                    if w > 0 {
                        p.push_str([" ", " ", "-", "'", ": "][rnd(5)]);
                    }
                    p.push_str(vocab[rnd(vocab.len())]);
                }
                if rnd(10) == 0 {
                    p.push_str([":", "'", ".", ")"][rnd(4)]);
                }
                entries.push((p, 1u128 << rnd(4)));
            }
            let triggers = if round % 3 == 0 { 1 } else { 0 };
            let t = Tagged::build_gated(entries, triggers);
            for _ in 0..60 {
                let mut text = String::new();
                for _ in 0..(1 + rnd(12)) {
                    let w = vocab[rnd(vocab.len())];
                    let w = match rnd(4) {
                        0 => w.to_uppercase(),
                        1 => {
                            let mut c = w.chars();
                            c.next()
                                .map(|f| f.to_uppercase().chain(c).collect())
                                .unwrap_or_default()
                        }
                        _ => w.to_string(),
                    };
                    text.push_str(&w);
                    text.push_str(seps[rnd(seps.len())]);
                }
                let mut want = Vec::new();
                t.each_slow(&text, Mode::Reference, |m| {
                    want.push(m);
                    true
                });
                for mode in [Mode::Reference, Mode::Bounded] {
                    let mut exact = Vec::new();
                    t.each_slow(&text, mode, |m| {
                        exact.push(m);
                        true
                    });
                    let mut got = Vec::new();
                    let done = with_words(&text, |w| {
                        t.each(w, mode, |m| {
                            got.push(m);
                            true
                        })
                    });
                    total += 1;
                    if done {
                        fast += 1;
                        assert_eq!(got, exact, "{mode:?} word walk vs automaton on {text:?}");
                    } else {
                        assert_eq!(got[..], exact[..got.len()], "{mode:?} prefix on {text:?}");
                    }
                    let mut scanned = Vec::new();
                    t.scan_bounded(&text, &mut scanned);
                    if mode == Mode::Bounded {
                        if t.gate_open(&text) {
                            assert_eq!(scanned, exact, "scan_bounded on {text:?}");
                        } else {
                            assert!(scanned.is_empty(), "gate closed on {text:?}");
                        }
                    }
                }
                let mut scanned = Vec::new();
                t.scan(&text, &mut scanned);
                // the gate: a trigger phrase as a plain substring
                let lower = text.to_ascii_lowercase();
                let open = triggers == 0
                    || t.pats
                        .iter()
                        .zip(&t.masks)
                        .any(|(p, m)| m & triggers != 0 && lower.contains(p.as_str()));
                assert_eq!(t.gate_open(&text), open, "gate on {text:?}");
                if open {
                    assert_eq!(scanned, want, "scan on {text:?}");
                } else {
                    assert!(scanned.is_empty(), "gate closed on {text:?}");
                }
                for tag in [1u128, 2, 4, 8] {
                    assert_eq!(t.any(&text, tag), want.iter().any(|m| m.has(tag)));
                }
            }
        }
        // the fast path must decide most texts itself (these texts are
        // built to be hard; real chat falls back well under 5% of the time)
        assert!(fast * 2 > total, "fast path decided only {fast} of {total}");
    }
}
