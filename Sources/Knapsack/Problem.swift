/// A validated instance, with the helpers every method shares.
struct Problem {
    let values: [Double]
    /// M rows × N items.
    let weights: [[Int]]
    let capacity: [Int]

    var itemCount: Int { values.count }
    var rowCount: Int { weights.count }

    /// Checks the input as hls4ml does, in its order: shapes, then signs (integrality and
    /// dimensionality are guaranteed by the Swift types).
    init(values: [Double], weights: [[Int]], capacity: [Int]) throws {
        for (row, entries) in weights.enumerated() where entries.count != values.count {
            throw KnapsackError.weightRowLength(row: row, count: entries.count, expected: values.count)
        }
        if weights.isEmpty && !values.isEmpty { throw KnapsackError.noResources }
        guard capacity.count == weights.count else { throw KnapsackError.capacityCount(count: capacity.count, expected: weights.count) }
        for (index, value) in values.enumerated() where !(value.isFinite && value >= 0) {
            throw KnapsackError.invalidValue(index: index, value: value)
        }
        for (row, entries) in weights.enumerated() {
            if let index = entries.firstIndex(where: { $0 < 0 }) {
                throw KnapsackError.negativeWeight(row: row, index: index, weight: entries[index])
            }
        }
        if let row = capacity.firstIndex(where: { $0 < 0 }) { throw KnapsackError.negativeCapacity(row: row, capacity: capacity[row]) }
        self.values = values
        self.weights = weights
        self.capacity = capacity
    }

    /// The tie rule of every method: larger value first; among equal values the higher index
    /// first (what numpy's `argsort(values)[::-1]` gives when its sort happens to be stable).
    func inTieOrder(_ items: [Int]) -> [Int] {
        items.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 > $1 }
    }

    /// Whether item `index` alone fits in `remaining`.
    func fits(_ index: Int, in remaining: [Int]) -> Bool {
        for row in 0..<rowCount where weights[row][index] > remaining[row] { return false }
        return true
    }

    /// Σ values of the selection, summed in ascending index order so the result is reproducible.
    func value(of selection: [Bool]) -> Double {
        var total = 0.0
        for index in 0..<itemCount where selection[index] { total += values[index] }
        return total
    }

    /// Adds every unselected item that still fits, in tie order, and returns the solution.
    ///
    /// - Parameters:
    ///   - selection: a feasible selection, one flag per item.
    ///   - isOptimal: whether the method proved `selection` optimal.
    ///   - upperBound: the method's bound; raised to the value when the value exceeds it by rounding.
    func solution(_ selection: [Bool], isOptimal: Bool, upperBound: Double) -> Knapsack.Solution {
        var selection = selection
        var remaining = capacity
        for index in 0..<itemCount where selection[index] {
            for row in 0..<rowCount { remaining[row] -= weights[row][index] }
        }
        precondition(remaining.allSatisfy { $0 >= 0 }, "a solver returned an infeasible selection")
        for index in inTieOrder((0..<itemCount).filter { !selection[$0] }) where fits(index, in: remaining) {
            selection[index] = true
            for row in 0..<rowCount { remaining[row] -= weights[row][index] }
        }
        let value = value(of: selection)
        return Knapsack.Solution(value: value, selected: (0..<itemCount).filter { selection[$0] }, isOptimal: isOptimal,
                                 upperBound: isOptimal ? value : max(upperBound, value))
    }
}
