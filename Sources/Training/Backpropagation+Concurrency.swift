import Foundation
import ModelIR

/// Splitting a batch over the cores.
extension Backpropagation {
    /// Runs `work` on contiguous ranges of `count` samples, one per core, and returns the results in order.
    static func concurrentSamples<T>(_ count: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
        let collector = ChunkCollector<T>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = chunk * count / chunks..<(chunk + 1) * count / chunks
            collector.store(work(range), at: chunk)
        }
        return collector.results
    }
}
