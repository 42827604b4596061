/// Upper bounds from the linear relaxation of one constraint (Dantzig's bound).
enum DantzigBound {
    /// The LP optimum of `max Σ vᵢxᵢ, Σ wᵢxᵢ ≤ capacity, 0 ≤ xᵢ ≤ 1`: items by vᵢ/wᵢ, the break
    /// item taken fractionally. Items with wᵢ = 0 count in full.
    static func bound(values: [Double], weights: [Double], capacity: Double) -> Double {
        let order = values.indices.sorted { ratio($0, values, weights) > ratio($1, values, weights) }
        var remaining = capacity
        var total = 0.0
        for index in order {
            if weights[index] <= remaining {
                total += values[index]
                remaining -= weights[index]
            } else {
                return total + values[index] * (remaining / weights[index])
            }
        }
        return total
    }

    /// The smallest single-row bound of a multi-row instance: each row alone is a relaxation.
    static func bound(of problem: Problem) -> Double {
        (0..<problem.rowCount).map { row in
            bound(values: problem.values, weights: problem.weights[row].map(Double.init), capacity: Double(problem.capacity[row]))
        }.min() ?? problem.values.reduce(0, +)
    }

    private static func ratio(_ index: Int, _ values: [Double], _ weights: [Double]) -> Double {
        weights[index] == 0 ? .infinity : values[index] / weights[index]
    }
}
