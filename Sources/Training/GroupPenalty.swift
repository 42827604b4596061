/// hls4ml's structured regularizers (§1.7) on one weight: `α·Σ_b ‖B_b‖₂ + β·Σ_b Var(B_b)` over groups
/// of weights (with norm 1, as hls4ml's builder uses). The α groups and the β groups are given
/// separately because they differ for some structures: unstructured pruning uses single weights for α
/// and all weights for β; a Conv filter's α term sums the norms of its per-channel windows while its
/// β term is the variance of the whole filter.
public struct GroupPenalty: Sendable, Equatable {
    public var layer: String
    public var weight: String
    public var alpha: Double
    public var beta: Double
    /// Flat weight indices of each group in the α term.
    public var alphaGroups: [[Int]]
    /// Flat weight indices of each group in the β term.
    public var betaGroups: [[Int]]

    public init(layer: String, weight: String = "kernel", alpha: Double, beta: Double, alphaGroups: [[Int]], betaGroups: [[Int]]) {
        self.layer = layer
        self.weight = weight
        self.alpha = alpha
        self.beta = beta
        self.alphaGroups = alphaGroups
        self.betaGroups = betaGroups
    }

    /// The penalty's value for weights `w`.
    public func value(_ w: [Float]) -> Double {
        var total = 0.0
        if alpha != 0 {
            for group in alphaGroups { total += alpha * group.reduce(0.0) { $0 + Double(w[$1]) * Double(w[$1]) }.squareRoot() }
        }
        if beta != 0 {
            for group in betaGroups where !group.isEmpty {
                let mean = group.reduce(0.0) { $0 + Double(w[$1]) } / Double(group.count)
                total += beta * group.reduce(0.0) { $0 + (Double(w[$1]) - mean) * (Double(w[$1]) - mean) } / Double(group.count)
            }
        }
        return total
    }

    /// Adds the penalty's gradient for weights `w` to `gradient` (a group with zero norm contributes
    /// nothing to the α term, as TensorFlow's gradient of a zero norm is taken to be).
    public func addGradient(_ w: [Float], to gradient: inout [Float]) {
        if alpha != 0 {
            for group in alphaGroups {
                let norm = group.reduce(0.0) { $0 + Double(w[$1]) * Double(w[$1]) }.squareRoot()
                guard norm > 0 else { continue }
                for index in group { gradient[index] += Float(alpha * Double(w[index]) / norm) }
            }
        }
        if beta != 0 {
            for group in betaGroups where !group.isEmpty {
                let mean = group.reduce(0.0) { $0 + Double(w[$1]) } / Double(group.count)
                for index in group { gradient[index] += Float(beta * 2 * (Double(w[index]) - mean) / Double(group.count)) }
            }
        }
    }
}
