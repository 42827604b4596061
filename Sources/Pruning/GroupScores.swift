/// What each group of one layer is worth keeping, and whether losing it means zeroing or sharing.
///
/// Per group: its norm (‖V_g‖_p; +∞ when pruning is off) and its variance (population variance of
/// V_g; +∞ when sharing is off). A group whose norm is at most its variance is a pruning candidate
/// valued by its norm, otherwise a sharing candidate valued by its variance (hls4ml's rule).
/// Exceptions that follow hls4ml: unstructured groups are single weights valued |V| and never
/// shared; a Conv filter's norm is taken over its per-channel Frobenius norms F_c (over the kernel
/// window), and its variance is the variance of those F_c.
struct GroupScores: Sendable {
    /// The value each group brings when kept.
    var values: [Double]
    /// Whether a group that is not kept is replaced by its mean (true) or zeroed.
    var isShared: [Bool]

    init(_ groups: WeightGroups, ranking: [Float], layer: LayerAttributes, optimization: OptimizationAttributes, normOrder: Int) {
        let count = groups.count
        if groups.structure == .unstructured {
            // Single weights, never shared: |V|, without a per-group array (millions of groups).
            values = (0..<count).map { optimization.pruning ? abs(Double(ranking[$0])) : .infinity }
            isShared = Array(repeating: false, count: count)
            return
        }
        var norms = Array(repeating: Double.infinity, count: count)
        var variances = Array(repeating: Double.infinity, count: count)
        let channels = layer.kind == .dense ? 1 : (layer.kernelShape.dropLast().last ?? 1)
        for group in 0..<count {
            let members = groups.group(group)
            var parts: [Double]
            if groups.structure == .structured && layer.kind != .dense {
                // Members run over (window position, channel) with the channel fastest.
                var squares = Array(repeating: 0.0, count: channels)
                for (position, index) in members.enumerated() {
                    let value = Double(ranking[index])
                    squares[position % channels] += value * value
                }
                parts = squares.map { $0.squareRoot() }
            } else {
                parts = members.map { Double(ranking[$0]) }
            }
            if optimization.pruning {
                norms[group] = Self.norm(parts, order: groups.structure == .unstructured ? 1 : normOrder)
            }
            if optimization.weightSharing && groups.structure != .unstructured {
                variances[group] = Self.variance(parts)
            }
        }
        isShared = zip(norms, variances).map { $0 > $1 }
        values = zip(norms, variances).map { min($0, $1) }
    }

    /// Divides the pruning values by the layer's largest one (global selection compares layers on
    /// one scale). hls4ml does this for every structure but pattern; we do it for pattern too, and
    /// leave an all-zero layer as it is instead of dividing by zero (docs/deviations.md).
    mutating func normalisePruningValues() {
        let largest = zip(values, isShared).filter { !$0.1 && $0.0.isFinite }.map(\.0).max() ?? 0
        guard largest > 0 else { return }
        for index in values.indices where !isShared[index] { values[index] /= largest }
    }

    static func norm(_ values: [Double], order: Int) -> Double {
        order == 2 ? values.reduce(0) { $0 + $1 * $1 }.squareRoot() : values.reduce(0) { $0 + abs($1) }
    }

    static func variance(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    }
}
