/// Depth-first branch and bound for instances with several resource rows (Horowitz–Sahni order,
/// Dantzig bounds on a surrogate row); one-row instances go to ``ExpandingCore``.
///
/// Rows are combined into one surrogate constraint (weighted by multipliers that make its LP bound
/// close to the LP bound of all rows, see ``SurrogateMultipliers``), items
/// are ordered by value per surrogate weight, and each node is bounded by the LP optimum of the
/// surrogate over the items not yet decided (prefix sums and a binary search: O(log N) per node).
/// Branches take an item first, then leave it; feasibility is checked on every real row. With one
/// row the surrogate is the row itself and the bound is Dantzig's. Items with identical weight
/// columns are interchangeable, so once the search leaves one out it also leaves out every later
/// item of the same column (which is worth no more): this removes the symmetric branches that
/// pruning-shaped instances are full of. Under a time limit the search
/// returns the best selection found and the root bound (the smaller of the surrogate bound and
/// every single-row bound).
///
/// Depth-first search improves its first (greedy) solution only near the end of the order, so on
/// large instances it starts from a better one: the items around the surrogate LP's break item
/// (the core) are searched exactly for a short while, with the items before them taken and the
/// items after them added greedily, and the result is improved by exchanges near the break. With
/// several rows the same is done in the order of ``TunedGreedy``'s multipliers, whose plain greedy
/// fill is also a candidate, and the most valuable of the three seeds wins.
struct BranchAndBound {
    /// Items on each side of the break item in the core that seeds the search.
    static let coreHalfWidth = 32
    /// How long the core search may take.
    static let coreTime = Duration.milliseconds(250)
    /// Items on each side of the break item that the exchange search considers.
    static let swapHalfWidth = 256

    private let problem: Problem
    private let deadline: Deadline

    init(_ problem: Problem, deadline: Deadline) {
        self.problem = problem
        self.deadline = deadline
    }

    func solve() -> Knapsack.Solution {
        let rows = problem.rowCount
        var selection = Array(repeating: false, count: problem.itemCount)
        var remaining = problem.capacity
        let scale = problem.capacity.map { $0 > 0 ? 1 / Double($0) : 0 }
        let (free, candidates) = problem.freeItemsAndCandidates()
        for index in free { selection[index] = true }
        let multipliers = Self.multipliers(problem, candidates: candidates, fallback: scale)
        let surrogate = problem.surrogateWeights(multipliers)
        let order = problem.inEfficiencyOrder(candidates) { surrogate[$0] }
        let count = order.count
        var columnIndex: [[Int]: Int] = [:]
        let columnOfPosition = order.map { item in
            let column = (0..<rows).map { problem.weights[$0][item] }
            if let known = columnIndex[column] { return known }
            columnIndex[column] = columnIndex.count
            return columnIndex.count - 1
        }
        var valuePrefix = [0.0]
        var weightPrefix = [0.0]
        for item in order {
            valuePrefix.append(valuePrefix.last! + problem.values[item])
            weightPrefix.append(weightPrefix.last! + surrogate[item])
        }
        let freeValue = problem.value(of: selection)

        /// LP bound of the surrogate over order[position...] within surrogate capacity `room`.
        func bound(_ position: Int, _ room: Double) -> Double {
            var low = position
            var high = count
            while low < high {
                let middle = (low + high + 1) / 2
                if weightPrefix[middle] - weightPrefix[position] <= room { low = middle } else { high = middle - 1 }
            }
            var total = valuePrefix[low] - valuePrefix[position]
            if low < count {
                let item = order[low]
                total += (room - (weightPrefix[low] - weightPrefix[position])) * problem.values[item] / surrogate[item]
            }
            return total
        }
        func surrogateRoom(_ remaining: [Int]) -> Double {
            zip(remaining, multipliers).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        }

        let rootBound = freeValue + min(bound(0, surrogateRoom(remaining)), DantzigBound.bound(of: problem) - freeValue)
        var taken = Array(repeating: false, count: count)
        var bestTaken = taken
        // Positions the search chose to leave out, ascending, and how many per column are open.
        var leftOut: [Int] = []
        var closedColumns = Array(repeating: 0, count: columnIndex.count)
        var bestValue = -1.0
        if count > 4 * Self.coreHalfWidth {
            let seed = coreSolution(order: order, surrogate: surrogate, room: surrogateRoom(remaining), remaining: remaining)
            bestTaken = seed.taken
            bestValue = seed.value
            if rows > 1 {
                // The same seed in the order of multipliers tuned for filling, and the tuned fill itself
                // (solving the core exactly can leave less room for the items after it); kept if worth more.
                let tuned = TunedGreedy.multipliers(problem, candidates: candidates, capacity: remaining, start: multipliers, deadline: deadline)
                let tunedSurrogate = problem.surrogateWeights(tuned)
                let tunedOrder = problem.inEfficiencyOrder(candidates) { tunedSurrogate[$0] }
                let room = zip(remaining, tuned).reduce(0.0) { $0 + Double($1.0) * $1.1 }
                var other = coreSolution(order: tunedOrder, surrogate: tunedSurrogate, room: room, remaining: remaining)
                let fill = TunedGreedy.fill(problem, order: tunedOrder, capacity: remaining)
                if fill.value > other.value { other = fill }
                if other.value > bestValue {
                    var positionOf = Array(repeating: 0, count: problem.itemCount)
                    for (position, item) in order.enumerated() { positionOf[item] = position }
                    bestTaken = Array(repeating: false, count: count)
                    for (position, item) in tunedOrder.enumerated() where other.taken[position] { bestTaken[positionOf[item]] = true }
                    bestValue = other.value
                }
            }
        }
        var value = 0.0
        var position = 0
        var steps = 0
        var finished = true
        search: while true {
            steps += 1
            if steps & 4095 == 0 && deadline.hasPassed {
                finished = false
                break
            }
            // Forward: decide items while the bound says an improvement is still possible.
            var backtrack = value + bound(position, surrogateRoom(remaining)) <= bestValue
            if !backtrack {
                if position == count {
                    if value > bestValue {
                        bestValue = value
                        bestTaken = taken
                    }
                    backtrack = true
                } else {
                    let item = order[position]
                    if closedColumns[columnOfPosition[position]] == 0 && problem.fits(item, in: remaining) {
                        taken[position] = true
                        value += problem.values[item]
                        for row in 0..<rows { remaining[row] -= problem.weights[row][item] }
                    }
                    position += 1
                    continue search
                }
            }
            // Backtrack: leave out the most recent item taken and continue after it.
            var last = position - 1
            while last >= 0 && !taken[last] { last -= 1 }
            guard last >= 0 else { break }
            while let latest = leftOut.last, latest > last {
                closedColumns[columnOfPosition[latest]] -= 1
                leftOut.removeLast()
            }
            let item = order[last]
            taken[last] = false
            leftOut.append(last)
            closedColumns[columnOfPosition[last]] += 1
            value -= problem.values[item]
            for row in 0..<rows { remaining[row] += problem.weights[row][item] }
            position = last + 1
        }
        for (position, item) in order.enumerated() where bestTaken[position] { selection[item] = true }
        return problem.solution(selection, isOptimal: finished, upperBound: rootBound)
    }

    /// A good first solution: the core around the break item of the surrogate LP solved by a short
    /// search, the items before it taken while they fit and those after it added greedily.
    private func coreSolution(order: [Int], surrogate: [Double], room: Double, remaining start: [Int]) -> (taken: [Bool], value: Double) {
        var breakPosition = 0
        var used = 0.0
        while breakPosition < order.count, used + surrogate[order[breakPosition]] <= room {
            used += surrogate[order[breakPosition]]
            breakPosition += 1
        }
        let core = max(0, breakPosition - Self.coreHalfWidth)..<min(order.count, breakPosition + Self.coreHalfWidth)
        var taken = Array(repeating: false, count: order.count)
        var remaining = start
        var value = 0.0
        func take(_ position: Int) {
            let item = order[position]
            taken[position] = true
            value += problem.values[item]
            for row in 0..<problem.rowCount { remaining[row] -= problem.weights[row][item] }
        }
        for position in 0..<core.lowerBound where problem.fits(order[position], in: remaining) { take(position) }
        let items = core.map { order[$0] }
        if let subproblem = try? Problem(values: items.map { problem.values[$0] },
                                         weights: problem.weights.map { row in items.map { row[$0] } }, capacity: remaining) {
            let solution = BranchAndBound(subproblem, deadline: deadline.capped(at: Self.coreTime)).solve()
            for index in solution.selected { take(core.lowerBound + index) }
        }
        for position in core.upperBound..<order.count where problem.fits(order[position], in: remaining) { take(position) }
        improveBySwaps(&taken, value: &value, remaining: &remaining, order: order, around: breakPosition)
        return (taken, value)
    }

    /// Local search on a solution: within `swapHalfWidth` positions of the break item, exchange a
    /// taken item for a more valuable one that fits in its place, until no exchange helps (the
    /// depth-first search alone only ever revisits the tail of its first solution).
    private func improveBySwaps(_ taken: inout [Bool], value: inout Double, remaining: inout [Int], order: [Int], around center: Int) {
        let window = max(0, center - Self.swapHalfWidth)..<min(order.count, center + Self.swapHalfWidth)
        let rows = problem.rowCount
        for _ in 0..<20 {
            var improved = false
            for inPosition in window where !taken[inPosition] {
                let incoming = order[inPosition]
                if problem.fits(incoming, in: remaining) {
                    taken[inPosition] = true
                    value += problem.values[incoming]
                    for row in 0..<rows { remaining[row] -= problem.weights[row][incoming] }
                    improved = true
                    continue
                }
                var best: (position: Int, gain: Double)?
                for outPosition in window where taken[outPosition] {
                    let outgoing = order[outPosition]
                    let gain = problem.values[incoming] - problem.values[outgoing]
                    guard gain > (best?.gain ?? 0) else { continue }
                    if (0..<rows).allSatisfy({ remaining[$0] + problem.weights[$0][outgoing] - problem.weights[$0][incoming] >= 0 }) {
                        best = (outPosition, gain)
                    }
                }
                if let best {
                    let outgoing = order[best.position]
                    taken[best.position] = false
                    taken[inPosition] = true
                    value += best.gain
                    for row in 0..<rows { remaining[row] += problem.weights[row][outgoing] - problem.weights[row][incoming] }
                    improved = true
                }
            }
            if !improved { break }
        }
    }

    /// Surrogate multipliers from the items' Lagrangian dual Σ_r μ_r·C_r + Σ_i max(0, v_i − μ·w_i).
    static func multipliers(_ problem: Problem, candidates: [Int], fallback: [Double]) -> [Double] {
        let rows = problem.rowCount
        guard rows > 1, !candidates.isEmpty else { return fallback }
        let ceilings = (0..<rows).map { row in
            candidates.reduce(0.0) { ceiling, item in
                let weight = problem.weights[row][item]
                return weight > 0 ? max(ceiling, problem.values[item] / Double(weight)) : ceiling
            }
        }
        return SurrogateMultipliers.minimise(ceilings: ceilings, fallback: fallback) { multipliers in
            var total = zip(multipliers, problem.capacity).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            var gradient = problem.capacity.map(Double.init)
            for item in candidates {
                var price = 0.0
                for row in 0..<rows { price += multipliers[row] * Double(problem.weights[row][item]) }
                guard problem.values[item] > price else { continue }
                total += problem.values[item] - price
                for row in 0..<rows { gradient[row] -= Double(problem.weights[row][item]) }
            }
            return (total, gradient)
        }
    }
}
