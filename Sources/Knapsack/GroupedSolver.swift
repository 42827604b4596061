/// Exact search over how many items each group keeps.
///
/// Within a group every item costs the same, so some optimal selection keeps each group's k
/// top-valued items: only the counts k_g are searched. The search is depth-first over groups;
/// for group d it evaluates h(k) = P_d(k) + LP(remaining groups, capacity left after k items),
/// where P_d is the group's prefix sum of sorted values and LP the Lagrangian (linear-programming)
/// bound of the remaining groups under a surrogate of the resource rows (each row divided by its
/// capacity, summed) with per-group caps from every row. That bound is concave in the remaining
/// capacity, so h is concave in k: the search starts at its maximum and walks outwards in both
/// directions until h falls to the best value found, which it cannot exceed further out.
///
/// The surrogate's row multipliers (nearly) minimise the Lagrangian dual at the root, so the root
/// bound is close to the LP bound of the whole instance and the bounds deeper in the tree stay close
/// to it.
struct GroupedSolver {
    /// The most groups the search accepts (its recursion is one level per group).
    static let maximumGroups = 4096

    private let problem: Problem
    /// Groups searched, most resource-hungry first.
    private var columns: [[Int]] = []
    private var members: [[Int]] = []
    /// Prefix sums of each searched group's sorted values: prefix[g][k] = value of its top k.
    private var prefix: [[Double]] = []
    private var surrogateWeight: [Double] = []
    /// The multiplier of each resource row in the surrogate constraint.
    private let rowScale: [Double]
    /// Items every optimal selection may take without cost (all-zero columns).
    private var freeItems: [Int] = []

    init(_ problem: Problem, _ groups: ItemGroups) {
        self.problem = problem
        var searched: [(column: [Int], members: [Int])] = []
        for (column, members) in zip(groups.columns, groups.members) {
            if column.allSatisfy({ $0 == 0 }) {
                freeItems += members
                continue
            }
            // A group that uses a row with no capacity keeps nothing.
            if zip(column, problem.capacity).contains(where: { $0 > 0 && $1 == 0 }) { continue }
            searched.append((column, members))
        }
        for group in searched {
            columns.append(group.column)
            members.append(group.members)
            var sums = [0.0]
            sums.reserveCapacity(group.members.count + 1)
            for item in group.members { sums.append(sums.last! + problem.values[item]) }
            prefix.append(sums)
        }
        rowScale = Self.multipliers(columns: columns, members: members, prefix: prefix, values: problem.values, capacity: problem.capacity)
        surrogateWeight = columns.map { column in zip(column, rowScale).reduce(0.0) { $0 + Double($1.0) * $1.1 } }
        // Branch on the groups that use the most of the (surrogate) budget first.
        let order = columns.indices.sorted {
            surrogateWeight[$0] * Double(members[$0].count) > surrogateWeight[$1] * Double(members[$1].count)
        }
        columns = order.map { columns[$0] }
        members = order.map { members[$0] }
        prefix = order.map { prefix[$0] }
        surrogateWeight = order.map { surrogateWeight[$0] }
    }

    func solve() -> Knapsack.Solution {
        var search = Search(solver: self)
        let rootBound = columns.isEmpty ? 0 : lagrangianBound(from: 0, remaining: problem.capacity)
        if !columns.isEmpty { search.explore(depth: 0, remaining: problem.capacity, value: 0) }
        var selection = Array(repeating: false, count: problem.itemCount)
        for item in freeItems { selection[item] = true }
        for (group, count) in search.bestCounts.enumerated() {
            for item in members[group].prefix(count) { selection[item] = true }
        }
        return problem.solution(selection, isOptimal: true, upperBound: rootBound)
    }

    /// The most items of `group` that fit in `remaining`.
    private func maximumCount(_ group: Int, _ remaining: [Int]) -> Int {
        var count = members[group].count
        for (need, left) in zip(columns[group], remaining) where need > 0 { count = min(count, left / need) }
        return count
    }

    /// An upper bound on what groups `first…` can add within `remaining`: the minimum over λ of the
    /// Lagrangian λ·S + Σ_g max_{0 ≤ k ≤ cap_g} (P_g(k) − λ·s_g·k) of the surrogate relaxation, where
    /// cap_g = min over rows of remaining / weight (fractional) and P_g is linear between counts.
    private func lagrangianBound(from first: Int, remaining: [Int]) -> Double {
        let capacity = zip(remaining, rowScale).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        var caps: [Double] = []
        var highestRatio = 0.0
        for group in first..<columns.count {
            var cap = Double(members[group].count)
            for (need, left) in zip(columns[group], remaining) where need > 0 { cap = min(cap, Double(left) / Double(need)) }
            caps.append(cap)
            if let top = members[group].first, surrogateWeight[group] > 0 {
                highestRatio = max(highestRatio, problem.values[top] / surrogateWeight[group])
            }
        }
        // Value and surrogate use of the inner maximisation at multiplier λ.
        func relaxed(_ lambda: Double) -> (value: Double, used: Double) {
            var value = lambda * capacity
            var used = 0.0
            for (offset, cap) in caps.enumerated() {
                let group = first + offset
                let weight = surrogateWeight[group]
                let count = itemsAbove(lambda * weight, in: group)
                let whole = Int(cap)
                let take: Double
                let gain: Double
                if count <= whole {
                    take = Double(count)
                    gain = prefix[group][count]
                } else {
                    take = cap
                    let fraction = cap - Double(whole)
                    gain = prefix[group][whole] + (fraction > 0 ? fraction * problem.values[members[group][whole]] : 0)
                }
                value += gain - lambda * weight * take
                used += weight * take
            }
            return (value, used)
        }
        var low = 0.0
        var high = highestRatio
        var best = relaxed(0)
        if best.used <= capacity { return best.value }
        best = relaxed(high)
        for _ in 0..<100 {
            let middle = (low + high) / 2
            guard middle > low, middle < high else { break }
            let trial = relaxed(middle)
            best.value = min(best.value, trial.value)
            if trial.used > capacity { low = middle } else { high = middle }
        }
        return min(best.value, relaxed(low).value, relaxed(high).value)
    }

    /// How many of `group`'s values exceed `threshold` (its values are sorted descending).
    private func itemsAbove(_ threshold: Double, in group: Int) -> Int {
        let items = members[group]
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if problem.values[items[middle]] > threshold { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The depth-first search and its incumbent.
    private struct Search {
        let solver: GroupedSolver
        var bestValue = -Double.infinity
        var bestCounts: [Int] = []
        var counts: [Int]

        init(solver: GroupedSolver) {
            self.solver = solver
            counts = Array(repeating: 0, count: solver.columns.count)
        }

        mutating func explore(depth: Int, remaining: [Int], value: Double) {
            let solver = self.solver
            let limit = solver.maximumCount(depth, remaining)
            if depth == solver.columns.count - 1 {
                counts[depth] = limit
                let total = value + solver.prefix[depth][limit]
                if total > bestValue {
                    bestValue = total
                    bestCounts = counts
                }
                return
            }
            func left(_ count: Int) -> [Int] { zip(remaining, solver.columns[depth]).map { $0 - count * $1 } }
            func potential(_ count: Int) -> Double {
                value + solver.prefix[depth][count] + solver.lagrangianBound(from: depth + 1, remaining: left(count))
            }
            // The first maximum of the concave h(k).
            var low = 0
            var high = limit
            while low < high {
                let middle = (low + high) / 2
                if potential(middle + 1) > potential(middle) { low = middle + 1 } else { high = middle }
            }
            var count = low
            while count <= limit, potential(count) > bestValue {
                counts[depth] = count
                explore(depth: depth + 1, remaining: left(count), value: value + solver.prefix[depth][count])
                count += 1
            }
            count = low - 1
            while count >= 0, potential(count) > bestValue {
                counts[depth] = count
                explore(depth: depth + 1, remaining: left(count), value: value + solver.prefix[depth][count])
                count -= 1
            }
        }
    }

    /// Multipliers for the surrogate row: (nearly) the minimiser of the root Lagrangian
    /// L(μ) = Σ_r μ_r·C_r + Σ_g max_{0 ≤ k ≤ cap_g} (P_g(k) − k·μ·w_g).
    private static func multipliers(columns: [[Int]], members: [[Int]], prefix: [[Double]], values: [Double], capacity: [Int]) -> [Double] {
        let rows = capacity.count
        let fallback = capacity.map { $0 > 0 ? 1 / Double($0) : 0 }
        guard rows > 1, !columns.isEmpty else { return fallback }
        let caps = columns.indices.map { group in
            zip(columns[group], capacity).reduce(Double(members[group].count)) { cap, entry in
                entry.0 > 0 ? min(cap, Double(entry.1) / Double(entry.0)) : cap
            }
        }
        func dual(_ multipliers: [Double]) -> Double {
            var total = zip(multipliers, capacity).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            for group in columns.indices {
                let price = zip(multipliers, columns[group]).reduce(0.0) { $0 + $1.0 * Double($1.1) }
                // The best count is how many values exceed the price, at most the cap.
                var low = 0
                var high = members[group].count
                while low < high {
                    let middle = (low + high) / 2
                    if values[members[group][middle]] > price { low = middle + 1 } else { high = middle }
                }
                let whole = Int(caps[group])
                if low <= whole {
                    total += prefix[group][low] - Double(low) * price
                } else {
                    let fraction = caps[group] - Double(whole)
                    let gain = prefix[group][whole] + (fraction > 0 ? fraction * values[members[group][whole]] : 0)
                    total += gain - caps[group] * price
                }
            }
            return total
        }
        // Beyond the largest value per unit of row r, raising μ_r only adds μ_r·C_r.
        let ceilings = (0..<rows).map { row in
            columns.indices.reduce(0.0) { ceiling, group in
                let need = columns[group][row]
                guard need > 0, let top = members[group].first else { return ceiling }
                return max(ceiling, values[top] / Double(need))
            }
        }
        return SurrogateMultipliers.minimise(ceilings: ceilings, fallback: fallback, dual: dual)
    }
}
