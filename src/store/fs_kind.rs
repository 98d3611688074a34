//! Which file system a folder is on, to know whether native file events can
//! be trusted there. On a network file system (NFS, SMB/CIFS) or a FUSE one
//! (sshfs, a sync client's mount) the kernel only reports the changes made
//! from this machine: another machine's save never fires an event, so the
//! watcher polls instead ([`super::watch`]).
//!
//! Linux tells through `/proc/self/mountinfo` (the mount holding a path,
//! and its type by name); elsewhere nothing is detected and `--watch poll`
//! is the way to ask for polling.

use std::path::{Path, PathBuf};

/// File system types whose changes made elsewhere raise no local event.
/// Matched whole, except `fuse.*` (sshfs is `fuse.sshfs`, rclone
/// `fuse.rclone`, …).
const NETWORK: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "coda",
    "9p",
    "virtiofs",
    "ceph",
    "glusterfs",
    "lustre",
    "gfs2",
    "ocfs2",
    "orangefs",
    "davfs",
    "fuse",
    "fuseblk",
    "sshfs",
];

/// Whether a file system type (as mountinfo names it) is one whose other
/// writers raise no local event.
pub fn is_network(fs_type: &str) -> bool {
    fs_type.starts_with("fuse.") || NETWORK.contains(&fs_type)
}

/// The network (or FUSE) file system type holding `path`, if it is on one.
/// `None` when it is on a local one, or when it cannot be told.
pub fn network_type(path: &Path) -> Option<String> {
    let real = super::data_dir::canonical(path).ok()?;
    let fs = fs_type(&real)?;
    is_network(&fs).then_some(fs)
}

#[cfg(target_os = "linux")]
fn fs_type(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    fs_type_in(&text, path)
}

#[cfg(not(target_os = "linux"))]
fn fs_type(_path: &Path) -> Option<String> {
    None
}

/// The type of the mount holding `path` (absolute, links resolved) in a
/// mountinfo text: the longest mount point above it; of mounts on the
/// same point, the last (it hides the others).
pub fn fs_type_in(mountinfo: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for line in mountinfo.lines() {
        let Some((point, fs)) = parse_line(line) else {
            continue;
        };
        if !path.starts_with(&point) {
            continue;
        }
        let depth = point.components().count();
        if best.is_none_or(|(d, _)| depth >= d) {
            best = Some((depth, fs));
        }
    }
    best.map(|(_, fs)| fs.to_owned())
}

/// A mountinfo line's mount point (unescaped) and file system type:
/// `36 35 98:0 /root /mnt/point rw,noatime master:1 - nfs4 server:/ rw`.
fn parse_line(line: &str) -> Option<(PathBuf, &str)> {
    let (before, after) = line.split_once(" - ")?;
    let point = before.split(' ').nth(4)?;
    let fs = after.split(' ').next().filter(|f| !f.is_empty())?;
    Some((PathBuf::from(unescape(point)), fs))
}

/// Undoes mountinfo's octal escapes (`\040` is a space, `\134` a backslash).
fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| bytes[i] == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)))
            .and_then(|d| u8::from_str_radix(std::str::from_utf8(d).ok()?, 8).ok());
        match octal {
            Some(b) => {
                out.push(b);
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:26 / /dev/shm rw,nosuid,nodev shared:3 - tmpfs tmpfs rw
41 22 0:40 / /srv/会议 rw,relatime shared:20 - nfs4 files:/export/meetings rw,vers=4.2
42 41 0:41 / /srv/会议/local rw,relatime shared:21 - ext4 /dev/sdb1 rw
43 22 0:42 / /mnt/share\\040room rw,relatime shared:22 - cifs //nas/room rw
44 22 0:43 / /home/me/remote rw,nosuid,nodev shared:23 - fuse.sshfs me@host:/data rw
45 22 0:44 / /mnt/usb rw shared:24 - fuseblk /dev/sdc1 rw
46 43 0:45 / /mnt/share\\040room rw shared:25 - ext4 /dev/sdd1 rw
bad line without separator
";

    fn at(p: &str) -> Option<String> {
        fs_type_in(MOUNTINFO, Path::new(p))
    }

    #[test]
    fn the_mount_holding_a_path_is_the_longest_above_it() {
        assert_eq!(at("/home/me/meeting.json").as_deref(), Some("ext4"));
        assert_eq!(at("/srv/会议/m.json").as_deref(), Some("nfs4"));
        assert_eq!(at("/srv/会议/local/m.json").as_deref(), Some("ext4"));
        // Components, not text: /srv/会议x is not under /srv/会议.
        assert_eq!(at("/srv/会议x/m.json").as_deref(), Some("ext4"));
        assert_eq!(at("/home/me/remote/m.json").as_deref(), Some("fuse.sshfs"));
        assert_eq!(at("/dev/shm/m.json").as_deref(), Some("tmpfs"));
        // An escaped space; the later mount on the same point hides the first.
        assert_eq!(at("/mnt/share room/m.json").as_deref(), Some("ext4"));
        assert_eq!(fs_type_in("", Path::new("/x")), None);
    }

    #[test]
    fn network_and_fuse_types_are_told_from_local_ones() {
        for fs in [
            "nfs",
            "nfs4",
            "cifs",
            "smb3",
            "fuse.sshfs",
            "fuse.rclone",
            "fuseblk",
            "9p",
        ] {
            assert!(is_network(fs), "{fs}");
        }
        for fs in ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "apfs"] {
            assert!(!is_network(fs), "{fs}");
        }
        assert_eq!(unescape("a\\040b\\134c\\0"), "a b\\c\\0");
    }

    #[test]
    fn a_temporary_folder_here_is_local() {
        // The tests run on a local disk or tmpfs: native events work there.
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(network_type(dir.path()), None);
    }
}
