//! Small, private, atomically written files in the data directory.

use std::{fs, io::Write, path::Path};

use crate::error::{Error, Result};

/// Creates `dir` (and parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    set_mode(dir, 0o700)
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a crash
/// leaves either the old or the new content, never half of it. Mode 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_private_dir(parent)?;
    }
    let tmp = path.with_extension("tmp");
    {
        let mut f = fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        set_mode(&tmp, 0o600)?;
        f.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
        f.sync_all().map_err(|e| Error::io(&tmp, e))?;
    }
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// [`write_private`] without waiting for the disk: the new content
/// survives the process being killed (it is in the kernel's page cache),
/// not a power cut. For small files rewritten on every message, where an
/// fsync each time would limit the bot to a few dozen messages a second.
pub fn replace_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_private_dir(parent)?;
    }
    let tmp = path.with_extension("tmp");
    {
        let mut f = fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        set_mode(&tmp, 0o600)?;
        f.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
    }
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}
