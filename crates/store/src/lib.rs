#![doc = include_str!("../README.md")]

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use serde::{Serialize, de::DeserializeOwned};
use sha2::Sha256;

pub mod conformance;
pub mod digest;
mod error;
mod memory;
pub mod records;
mod sled_store;

pub use error::{Error, Result};
pub use memory::MemoryStore;
pub use records::{ChannelSettings, Cooldown, LastNote, Mode, NoteRecord};
pub use sled_store::{SLED_CACHE_BYTES, SledStore};

/// The schema this build writes. Older stores are migrated on open; newer
/// ones are refused.
pub const SCHEMA_VERSION: u32 = 1;

/// Namespace of the store's own bookkeeping (schema version, secret).
pub const META: &str = "meta";
const META_SCHEMA: &str = "schema_version";
const META_SECRET: &str = "author_hmac_key";

/// Namespaces of the core's records (the digest's live in [`digest`]).
pub mod ns {
    pub const SETTINGS: &str = "settings";
    pub const COOLDOWN: &str = "cooldown";
    pub const AUDIT: &str = "audit";
    pub const DISPUTE: &str = "dispute";
    pub const NOTE: &str = "note";
    pub const LAST_NOTE: &str = "last_note";
}

/// One write inside a [`Batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Put {
        ns: String,
        key: String,
        value: Vec<u8>,
    },
    Remove {
        ns: String,
        key: String,
    },
    /// Add to a counter (a JSON integer; absent counts as 0).
    Add {
        ns: String,
        key: String,
        by: u64,
    },
}

/// Writes that belong together: a backend applies all of them or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    pub ops: Vec<Op>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
    pub fn put_raw(&mut self, ns: &str, key: &str, value: Vec<u8>) -> &mut Self {
        self.ops.push(Op::Put {
            ns: ns.into(),
            key: key.into(),
            value,
        });
        self
    }
    pub fn put<R: Record>(&mut self, key: &str, record: &R) -> &mut Self {
        self.put_raw(R::NAMESPACE, key, encode(record))
    }
    pub fn remove(&mut self, ns: &str, key: &str) -> &mut Self {
        self.ops.push(Op::Remove {
            ns: ns.into(),
            key: key.into(),
        });
        self
    }
    pub fn add(&mut self, ns: &str, key: &str, by: u64) -> &mut Self {
        self.ops.push(Op::Add {
            ns: ns.into(),
            key: key.into(),
            by,
        });
        self
    }
    /// Count one finding for the audit (no content: channel, day, category, rule, keyed author hash).
    pub fn audit(
        &mut self,
        channel: &str,
        day: NaiveDate,
        category: &str,
        rule: &str,
        author_hash: &str,
    ) -> &mut Self {
        let day = day.format("%Y-%m-%d").to_string();
        self.add(
            ns::AUDIT,
            &key(&[channel, &day, category, rule, author_hash]),
            1,
        )
    }
    /// Count one dispute (rule, category and channel only).
    pub fn dispute(&mut self, channel: &str, category: &str, rule: &str) -> &mut Self {
        self.add(ns::DISPUTE, &key(&[channel, category, rule]), 1)
    }
}

/// A raw, namespaced key-value store. Everything typed is built on these few
/// methods in [`StoreExt`], so every backend behaves the same (the
/// [`store_conformance_tests!`] suite checks it).
///
/// Values are JSON bytes (records via [`encode`], counters as integers), so
/// the whole state exports as JSON.
pub trait Store: Send + Sync + fmt::Debug {
    /// `"memory"` or `"sled"`.
    fn backend(&self) -> &'static str;
    fn get(&self, ns: &str, key: &str) -> Result<Option<Vec<u8>>>;
    /// All entries of a namespace whose key starts with `prefix`, sorted by key.
    fn scan(&self, ns: &str, prefix: &str) -> Result<Vec<(String, Vec<u8>)>>;
    /// Every entry, sorted by (namespace, key).
    fn dump(&self) -> Result<Vec<(String, String, Vec<u8>)>>;
    /// Apply all writes atomically (one sled transaction).
    fn apply(&self, batch: Batch) -> Result<()>;
    /// Make everything applied so far durable. Called before acknowledging a
    /// settings change.
    fn flush(&self) -> Result<()>;
}

/// A persisted record type: its namespace and encoding version.
///
/// Encoding (stable, versioned): `{"v":<VERSION>,"data":<serde JSON of the record>}`.
/// Field order follows the struct; sets and maps are `BTree*`, so equal
/// records encode to equal bytes. Snapshot tests pin the encoding.
pub trait Record: Serialize + DeserializeOwned {
    const NAMESPACE: &'static str;
    const VERSION: u32;
    /// Turn the `data` of an older encoding version into the current shape.
    fn upgrade(from: u32, data: serde_json::Value) -> Result<serde_json::Value, String> {
        let _ = data;
        Err(format!("no upgrade from record version {from}"))
    }
}

#[derive(Serialize)]
struct EnvelopeRef<'a, R> {
    v: u32,
    data: &'a R,
}

#[derive(serde::Deserialize)]
struct Envelope {
    v: u32,
    data: serde_json::Value,
}

/// Encode a record in the stable versioned format.
pub fn encode<R: Record>(record: &R) -> Vec<u8> {
    serde_json::to_vec(&EnvelopeRef {
        v: R::VERSION,
        data: record,
    })
    .expect("records serialise to JSON")
}

/// Decode a record, upgrading older versions; errors name namespace and key.
pub fn decode<R: Record>(key: &str, bytes: &[u8]) -> Result<R> {
    let err = |message: String| Error::Decode {
        namespace: R::NAMESPACE.into(),
        key: key.into(),
        message,
    };
    let env: Envelope = serde_json::from_slice(bytes).map_err(|e| err(e.to_string()))?;
    let data = match env.v.cmp(&R::VERSION) {
        std::cmp::Ordering::Equal => env.data,
        std::cmp::Ordering::Less => R::upgrade(env.v, env.data).map_err(err)?,
        std::cmp::Ordering::Greater => {
            return Err(Error::NewerRecord {
                namespace: R::NAMESPACE.into(),
                key: key.into(),
                found: env.v,
                supported: R::VERSION,
            });
        }
    };
    serde_json::from_value(data).map_err(|e| err(e.to_string()))
}

/// Join key parts with `|`, escaping `%` and `|` inside parts, so any
/// channel or rule id makes a well-formed, prefix-scannable key.
pub fn key(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for c in p.chars() {
            match c {
                '%' => out.push_str("%25"),
                '|' => out.push_str("%7C"),
                c => out.push(c),
            }
        }
    }
    out
}

/// Split a key made by [`key`] back into its parts.
pub fn key_parts(key: &str) -> Vec<String> {
    key.split('|')
        .map(|p| p.replace("%7C", "|").replace("%25", "%"))
        .collect()
}

pub(crate) fn decode_counter(ns: &str, key: &str, bytes: &[u8]) -> Result<u64> {
    serde_json::from_slice::<u64>(bytes).map_err(|e| Error::Decode {
        namespace: ns.into(),
        key: key.into(),
        message: format!("counter: {e}"),
    })
}

pub(crate) fn encode_counter(n: u64) -> Vec<u8> {
    n.to_string().into_bytes()
}

/// Check (and if needed create or migrate) the schema of a freshly opened
/// backend. `what` names the store in errors (its path).
///
/// `fresh` says the store did not exist before: only then is an empty store
/// initialised. An existing store without a schema version is refused.
pub(crate) fn init_schema(store: &dyn Store, what: &std::path::Path, fresh: bool) -> Result<()> {
    let corrupt = |message: String| Error::Corrupt {
        path: what.to_path_buf(),
        message,
    };
    match store.get(META, META_SCHEMA)? {
        None => {
            if !store.dump()?.is_empty() {
                return Err(corrupt("records present but no schema version".into()));
            }
            if !fresh {
                return Err(corrupt(
                    "the database files exist but hold no Caldicott data".into(),
                ));
            }
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret).map_err(|e| Error::Random(e.to_string()))?;
            let mut b = Batch::new();
            b.put_raw(META, META_SCHEMA, encode_counter(SCHEMA_VERSION as u64));
            b.put_raw(
                META,
                META_SECRET,
                serde_json::to_vec(&hex::encode(secret)).expect("string"),
            );
            store.apply(b)?;
            store.flush()
        }
        Some(bytes) => {
            let found = decode_counter(META, META_SCHEMA, &bytes)
                .map_err(|e| corrupt(e.to_string()))? as u32;
            if found > SCHEMA_VERSION {
                return Err(Error::NewerSchema {
                    path: what.to_path_buf(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            if found < SCHEMA_VERSION {
                migrate(store, found)?;
            }
            secret_of(store).map_err(|e| corrupt(e.to_string()))?;
            Ok(())
        }
    }
}

/// Schema migrations, one step per version: `MIGRATIONS[i]` takes a store
/// at version `i + 1` to `i + 2` and returns the batch that does it (the
/// batch also writes the new version, so each step is atomic).
type Migration = fn(&dyn Store) -> Result<Batch>;
const MIGRATIONS: &[Migration] = &[];

fn migrate(store: &dyn Store, mut from: u32) -> Result<()> {
    while from < SCHEMA_VERSION {
        let step = MIGRATIONS
            .get(from as usize - 1)
            .ok_or(Error::NoMigration { from, to: from + 1 })?;
        let mut batch = step(store)?;
        batch.put_raw(META, META_SCHEMA, encode_counter(from as u64 + 1));
        store.apply(batch)?;
        store.flush()?;
        from += 1;
    }
    Ok(())
}

fn secret_of(store: &(impl Store + ?Sized)) -> Result<[u8; 32]> {
    let bad = |message: &str| Error::Decode {
        namespace: META.into(),
        key: META_SECRET.into(),
        message: message.into(),
    };
    let bytes = store
        .get(META, META_SECRET)?
        .ok_or_else(|| bad("missing"))?;
    let hexed: String = serde_json::from_slice(&bytes).map_err(|_| bad("not a string"))?;
    let raw = hex::decode(hexed).map_err(|_| bad("not hex"))?;
    raw.try_into().map_err(|_| bad("not 32 bytes"))
}

/// Typed operations on any [`Store`].
pub trait StoreExt: Store {
    fn get_record<R: Record>(&self, key: &str) -> Result<Option<R>> {
        self.get(R::NAMESPACE, key)?
            .map(|b| decode::<R>(key, &b))
            .transpose()
    }

    /// Every record of a type whose key starts with `prefix`.
    fn records<R: Record>(&self, prefix: &str) -> Result<Vec<(String, R)>> {
        self.scan(R::NAMESPACE, prefix)?
            .into_iter()
            .map(|(k, v)| decode::<R>(&k, &v).map(|r| (k, r)))
            .collect()
    }

    fn put_record<R: Record>(&self, key: &str, record: &R) -> Result<()> {
        let mut b = Batch::new();
        b.put(key, record);
        self.apply(b)
    }

    fn counter(&self, ns: &str, key: &str) -> Result<u64> {
        match self.get(ns, key)? {
            None => Ok(0),
            Some(b) => decode_counter(ns, key, &b),
        }
    }

    /// Keyed hash (HMAC-SHA256 with the per-deployment secret kept in the
    /// store), hex, 128 bits. `domain` separates uses (`author`, `note`).
    fn keyed_hash(&self, domain: &str, data: &str) -> Result<String> {
        let secret = secret_of(self)?;
        let mut mac = Hmac::<Sha256>::new_from_slice(&secret).expect("any key length");
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(data.as_bytes());
        Ok(hex::encode(&mac.finalize().into_bytes()[..16]))
    }

    fn settings(&self, channel: &str) -> Result<Option<ChannelSettings>> {
        self.get_record(channel)
    }

    /// Save a channel's settings and flush: when this returns Ok the change
    /// survives a crash, so the bot may acknowledge it.
    fn save_settings(&self, channel: &str, settings: &ChannelSettings) -> Result<()> {
        self.put_record(channel, settings)?;
        self.flush()
    }

    fn cooldown_until(&self, author_hash: &str, category: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .get_record::<Cooldown>(&key(&[author_hash, category]))?
            .map(|c| c.until))
    }

    /// Audit counters of a channel: `(day, category, rule, author_hash, count)`.
    fn audit(&self, channel: &str) -> Result<Vec<AuditCount>> {
        let prefix = format!("{}|", key(&[channel]));
        self.scan(ns::AUDIT, &prefix)?
            .into_iter()
            .map(|(k, v)| {
                let parts = key_parts(&k);
                let count = decode_counter(ns::AUDIT, &k, &v)?;
                match parts.as_slice() {
                    [_, day, category, rule, author] => Ok(AuditCount {
                        day: day.clone(),
                        category: category.clone(),
                        rule: rule.clone(),
                        author_hash: author.clone(),
                        count,
                    }),
                    _ => Err(Error::Key {
                        namespace: ns::AUDIT.into(),
                        message: format!("{k}: expected 5 parts"),
                    }),
                }
            })
            .collect()
    }

    /// Dispute counts of a channel: `(category, rule, count)`, sorted.
    fn disputes(&self, channel: &str) -> Result<Vec<(String, String, u64)>> {
        let prefix = format!("{}|", key(&[channel]));
        self.scan(ns::DISPUTE, &prefix)?
            .into_iter()
            .map(|(k, v)| {
                let parts = key_parts(&k);
                let count = decode_counter(ns::DISPUTE, &k, &v)?;
                match parts.as_slice() {
                    [_, category, rule] => Ok((category.clone(), rule.clone(), count)),
                    _ => Err(Error::Key {
                        namespace: ns::DISPUTE.into(),
                        message: format!("{k}: expected 3 parts"),
                    }),
                }
            })
            .collect()
    }
}

impl<S: Store + ?Sized> StoreExt for S {}

/// One audit counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditCount {
    pub day: String,
    pub category: String,
    pub rule: String,
    pub author_hash: String,
    pub count: u64,
}

/// The export format's name and version.
pub const EXPORT_FORMAT: &str = "caldicott-store-export";

/// All state as one JSON value (the operator's backup), secret included so
/// that keyed hashes stay comparable after a restore.
pub fn export(store: &dyn Store) -> Result<serde_json::Value> {
    let mut records = Vec::new();
    for (ns, key, value) in store.dump()? {
        let value: serde_json::Value =
            serde_json::from_slice(&value).map_err(|e| Error::Decode {
                namespace: ns.clone(),
                key: key.clone(),
                message: e.to_string(),
            })?;
        records.push(serde_json::json!({"ns": ns, "key": key, "value": value}));
    }
    Ok(serde_json::json!({
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "records": records,
    }))
}

/// Read an export back into a store that holds nothing but its own meta
/// records. All records are written in one batch, then flushed. Returns the
/// number of records imported.
pub fn import(store: &dyn Store, export: &serde_json::Value) -> Result<usize> {
    let bad = |at: &str, message: &str| Error::Import {
        at: at.into(),
        message: message.into(),
    };
    if export.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(bad("format", &format!("expected \"{EXPORT_FORMAT}\"")));
    }
    let version = export
        .get("schema_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| bad("schema_version", "missing or not a number"))?;
    if version != SCHEMA_VERSION as u64 {
        return Err(bad(
            "schema_version",
            &format!("export has {version}, this build reads {SCHEMA_VERSION}"),
        ));
    }
    if store.dump()?.iter().any(|(ns, _, _)| ns != META) {
        return Err(bad(
            "target store",
            "already holds records; import only into a new data directory",
        ));
    }
    let records = export
        .get("records")
        .and_then(|r| r.as_array())
        .ok_or_else(|| bad("records", "missing or not an array"))?;
    let mut batch = Batch::new();
    for (i, r) in records.iter().enumerate() {
        let at = format!("records[{i}]");
        let ns = r
            .get("ns")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad(&at, "ns missing"))?;
        let key = r
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad(&at, "key missing"))?;
        let value = r.get("value").ok_or_else(|| bad(&at, "value missing"))?;
        if ns.is_empty() || ns.contains('\0') {
            return Err(bad(&at, "bad namespace"));
        }
        if ns == META && key == META_SCHEMA {
            continue;
        }
        batch.put_raw(ns, key, serde_json::to_vec(value).expect("json"));
    }
    let n = batch.ops.len();
    store.apply(batch)?;
    secret_of(store)?;
    store.flush()?;
    Ok(n)
}
