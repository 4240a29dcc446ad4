use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use crate::{Batch, Op, Result, Store, decode_counter, encode_counter, init_schema};

type Key = (String, String);
type Map = BTreeMap<Key, Vec<u8>>;

/// The in-memory backend (tests, `--no-default-features` demos). Holds the
/// same records in the same encoding as sled.
#[derive(Debug)]
pub struct MemoryStore {
    map: Mutex<Map>,
}

impl MemoryStore {
    /// A new, empty store with a fresh random secret.
    pub fn new() -> Result<MemoryStore> {
        let s = MemoryStore {
            map: Mutex::new(BTreeMap::new()),
        };
        init_schema(&s, Path::new("<memory>"), true)?;
        Ok(s)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Map> {
        // A panic while holding the lock cannot leave a half-applied batch
        // (batches are applied to a copy first), so poisoning is harmless.
        self.map.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Store for MemoryStore {
    fn backend(&self) -> &'static str {
        "memory"
    }

    fn get(&self, ns: &str, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.lock().get(&(ns.to_string(), key.to_string())).cloned())
    }

    fn scan(&self, ns: &str, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(self
            .lock()
            .range((ns.to_string(), prefix.to_string())..)
            .take_while(|((n, k), _)| n == ns && k.starts_with(prefix))
            .map(|((_, k), v)| (k.clone(), v.clone()))
            .collect())
    }

    fn dump(&self) -> Result<Vec<(String, String, Vec<u8>)>> {
        Ok(self
            .lock()
            .iter()
            .map(|((n, k), v)| (n.clone(), k.clone(), v.clone()))
            .collect())
    }

    fn apply(&self, batch: Batch) -> Result<()> {
        let mut map = self.lock();
        // Work out every new value first, so an error leaves nothing applied.
        let mut staged: Vec<(Key, Option<Vec<u8>>)> = Vec::new();
        for op in batch.ops {
            match op {
                Op::Put { ns, key, value } => staged.push(((ns, key), Some(value))),
                Op::Remove { ns, key } => staged.push(((ns, key), None)),
                Op::Add { ns, key, by } => {
                    let k = (ns, key);
                    let current = staged
                        .iter()
                        .rev()
                        .find(|(sk, _)| *sk == k)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| map.get(&k).cloned());
                    let n = match current {
                        None => 0,
                        Some(b) => decode_counter(&k.0, &k.1, &b)?,
                    };
                    staged.push((k, Some(encode_counter(n.saturating_add(by)))));
                }
            }
        }
        for (k, v) in staged {
            match v {
                Some(v) => map.insert(k, v),
                None => map.remove(&k),
            };
        }
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        Ok(())
    }
}
