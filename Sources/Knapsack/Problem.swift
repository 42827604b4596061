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
        for (row, entries) in weights.enumerated() {
            var total = 0
            for weight in entries {
                let (sum, overflow) = total.addingReportingOverflow(weight)
                if overflow { throw KnapsackError.weightRowTooLarge(row: row) }
                total = sum
            }
        }
        self.values = values
        self.weights = weights
        self.capacity = capacity
    }

    /// The tie rule of every method: larger value first; among equal values the higher index
    /// first (what numpy's `argsort(values)[::-1]` gives when its sort happens to be stable).
    func inTieOrder(_ items: [Int]) -> [Int] {
        items.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 > $1 }
    }

    /// The first `count` items in tie order, as a selection. Sorts a copy of the values instead of
    /// the items: the `count`-th largest value is the threshold, every item above it is taken, and
    /// the items equal to it from the highest index down (on 12.6 M items, about a fifth of the
    /// time of sorting the items and half the memory).
    func firstInTieOrder(_ count: Int) -> [Bool] {
        guard count < itemCount else { return Array(repeating: true, count: itemCount) }
        var selection = Array(repeating: false, count: itemCount)
        guard count > 0 else { return selection }
        let threshold = values.sorted(by: >)[count - 1]
        var taken = 0
        for index in 0..<itemCount where values[index] > threshold {
            selection[index] = true
            taken += 1
        }
        var index = itemCount - 1
        while taken < count {
            if values[index] == threshold {
                selection[index] = true
                taken += 1
            }
            index -= 1
        }
        return selection
    }

    /// Splits the items into those that cost nothing (an all-zero column: every optimum may take
    /// them) and the candidates that fit on their own; items too large for the capacity are in neither.
    func freeItemsAndCandidates() -> (free: [Int], candidates: [Int]) {
        var free: [Int] = []
        var candidates: [Int] = []
        for index in 0..<itemCount {
            if (0..<rowCount).allSatisfy({ weights[$0][index] == 0 }) {
                free.append(index)
            } else if fits(index, in: capacity) {
                candidates.append(index)
            }
        }
        return (free, candidates)
    }

    /// `items` by value per unit of `weight` (descending), ties by the tie rule. Ratios are compared
    /// by cross-multiplication, so equal ratios compare equal.
    func inEfficiencyOrder(_ items: [Int], weight: (Int) -> Double) -> [Int] {
        items.sorted { a, b in
            let left = values[a] * weight(b)
            let right = values[b] * weight(a)
            if left != right { return left > right }
            return values[a] != values[b] ? values[a] > values[b] : a > b
        }
    }

    /// Each item's weights combined into one: Σ_r multipliers[r] · w_r.
    func surrogateWeights(_ multipliers: [Double]) -> [Double] {
        (0..<itemCount).map { index in (0..<rowCount).reduce(0.0) { $0 + Double(weights[$1][index]) * multipliers[$1] } }
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
        // An item that does not fit now never will (the room only shrinks), so only those are ordered.
        for index in inTieOrder((0..<itemCount).filter { !selection[$0] && fits($0, in: remaining) }) where fits(index, in: remaining) {
            selection[index] = true
            for row in 0..<rowCount { remaining[row] -= weights[row][index] }
        }
        let value = value(of: selection)
        return Knapsack.Solution(value: value, selected: (0..<itemCount).filter { selection[$0] }, isOptimal: isOptimal,
                                 upperBound: isOptimal ? value : max(upperBound, value))
    }
}
