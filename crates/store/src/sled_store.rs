use std::path::{Path, PathBuf};

use sled::transaction::{ConflictableTransactionError, TransactionError};

use crate::{Batch, Error, Op, Result, Store, decode_counter, encode_counter, init_schema};

/// sled's page cache bound. The store is small (settings, counters, note
/// records), and sled's default of 1 GiB would let resident memory creep.
pub const SLED_CACHE_BYTES: u64 = 32 * 1024 * 1024;

/// The sled 0.34 backend. All namespaces share sled's default tree with
/// keys `namespace \0 key`, so any [`Batch`] is one sled transaction.
#[derive(Debug)]
pub struct SledStore {
    db: sled::Db,
    path: PathBuf,
}

fn raw_key(ns: &str, key: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(ns.len() + 1 + key.len());
    k.extend_from_slice(ns.as_bytes());
    k.push(0);
    k.extend_from_slice(key.as_bytes());
    k
}

impl SledStore {
    /// Open (or create) the store in `path`. A corrupt database, one that is
    /// not a Caldicott store, or one written by a newer Caldicott is refused
    /// with a clear error and left untouched.
    ///
    /// sled repairs what it takes for a torn tail while it opens, writing to
    /// the files; so an existing store is first opened from a copy (a
    /// probe), and only a store whose copy opened cleanly is opened in place.
    pub fn open(path: &Path) -> Result<SledStore> {
        let fresh = !path.join("conf").exists() && !path.join("db").exists();
        if !fresh {
            let probe = probe_dir(path);
            let copied = copy_dir(path, &probe).map_err(|e| Error::Corrupt {
                path: path.to_path_buf(),
                message: format!("cannot copy it for a check: {e}"),
            });
            // The probe store is closed (dropped) before its copy is removed.
            let checked = copied.and_then(|()| Self::open_in_place(&probe, false).map(drop));
            let _ = std::fs::remove_dir_all(&probe);
            checked.map_err(|e| match e {
                // Report the real path, not the probe's.
                Error::Corrupt { message, .. } => Error::Corrupt {
                    path: path.to_path_buf(),
                    message,
                },
                Error::NewerSchema {
                    found, supported, ..
                } => Error::NewerSchema {
                    path: path.to_path_buf(),
                    found,
                    supported,
                },
                Error::Open { source, .. } => Error::Open {
                    path: path.to_path_buf(),
                    source,
                },
                other => other,
            })?;
        }
        Self::open_in_place(path, fresh)
    }

    fn open_in_place(path: &Path, fresh: bool) -> Result<SledStore> {
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(SLED_CACHE_BYTES)
            .open()
            .map_err(|e| match e {
                sled::Error::Corruption { .. } | sled::Error::Unsupported(_) => Error::Corrupt {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                },
                e => Error::Open {
                    path: path.to_path_buf(),
                    source: e,
                },
            })?;
        let store = SledStore {
            db,
            path: path.to_path_buf(),
        };
        init_schema(&store, path, fresh)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn split(&self, raw: &[u8]) -> Result<(String, String)> {
        let bad = || Error::Corrupt {
            path: self.path.clone(),
            message: "a key is not namespace\\0key UTF-8".into(),
        };
        let i = raw.iter().position(|b| *b == 0).ok_or_else(bad)?;
        let ns = std::str::from_utf8(&raw[..i]).map_err(|_| bad())?;
        let key = std::str::from_utf8(&raw[i + 1..]).map_err(|_| bad())?;
        Ok((ns.to_string(), key.to_string()))
    }
}

impl Store for SledStore {
    fn backend(&self) -> &'static str {
        "sled"
    }

    fn get(&self, ns: &str, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.db.get(raw_key(ns, key))?.map(|v| v.to_vec()))
    }

    fn scan(&self, ns: &str, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let skip = ns.len() + 1;
        self.db
            .scan_prefix(raw_key(ns, prefix))
            .map(|kv| {
                let (k, v) = kv?;
                let key = String::from_utf8(k[skip..].to_vec()).map_err(|_| Error::Corrupt {
                    path: self.path.clone(),
                    message: format!("a key in namespace {ns} is not UTF-8"),
                })?;
                Ok((key, v.to_vec()))
            })
            .collect()
    }

    fn dump(&self) -> Result<Vec<(String, String, Vec<u8>)>> {
        self.db
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                let (ns, key) = self.split(&k)?;
                Ok((ns, key, v.to_vec()))
            })
            .collect()
    }

    fn apply(&self, batch: Batch) -> Result<()> {
        let res: std::result::Result<(), TransactionError<Error>> = self.db.transaction(|tx| {
            for op in &batch.ops {
                match op {
                    Op::Put { ns, key, value } => {
                        tx.insert(raw_key(ns, key), value.as_slice())?;
                    }
                    Op::Remove { ns, key } => {
                        tx.remove(raw_key(ns, key))?;
                    }
                    Op::Add { ns, key, by } => {
                        let k = raw_key(ns, key);
                        let n = match tx.get(&k)? {
                            None => 0,
                            Some(b) => decode_counter(ns, key, &b)
                                .map_err(ConflictableTransactionError::Abort)?,
                        };
                        tx.insert(k, encode_counter(n.saturating_add(*by)))?;
                    }
                }
            }
            Ok(())
        });
        match res {
            Ok(()) => Ok(()),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(Error::Backend(e)),
        }
    }

    fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }
}

/// A sibling directory for the probe copy: `<store>.probe-<pid>`.
fn probe_dir(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "store".into());
    name.push(format!(".probe-{}", std::process::id()));
    path.with_file_name(name)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
