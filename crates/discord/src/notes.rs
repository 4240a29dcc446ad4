//! Private notes waiting for their author's **Why?** click.
//!
//! Discord can only whisper in answer to an interaction, so a note is kept in
//! memory until the author clicks (or until it expires). What is kept is the
//! core's note: the *masked* copy, the reasons and the citation, never the
//! original message. Nothing here is written to disk or logged.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use caldicott_core::Citation;

/// How long a note waits for its author by default.
pub const NOTE_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// At most this many notes are held; the oldest go first.
pub const NOTES_MAX: usize = 10_000;

/// One note for one author.
#[derive(Debug, Clone)]
pub struct Note {
    /// Discord user id of the author: only they may open it.
    pub author: u64,
    /// The note as the core rendered it (masked copy, why, guidance).
    pub text: String,
    pub citation: Option<Citation>,
    /// The core's note id, for the dispute flow.
    pub note_id: String,
    /// Channel the flagged message was in.
    pub channel: u64,
    created: Instant,
}

impl Note {
    pub fn new(
        author: u64,
        note_id: String,
        text: String,
        citation: Option<Citation>,
        channel: u64,
    ) -> Note {
        Note {
            author,
            text,
            citation,
            note_id,
            channel,
            created: Instant::now(),
        }
    }
}

/// Notes by id, with a time to live.
#[derive(Debug)]
pub struct Notes {
    ttl: Duration,
    inner: Mutex<HashMap<String, Note>>,
}

impl Notes {
    pub fn new(ttl: Duration) -> Notes {
        Notes {
            ttl,
            inner: Mutex::new(HashMap::new()),
        }
    }

    pub fn insert(&self, note: Note) {
        let mut map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let ttl = self.ttl;
        map.retain(|_, n| n.created.elapsed() < ttl);
        if map.len() >= NOTES_MAX
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, n)| n.created)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        map.insert(note.note_id.clone(), note);
    }

    /// The note, if it exists and has not expired.
    pub fn get(&self, note_id: &str) -> Option<Note> {
        let map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        map.get(note_id)
            .filter(|n| n.created.elapsed() < self.ttl)
            .cloned()
    }

    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_expire() {
        let notes = Notes::new(Duration::from_millis(30));
        notes.insert(Note::new(
            1,
            "a".into(),
            "masked [NHS number]".into(),
            None,
            9,
        ));
        assert_eq!(notes.get("a").map(|n| n.author), Some(1));
        std::thread::sleep(Duration::from_millis(40));
        assert!(notes.get("a").is_none());
        assert!(notes.get("missing").is_none());
    }
}
