/// Raises the sparsity by a fixed step until the next step would pass the final sparsity.
///
/// As in hls4ml, `repair()` also raises it (a bad trial does not lower the target), and repeated
/// Double additions mean the default run ends at 0.9500000000000003, never exactly 1.
public struct ConstantScheduler: SparsityScheduler {
    public private(set) var sparsity: Double
    public let finalSparsity: Double
    public let step: Double

    public init(initialSparsity: Double = 0, finalSparsity: Double = 1, step: Double = 0.05) throws {
        try checkSparsityBounds(initialSparsity, finalSparsity)
        sparsity = initialSparsity
        self.finalSparsity = finalSparsity
        self.step = step
    }

    public mutating func update() -> (changed: Bool, sparsity: Double) {
        guard sparsity + step <= finalSparsity else { return (false, sparsity) }
        sparsity += step
        return (true, sparsity)
    }

    public mutating func repair() -> (changed: Bool, sparsity: Double) { update() }
}
