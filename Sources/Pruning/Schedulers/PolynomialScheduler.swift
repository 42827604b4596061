import Foundation

/// Approaches the final sparsity in a fixed number of steps along `final + (initial − final)·(1 − t)^power`.
///
/// As in hls4ml, `repair()` takes the next step too.
public struct PolynomialScheduler: SparsityScheduler {
    public private(set) var sparsity: Double
    public private(set) var step = 0
    public let maximumSteps: Int
    public let initialSparsity: Double
    public let finalSparsity: Double
    public let decayPower: Double

    public init(maximumSteps: Int, initialSparsity: Double = 0, finalSparsity: Double = 1, decayPower: Double = 3) throws {
        try checkSparsityBounds(initialSparsity, finalSparsity)
        sparsity = initialSparsity
        self.maximumSteps = maximumSteps
        self.initialSparsity = initialSparsity
        self.finalSparsity = finalSparsity
        self.decayPower = decayPower
    }

    public mutating func update() -> (changed: Bool, sparsity: Double) {
        guard step < maximumSteps else { return (false, sparsity) }
        step += 1
        sparsity = finalSparsity + (initialSparsity - finalSparsity) * pow(1 - Double(step) / Double(maximumSteps), decayPower)
        return (true, sparsity)
    }

    public mutating func repair() -> (changed: Bool, sparsity: Double) { update() }
}
