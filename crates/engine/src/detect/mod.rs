//! Detectors written in code (as opposed to `kind = "pattern"` / `"phrase"`
//! rules, which are pure data). Each detector module exposes:
//!
//! ```ignore
//! pub struct XDicts { .. }                       // its dictionaries
//! pub fn load(files: &[DictFile<'_>]) -> Result<XDicts, crate::Error>;
//! pub fn detect(text: &str, ctx: &ChannelContext, dicts: &XDicts, out: &mut Vec<Hit>);
//! ```
//!
//! * `text` is the NORMALISED message (NFKC, zero-width/format characters
//!   removed, full-width digits and common homoglyphs folded). For plain ASCII
//!   input it is the original text itself.
//! * `Hit::start`/`Hit::end` are byte offsets into that normalised text, on
//!   char boundaries; the pipeline maps them back to the original text.
//! * `Hit::rule` must be the id of a `kind = "detector"` rule in `rules/*.toml`
//!   whose `detector` field names the module (`patient-name`, `indirect`,
//!   `risk`); the loader attaches category, severity, guidance, label and
//!   reason from that rule. A hit whose rule id is unknown is dropped (and the
//!   `rules test` command reports it as an error).
//!
//! Performance budget: the whole engine must reach >= 200,000 messages/s on
//! one core, i.e. 5 µs per ~90-115-byte message. NOT met yet. Dictionary
//! matching (`lexicon::Tagged`) is a word walk, not an automaton pass: the
//! message is split once into words (shared by all detectors), each word is
//! looked up by hash among the phrases' first words and a byte trie finds the
//! longest phrase; the rare ambiguous message (a phrase ending or starting
//! inside a word, ~0.7% of lexicon calls on the bench mix) is finished by the old
//! leftmost-longest automaton, built on first use, so matches are exactly as
//! before. Trigger gates stay substring automata and run first. Measured
//! 2026-11-25 03:33 UTC on the shared 2-core machine at load average 6.7-7.2
//! (other helpers building), so figures are pessimistic and noisy:
//! `caldicott bench --seconds 5` (release, `--no-default-features`) 26,000-
//! 30,000 messages/s, p50 15 µs, p99 155-166 µs, start-up 121-138 ms median,
//! peak RSS 25 MB. Same detectors before/after this change (commit ddd81bc),
//! CPU seconds for `caldicott scan` over 200,000 bench messages, 4 interleaved
//! runs each: 2.89-3.58 s before, 2.78-3.51 s after (~7% less CPU). `perf`:
//! `aho_corasick::automaton::try_find_fwd` fell from 39% to 12% of samples;
//! the word walk (`Tagged::longest`, `inner_start`, `lookup`) now takes ~24%.
//! Next steps: one shared lexicon for all detectors (now each word is looked
//! up once per detector), a cheaper trigger gate, and the per-detector work
//! (`names::detect`, `indirect::detect`).

pub mod indirect;
pub mod names;
pub mod risk;

/// One raw dictionary file from `data/dict/`: its file name (relative to
/// `data/dict/`, e.g. `given-names.txt`) and its UTF-8 contents.
#[derive(Debug, Clone, Copy)]
pub struct DictFile<'a> {
    pub name: &'a str,
    pub contents: &'a str,
}

/// A raw detection from a code detector, in normalised-text byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Id of a `kind = "detector"` rule.
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    /// Optional extra explanation appended to the rule's reason (e.g. which
    /// parts of an indirect identification combined). Must never contain the
    /// matched text.
    pub detail: Option<String>,
}

/// All detector dictionaries, loaded once from `data/dict/`.
#[derive(Debug, Default)]
pub struct Dicts {
    pub names: names::NameDicts,
    pub indirect: indirect::IndirectDicts,
    pub risk: risk::RiskDicts,
}

impl Dicts {
    /// Load every detector's dictionaries from the given files.
    pub fn load(files: &[DictFile<'_>]) -> Result<Dicts, crate::Error> {
        Ok(Dicts {
            names: names::load(files)?,
            indirect: indirect::load(files)?,
            risk: risk::load(files)?,
        })
    }
}

/// The detector names a `kind = "detector"` rule may use.
pub const DETECTORS: [&str; 3] = ["patient-name", "indirect", "risk"];

/// Run every code detector over the normalised text.
pub fn run_all(text: &str, ctx: &crate::ChannelContext, dicts: &Dicts, out: &mut Vec<Hit>) {
    names::detect(text, ctx, &dicts.names, out);
    indirect::detect(text, ctx, &dicts.indirect, out);
    risk::detect(text, ctx, &dicts.risk, out);
}
