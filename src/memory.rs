//! How the process asks the C allocator for memory, where that matters.
//!
//! glibc serves a request of 128 KB or more with its own `mmap`, returned
//! to the system when freed — but after the first such block is freed it
//! raises that threshold to the block's size (up to 32 MB), and from then
//! on serves the console's large buffers (a 27 MB snapshot's text, its
//! 12 MB list of projects) from the heap, which it seldom gives back. Each
//! reload of a large meeting then left the console holding more: 65 MB
//! after opening, 137 MB after five outside changes. A fixed threshold
//! keeps large blocks mapped, so memory freed is memory returned.

/// Blocks this large or larger are mapped and unmapped on their own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1 << 20;

/// Sets the allocator up as described above; call once, first thing.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a tuning parameter of glibc's malloc; it
    // is called before any other thread exists, with a documented option.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Gives the pages of memory freed but kept by the allocator back to the
/// system: after a large document is replaced (a reload), the old one's
/// many small blocks would otherwise stay resident for the meeting.
pub fn release_free() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages to the system; the
    // allocator's locks make it safe beside other threads.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Below this, a buffer is not worth a huge page (and may come from the
/// heap rather than its own mapping).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HUGE_FROM: usize = 4 << 20;

/// Asks the kernel to back the spare capacity of a large buffer about to be
/// filled (a snapshot's text, its list of projects) with 2 MB pages: one
/// page fault per 2 MB instead of per 4 KB. Reading a 27 MB file took
/// 33 ms, 17–23 ms so advised (`MADV_HUGEPAGE` is only advice: with
/// transparent huge pages off, or none to be had, nothing changes).
pub fn advise_huge_pages<T>(buf: &mut Vec<T>) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let bytes = buf.capacity().saturating_mul(size_of::<T>());
        if bytes < HUGE_FROM {
            return;
        }
        const PAGE: usize = 4096;
        let start = buf.as_mut_ptr() as usize;
        // Whole pages inside the buffer only: the range must start on a page.
        let first = start.next_multiple_of(PAGE);
        let end = (start + bytes) & !(PAGE - 1);
        if end > first {
            // SAFETY: the range lies inside memory this buffer owns;
            // `MADV_HUGEPAGE` changes no contents and no permissions, only
            // how the kernel may back the pages. A failure is ignored.
            unsafe {
                libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = buf;
}
