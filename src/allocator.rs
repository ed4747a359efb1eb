//! The process's memory allocator: mimalloc, but middle-sized blocks from the system's. A
//! module of the binary (`main.rs`), not of the library: the library, its tests and its
//! benchmarks run on whatever allocator their program has.
//!
//! Kept because the build's targets need it, re-measured on 2026-12-05 at 10,000 documents
//! (5 alternating runs each, medians, the machine shared with a compiling job): this split
//! 2.06 s wall, 2.87 s user, 291 MiB; mimalloc alone 1.77 s, 2.78 s, 339 MiB (over the
//! 300 MiB target); the system allocator alone 2.76 s, 4.48 s (+56 % CPU), 250 MiB.
//!
//! A build makes millions of small strings on two threads at once, which mimalloc serves in
//! about three quarters of the system allocator's time (10,000 documents: 2.27 s against
//! 3.00 s). But mimalloc keeps every page it ever touched and rounds each block up to its
//! size class: its peak was ~100 MiB above the system allocator's (355 against 250 MiB).
//!
//! mimalloc is built without asking for transparent huge pages (its `no_thp` feature): each
//! first touch of a huge page zeroes 2 MiB at once, and on a virtual machine whose host backs
//! memory as it is touched that was a fifth of a build's samples (perf, 10,000 documents of
//! long texts: `clear_page_erms` under `do_huge_pmd_anonymous_page`, 18.5 %). Measured on
//! 2026-12-06, 5 alternating runs each, medians: 10,000 documents of long texts 4.72 →
//! 4.40 s wall, system time 1.73 → 0.94 s, peak 420 → 409 MiB; `/dev/shm/c10k` 3.43 →
//! 3.14 s, 264 → 253 MiB; user time unchanged. Blocks from [`LARGE`] bytes
//! up to [`HUGE`] (page buffers, the larger documents' texts) are comparatively few; the
//! system allocator fits them exactly and gives them back when freed. Measured at 10,000
//! documents, alternating runs of the binaries before and after (with no upper bound):
//! - build: peak 341–351 → 291–292 MiB; wall time within the noise of this machine in two
//!   sessions of runs (2.44 → 2.32 s, 5 runs each), +6 % in a third (2.69 → 2.86 s, 4 runs);
//! - check: peak 347 → 292 MiB; wall time +5 to +8 % (2.36 → 2.54 s, 4 runs).
//!
//! A lower threshold saves more and costs more (8 KiB: 270 MiB, check +10 %, from glibc's
//! slower allocation and the pages it gives back and takes again); a higher one saves less
//! (64 KiB: 304 MiB; 1 MiB: nothing).
//!
//! The few blocks of a megabyte or more (the biggest pages, the exports) stay with mimalloc,
//! which keeps them for the next: from the system allocator each was mapped afresh and
//! zeroed by the kernel. With that bound, five alternating runs at 10,000 documents: build
//! 2.53 → 2.32 s, peak 266 → 279 MiB; two at 100,000: 27.8 → 26.3 s, 2,408 → 2,455 MiB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// The size from which a block comes from the system allocator, once [`large_from_system`]
/// was called.
pub const LARGE: usize = 16 * 1024;

/// The size from which a block comes from mimalloc again.
pub const HUGE: usize = 1024 * 1024;

static LARGE_FROM_SYSTEM: AtomicBool = AtomicBool::new(false);

/// From now on, blocks of [`LARGE`] bytes or more but less than [`HUGE`] come from the system
/// allocator. For a build and `check`, which want the lowest peak. Not for `serve`: it makes
/// and frees the same large page buffers at every save, and mimalloc, which keeps them,
/// served an edit at 10,000 documents ~10 ms sooner.
pub fn large_from_system() {
    LARGE_FROM_SYSTEM.store(true, Ordering::Relaxed);
}

/// mimalloc for every block below [`LARGE`] bytes and from [`HUGE`] on; between them, the
/// system allocator once [`large_from_system`] was called. A large block is freed (or
/// resized) by the allocator that made it, which mimalloc tells: it knows the blocks it made.
pub struct Split;

fn from_system(size: usize) -> bool {
    (LARGE..HUGE).contains(&size) && LARGE_FROM_SYSTEM.load(Ordering::Relaxed)
}

/// Whether mimalloc made `ptr`, a block of `size` bytes. Every small block is mimalloc's.
fn made_by_mimalloc(ptr: *mut u8, size: usize) -> bool {
    // SAFETY: mimalloc only looks the address up in its page map; any address may be asked.
    size < LARGE || unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: a block is made by one allocator and handed back only to the one that made it:
// small blocks are always mimalloc's, and for a large one mimalloc's own page map says
// whether it is one of its blocks. A `realloc` that changes allocator makes the new block
// in the other one, copies the bytes both sizes hold, and frees the old block where it was
// made.
unsafe impl GlobalAlloc for Split {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract (a layout of non-zero size) is passed on.
        unsafe {
            if from_system(layout.size()) {
                System.alloc(layout)
            } else {
                MiMalloc.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if from_system(layout.size()) {
                System.alloc_zeroed(layout)
            } else {
                MiMalloc.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` goes back to the allocator that made it.
        unsafe {
            if made_by_mimalloc(ptr, layout.size()) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let by_mimalloc = made_by_mimalloc(ptr, layout.size());
        // SAFETY: a resize within one allocator goes to the one that made `ptr`. Otherwise
        // `new_layout` is valid (the caller guarantees `new_size` rounded up to the alignment
        // does not overflow), the two blocks are distinct, and the old one is freed only
        // once the bytes are copied.
        unsafe {
            match (by_mimalloc, from_system(new_size)) {
                (true, false) => MiMalloc.realloc(ptr, layout, new_size),
                (false, true) => System.realloc(ptr, layout, new_size),
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills `n` bytes at `p` with a pattern that depends on `seed`.
    unsafe fn fill(p: *mut u8, n: usize, seed: u8) {
        for i in 0..n {
            unsafe { p.add(i).write(seed.wrapping_add(i as u8)) };
        }
    }

    unsafe fn holds(p: *const u8, n: usize, seed: u8) -> bool {
        (0..n).all(|i| unsafe { p.add(i).read() } == seed.wrapping_add(i as u8))
    }

    #[test]
    fn resizing_across_the_threshold_keeps_the_bytes_both_ways() {
        let a = Split;
        // A large block mimalloc made before the switch is still freed by mimalloc after.
        let early = Layout::from_size_align(4 * LARGE, 8).unwrap();
        let p = unsafe { a.alloc(early) };
        unsafe { fill(p, early.size(), 9) };
        large_from_system();
        if cfg!(target_os = "linux") {
            let q = unsafe { a.alloc(early) };
            assert!(
                !made_by_mimalloc(q, early.size()),
                "a large block from the system"
            );
            unsafe { a.dealloc(q, early) };
            let huge = Layout::from_size_align(HUGE, 8).unwrap();
            let q = unsafe { a.alloc(huge) };
            assert!(
                made_by_mimalloc(q, huge.size()),
                "a huge block from mimalloc"
            );
            unsafe { a.dealloc(q, huge) };
        }
        let p = unsafe { a.realloc(p, early, 5 * LARGE) };
        assert!(unsafe { holds(p, early.size(), 9) });
        unsafe { a.dealloc(p, Layout::from_size_align(5 * LARGE, 8).unwrap()) };
        for align in [1, 8, 64, 4096] {
            let sizes = [
                16,
                LARGE - 1,
                LARGE,
                LARGE + 1,
                3 * LARGE,
                HUGE + 1,
                HUGE - 1,
                100,
                2 * HUGE,
                HUGE,
                7,
            ];
            let mut layout = Layout::from_size_align(sizes[0], align).unwrap();
            let mut p = unsafe { a.alloc(layout) };
            assert!(!p.is_null());
            unsafe { fill(p, layout.size(), 3) };
            for &size in &sizes[1..] {
                let kept = layout.size().min(size);
                p = unsafe { a.realloc(p, layout, size) };
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0, "{size} bytes aligned to {align}");
                assert!(unsafe { holds(p, kept, 3) }, "{} -> {size}", layout.size());
                layout = Layout::from_size_align(size, align).unwrap();
                unsafe { fill(p, size, 3) };
            }
            unsafe { a.dealloc(p, layout) };
        }
    }

    /// A block far bigger than any page (data.json is hundreds of megabytes at 100,000
    /// documents) is mimalloc's, and known to be: handed to the system allocator, it would
    /// be freed by the wrong one.
    #[test]
    fn very_large_blocks_are_known_to_be_mimallocs() {
        let a = Split;
        large_from_system();
        for size in [64 << 20, 1536 << 20] {
            let layout = Layout::from_size_align(size, 8).unwrap();
            let p = unsafe { a.alloc(layout) };
            assert!(!p.is_null(), "{size} bytes");
            assert!(made_by_mimalloc(p, size), "{size} bytes");
            unsafe { p.write(1) };
            unsafe { a.dealloc(p, layout) };
        }
    }

    #[test]
    fn zeroed_blocks_are_zero_on_either_side() {
        let a = Split;
        for size in [24, LARGE - 8, LARGE, 5 * LARGE] {
            let layout = Layout::from_size_align(size, 8).unwrap();
            let p = unsafe { a.alloc_zeroed(layout) };
            assert!(!p.is_null());
            assert!((0..size).all(|i| unsafe { p.add(i).read() } == 0), "{size}");
            unsafe { a.dealloc(p, layout) };
        }
    }
}
