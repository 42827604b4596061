import Foundation
import ModelIR

/// Splitting a batch over the cores.
extension Backpropagation {
    /// Runs `work` on consecutive blocks of `size` samples of `count` (the last one shorter), on all
    /// cores, and returns the results in order. The blocks do not depend on the core count.
    static func concurrentBlocks<T>(_ count: Int, size: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let blocks = (count + size - 1) / size
        let collector = ChunkCollector<T>(count: blocks)
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            collector.store(work(block * size..<min(count, (block + 1) * size)), at: block)
        }
        return collector.results
    }
}
