import Foundation

/// Results of a concurrent loop, each slot written once by its own iteration.
///
/// Shared by the modules of this package that split work with `DispatchQueue.concurrentPerform`
/// (Training's per-sample passes, HLSEmit's weight files); it lives here, in the lowest module
/// they all import, and is `package`, not part of the IR's public API.
package final class ChunkCollector<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func store(_ value: T, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    package var results: [T] { slots.map { $0! } }
}
