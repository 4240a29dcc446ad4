//! The adapter's own small persistent state: the sync position, the ids of
//! recently handled events (so a replayed sync batch after a crash is not
//! acted on twice) and the private-note DM room of each user. Event and room
//! ids only, never message text.

use std::{
    collections::{BTreeMap, HashSet, VecDeque},
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use serde::{Deserialize, Serialize};

use crate::{
    error::{Error, Result},
    files,
};

/// How many handled event ids are remembered (a sync batch replayed after a
/// crash is far smaller than this).
pub const HANDLED_IDS_KEPT: usize = 5000;

/// The sync position and the recently handled events.
#[derive(Debug, Default)]
pub struct SyncState {
    path: PathBuf,
    /// `next_batch` of the last fully processed sync response.
    pub next_batch: Option<String>,
    handled: VecDeque<String>,
    handled_set: HashSet<String>,
    /// When the file was last written, and whether memory is newer.
    saved_at: Option<Instant>,
    dirty: bool,
}

#[derive(Serialize, Deserialize)]
struct SyncFile {
    next_batch: Option<String>,
    handled: Vec<String>,
}

impl SyncState {
    /// Loads `path`, or starts empty if it does not exist.
    pub fn load(path: &Path) -> Result<Self> {
        let mut state = SyncState {
            path: path.to_owned(),
            ..Default::default()
        };
        match std::fs::read(path) {
            Ok(bytes) => {
                let file: SyncFile =
                    serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
                        path: path.to_owned(),
                        message: format!("not the adapter's sync state: {e}"),
                    })?;
                state.next_batch = file.next_batch;
                for id in file.handled {
                    state.remember(id);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
        Ok(state)
    }

    /// Has this event already been acted on?
    pub fn is_handled(&self, event_id: &str) -> bool {
        self.handled_set.contains(event_id)
    }

    /// Marks an event as handled (call [`SyncState::save`] to persist).
    pub fn remember(&mut self, event_id: String) {
        self.dirty = true;
        if self.handled_set.insert(event_id.clone()) {
            self.handled.push_back(event_id);
            while self.handled.len() > HANDLED_IDS_KEPT {
                if let Some(old) = self.handled.pop_front() {
                    self.handled_set.remove(&old);
                }
            }
        }
    }

    /// Writes the state now, if anything changed since the last write and
    /// that write is at least `every` old. Losing the newest handled ids in
    /// a crash costs no repeat: the core stays silent about a message it
    /// already decided on, and a message whose actions had begun is in
    /// [`Started`]; the replay only costs a little work.
    pub fn save_if_due(&mut self, every: Duration) -> Result<()> {
        if self.dirty && self.saved_at.is_none_or(|t| t.elapsed() >= every) {
            self.save()?;
        }
        Ok(())
    }

    /// Marks the sync position changed (see [`SyncState::save_if_due`]).
    pub fn set_position(&mut self, next_batch: String) {
        self.next_batch = Some(next_batch);
        self.dirty = true;
    }

    /// Writes the state atomically (and waits for the disk).
    pub fn save(&mut self) -> Result<()> {
        self.saved_at = Some(Instant::now());
        self.dirty = false;
        let file = SyncFile {
            next_batch: self.next_batch.clone(),
            handled: self.handled.iter().cloned().collect(),
        };
        let json = serde_json::to_vec(&file).map_err(|e| Error::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        files::write_private(&self.path, &json)
    }
}

/// Most ids kept in [`Started`]; an event that never comes back (its room
/// was left, or it was redacted meanwhile) is forgotten after this many.
pub const STARTED_IDS_KEPT: usize = 256;

/// The events whose actions have begun but not finished, persisted before
/// the core is asked, so that after a crash the adapter knows which
/// redelivered messages the core already decided on (and recorded) without
/// the actions having been carried out: those are handed to
/// `Bot::handle_redelivered`. Event ids only; a small file, written often.
#[derive(Debug, Default)]
pub struct Started {
    path: PathBuf,
    ids: VecDeque<String>,
}

impl Started {
    /// Loads `path`, or starts empty if it does not exist.
    pub fn load(path: &Path) -> Result<Self> {
        let ids = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
                path: path.to_owned(),
                message: format!("not the adapter's list of started events: {e}"),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => VecDeque::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        Ok(Started {
            path: path.to_owned(),
            ids,
        })
    }

    /// Was this event begun (and not finished) before?
    pub fn contains(&self, event_id: &str) -> bool {
        self.ids.iter().any(|i| i == event_id)
    }

    /// Records (and persists) that acting on `event_id` begins.
    pub fn begin(&mut self, event_id: &str) -> Result<()> {
        if !self.contains(event_id) {
            self.ids.push_back(event_id.to_owned());
            while self.ids.len() > STARTED_IDS_KEPT {
                self.ids.pop_front();
            }
        }
        self.save()
    }

    /// Forgets (and persists) `event_id`: its actions are done.
    pub fn finish(&mut self, event_id: &str) -> Result<()> {
        let before = self.ids.len();
        self.ids.retain(|i| i != event_id);
        if self.ids.len() != before {
            self.save()?;
        }
        Ok(())
    }

    /// Drops the ids `done` says were finished after all (a crash between
    /// marking an event handled and forgetting it here).
    pub fn forget_where(&mut self, done: impl Fn(&str) -> bool) -> Result<()> {
        let before = self.ids.len();
        self.ids.retain(|i| !done(i));
        if self.ids.len() != before {
            self.save()?;
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Written on every message, so without an fsync: it has to outlive a
    /// killed process, which the page cache does.
    fn save(&self) -> Result<()> {
        let json = serde_json::to_vec(&self.ids).map_err(|e| Error::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        files::replace_private(&self.path, &json)
    }
}

/// user id -> the DM room the bot uses for that user's private notes.
#[derive(Debug, Default)]
pub struct DmRooms {
    path: PathBuf,
    rooms: BTreeMap<String, String>,
}

impl DmRooms {
    /// Loads `path`, or starts empty if it does not exist.
    pub fn load(path: &Path) -> Result<Self> {
        let rooms = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
                path: path.to_owned(),
                message: format!("not the adapter's DM room map: {e}"),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        Ok(DmRooms {
            path: path.to_owned(),
            rooms,
        })
    }

    pub fn get(&self, user: &str) -> Option<&str> {
        self.rooms.get(user).map(String::as_str)
    }

    /// Records (and persists) the DM room of `user`.
    pub fn set(&mut self, user: &str, room: &str) -> Result<()> {
        self.rooms.insert(user.to_owned(), room.to_owned());
        self.save()
    }

    /// Forgets the DM room of `user` (e.g. they left it).
    pub fn remove_room(&mut self, room: &str) -> Result<bool> {
        let before = self.rooms.len();
        self.rooms.retain(|_, r| r != room);
        if self.rooms.len() != before {
            self.save()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn save(&self) -> Result<()> {
        let json = serde_json::to_vec_pretty(&self.rooms).map_err(|e| Error::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        files::write_private(&self.path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_state_round_trips_and_forgets_oldest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sync.json");
        let mut s = SyncState::load(&path).unwrap();
        assert!(s.next_batch.is_none());
        for i in 0..HANDLED_IDS_KEPT + 10 {
            s.remember(format!("$e{i}"));
        }
        s.set_position("s72_1".into());
        s.save_if_due(Duration::from_secs(3600)).unwrap();
        let s = SyncState::load(&path).unwrap();
        assert_eq!(s.next_batch.as_deref(), Some("s72_1"));
        assert!(!s.is_handled("$e0"));
        assert!(s.is_handled(&format!("$e{}", HANDLED_IDS_KEPT + 9)));
        // Written at most once per interval; a forced save writes the rest.
        let mut s = s;
        s.save().unwrap();
        s.remember("$late".into());
        s.save_if_due(Duration::from_secs(3600)).unwrap();
        s.save_if_due(Duration::from_secs(3600)).unwrap();
        assert!(!SyncState::load(&path).unwrap().is_handled("$late"));
        s.save_if_due(Duration::ZERO).unwrap();
        assert!(SyncState::load(&path).unwrap().is_handled("$late"));
    }

    #[test]
    fn corrupt_state_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sync.json");
        std::fs::write(&path, b"{nope").unwrap();
        let err = SyncState::load(&path).unwrap_err().to_string();
        assert!(err.contains("sync.json"), "{err}");
    }

    #[test]
    fn started_ids_persist_until_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("started.json");
        let mut s = Started::load(&path).unwrap();
        s.begin("$a").unwrap();
        s.begin("$b").unwrap();
        s.begin("$a").unwrap();
        // A crash here: the next process sees both as begun.
        let mut s = Started::load(&path).unwrap();
        assert_eq!(s.len(), 2);
        assert!(s.contains("$a") && s.contains("$b"));
        s.finish("$a").unwrap();
        s.forget_where(|id| id == "$b").unwrap();
        let s = Started::load(&path).unwrap();
        assert!(s.is_empty());
        let mut s = Started::load(&path).unwrap();
        for i in 0..STARTED_IDS_KEPT + 5 {
            s.begin(&format!("$e{i}")).unwrap();
        }
        assert_eq!(s.len(), STARTED_IDS_KEPT);
        assert!(!s.contains("$e0"), "the oldest are forgotten");
        std::fs::write(&path, b"[1").unwrap();
        let err = Started::load(&path).unwrap_err().to_string();
        assert!(err.contains("started.json"), "{err}");
    }

    #[test]
    fn dm_rooms_persist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dm.json");
        let mut d = DmRooms::load(&path).unwrap();
        d.set("@a:x", "!r1").unwrap();
        let mut d = DmRooms::load(&path).unwrap();
        assert_eq!(d.get("@a:x"), Some("!r1"));
        assert!(d.remove_room("!r1").unwrap());
        assert_eq!(DmRooms::load(&path).unwrap().get("@a:x"), None);
    }
}
