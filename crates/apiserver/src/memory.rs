//! Returning freed heap memory to the operating system.

/// Asks the allocator to give free heap pages back to the OS. Generating large
/// transient documents (OpenAPI, the type tree at startup) otherwise leaves the
/// process's resident size high long after the memory was freed.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
