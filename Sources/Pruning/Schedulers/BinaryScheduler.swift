/// Bisects between the last good and the last bad sparsity until the interval is below a threshold.
public struct BinaryScheduler: SparsityScheduler {
    public private(set) var sparsity: Double
    public private(set) var lowerBound: Double
    public private(set) var upperBound: Double
    public let threshold: Double

    public init(initialSparsity: Double = 0, finalSparsity: Double = 1, threshold: Double = 0.01) throws {
        try checkSparsityBounds(initialSparsity, finalSparsity)
        sparsity = initialSparsity
        lowerBound = initialSparsity
        upperBound = finalSparsity
        self.threshold = threshold
    }

    /// The trial at `sparsity` was good: it becomes the lower bound; try halfway to the upper bound.
    public mutating func update() -> (changed: Bool, sparsity: Double) {
        lowerBound = sparsity
        guard upperBound - sparsity >= threshold else { return (false, sparsity) }
        sparsity = 0.5 * (lowerBound + upperBound)
        return (true, sparsity)
    }

    /// The trial at `sparsity` was bad: it becomes the upper bound; try halfway to the lower bound.
    public mutating func repair() -> (changed: Bool, sparsity: Double) {
        upperBound = sparsity
        guard sparsity - lowerBound >= threshold else { return (false, sparsity) }
        sparsity = 0.5 * (lowerBound + upperBound)
        return (true, sparsity)
    }
}
