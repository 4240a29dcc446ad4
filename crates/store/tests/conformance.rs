//! The conformance suite on both backends.

mod memory {
    caldicott_store::store_conformance_tests!(|| (
        caldicott_store::MemoryStore::new().unwrap(),
        ()
    ));
}

mod sled {
    caldicott_store::store_conformance_tests!(|| {
        let dir = tempfile::tempdir().unwrap();
        let s = caldicott_store::SledStore::open(&dir.path().join("store")).unwrap();
        (s, dir)
    });
}
