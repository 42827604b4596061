/// Chooses the target sparsity of each step of the optimisation loop (hls4ml's `OptimizationScheduler`).
///
/// `update()` is called after a good trial, `repair()` after a bad one; each returns whether the
/// sparsity changed and the sparsity to try next. The sequences are hls4ml's, Double for Double.
public protocol SparsityScheduler: Sendable {
    /// The sparsity to try now.
    var sparsity: Double { get }
    mutating func update() -> (changed: Bool, sparsity: Double)
    mutating func repair() -> (changed: Bool, sparsity: Double)
}

/// A scheduler's bounds must lie in [0, 1].
func checkSparsityBounds(_ initial: Double, _ final: Double) throws {
    for (name, value) in [("initial", initial), ("final", final)] where !(0...1).contains(value) {
        throw PruningError("\(name) sparsity \(value) must be between 0 and 1")
    }
}
