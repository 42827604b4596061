#if canImport(Glibc)
    import Glibc
#endif

/// glibc's allocator settings for the batch loops of training and prediction.
///
/// Each training step allocates and frees the same few arrays of some megabytes (patch matrices,
/// layer outputs, gradients). glibc serves blocks above its mmap threshold with fresh pages from
/// the kernel and trims freed memory above its trim threshold, so every step faulted in and zeroed
/// new pages (a third of the CPU time of a cnn2d epoch went to the kernel). Raised thresholds keep
/// those blocks in the heap for reuse.
enum MemoryTuning {
    /// Blocks up to this size come from the heap (glibc's own ceiling for its adaptive threshold).
    static let mmapThreshold: Int32 = 32 << 20
    /// Free heap memory beyond this is returned to the kernel.
    static let trimThreshold: Int32 = 64 << 20

    /// Applies the settings; call once at start-up, before the work allocates. glibc's `mallopt`
    /// is looked up at run time (its header, malloc.h, is not part of Swift's Glibc module), with
    /// the parameter numbers malloc.h gives `M_TRIM_THRESHOLD` (−1) and `M_MMAP_THRESHOLD` (−3).
    static func apply() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, mmapThreshold)
            _ = mallopt(-1, trimThreshold)
        #endif
    }
}
