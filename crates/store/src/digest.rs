//! Digest records (subscriptions, delivery intents, seen items, feed cache).
//!
//! Owned by the digest engineer. Build on the typed record layer in the crate
//! root: implement [`crate::Record`] for each record type with its own
//! namespace (prefix `digest.`), and use [`crate::StoreExt`] /
//! [`crate::Batch`] to read and write them atomically.
