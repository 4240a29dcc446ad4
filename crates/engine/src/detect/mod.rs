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
//! one core, i.e. 5 µs per ~90-115-byte message. Measured by engine-A
//! (`cargo run --release -p caldicott-engine --example profile`, 2-core
//! machine at load average ~9 from parallel builds, so absolute figures are
//! pessimistic): normalisation ~1 µs, identifier rules ~5 µs, `names` ~3 µs,
//! `indirect` ~5 µs, `risk` ~3 µs per message; the full engine ~23-30 µs.
//! `perf` puts ~40% of all scan time in `aho_corasick::automaton::try_find_fwd`
//! called from the detectors' lexicon automata. Suggested for engine-B: build
//! the big word automata with `AhoCorasickKind::DFA` (dense, ASCII
//! case-insensitive), run ONE pass per message shared by the three detectors,
//! and return early when it finds no cue word.

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
