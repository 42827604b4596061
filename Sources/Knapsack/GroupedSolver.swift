/// Exact search over how many items each group keeps.
///
/// Within a group every item costs the same, so some optimal selection keeps each group's k
/// top-valued items: only the counts k_g are searched. The search is depth-first over groups;
/// for group d it evaluates h(k) = P_d(k) + LP(remaining groups, capacity left after k items),
/// where P_d is the group's prefix sum of sorted values and LP the Lagrangian (linear-programming)
/// bound of the remaining groups under a surrogate of the resource rows (a weighted sum of the rows)
/// with per-group caps from every row. That bound is concave in the remaining
/// capacity, so h is concave in k: the search climbs to its maximum from the count the node's own
/// relaxation keeps (usually one or two steps away) and walks outwards from there in both
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
    private let groups: [ItemGroup]
    /// Each searched group's weight in the surrogate row.
    private let surrogateWeight: [Double]
    /// The multiplier of each resource row in the surrogate row.
    private let rowScale: [Double]
    /// Items every optimal selection may take without cost (all-zero columns).
    private let freeItems: [Int]

    init(_ problem: Problem, _ itemGroups: ItemGroups) {
        self.problem = problem
        var free: [Int] = []
        var searched: [ItemGroup] = []
        for (column, members) in zip(itemGroups.columns, itemGroups.members) {
            if column.allSatisfy({ $0 == 0 }) {
                free += members
            } else if !zip(column, problem.capacity).contains(where: { $0 > 0 && $1 == 0 }) {
                // (A group that uses a row with no capacity keeps nothing and is left out.)
                searched.append(ItemGroup(column: column, members: members, values: problem.values))
            }
        }
        freeItems = free
        let scale = Self.multipliers(searched, capacity: problem.capacity)
        let weights = searched.map { group in zip(group.column, scale).reduce(0.0) { $0 + Double($1.0) * $1.1 } }
        // Branch on the groups that use the most of the (surrogate) budget first.
        let order = searched.indices.sorted { weights[$0] * Double(searched[$0].count) > weights[$1] * Double(searched[$1].count) }
        groups = order.map { searched[$0] }
        surrogateWeight = order.map { weights[$0] }
        rowScale = scale
    }

    func solve() -> Knapsack.Solution {
        var search = Search(solver: self)
        let rootBound = groups.isEmpty ? 0 : lagrangianBound(from: 0, remaining: problem.capacity)
        if !groups.isEmpty { search.explore(depth: 0, remaining: problem.capacity, value: 0) }
        var selection = Array(repeating: false, count: problem.itemCount)
        for item in freeItems { selection[item] = true }
        for (group, count) in search.bestCounts.enumerated() {
            for item in groups[group].members.prefix(count) { selection[item] = true }
        }
        return problem.solution(selection, isOptimal: true, upperBound: rootBound)
    }

    /// An upper bound on what groups `first…` can add within `remaining`: the minimum over λ of the
    /// Lagrangian λ·S + Σ_g max_{0 ≤ k ≤ cap_g} (P_g(k) − λ·s_g·k) of the surrogate relaxation, where
    /// cap_g = min over rows of remaining / weight (fractional) and P_g is linear between counts.
    private func lagrangianBound(from first: Int, remaining: [Int]) -> Double {
        lagrangianSolution(from: first, remaining: remaining).bound
    }

    /// How many items of group `depth` the relaxation of groups `depth…` within `remaining` keeps whole.
    fileprivate func relaxedCount(of depth: Int, remaining: [Int]) -> Int {
        let price = lagrangianSolution(from: depth, remaining: remaining).multiplier * surrogateWeight[depth]
        return min(groups[depth].itemsAbove(price), groups[depth].maximumCount(remaining))
    }

    /// The bound of `lagrangianBound` and the multiplier λ that attains it.
    private func lagrangianSolution(from first: Int, remaining: [Int]) -> (bound: Double, multiplier: Double) {
        let capacity = zip(remaining, rowScale).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        let caps = groups[first...].map { $0.cap(remaining) }
        let highestRatio = (first..<groups.count).reduce(0.0) { highest, group in
            guard let top = groups[group].values.first, surrogateWeight[group] > 0 else { return highest }
            return max(highest, top / surrogateWeight[group])
        }
        // Value and surrogate use of the inner maximisation at multiplier λ.
        func relaxed(_ lambda: Double) -> (value: Double, used: Double) {
            var value = lambda * capacity
            var used = 0.0
            for (offset, cap) in caps.enumerated() {
                let weight = surrogateWeight[first + offset]
                let choice = groups[first + offset].relaxedChoice(price: lambda * weight, cap: cap)
                value += choice.gain - lambda * weight * choice.take
                used += weight * choice.take
            }
            return (value, used)
        }
        var low = 0.0
        var high = highestRatio
        var best = relaxed(0)
        if best.used <= capacity { return (best.value, 0) }
        best = relaxed(high)
        var bestLambda = high
        for _ in 0..<100 {
            let middle = (low + high) / 2
            guard high - low > 1e-10 * high else { break }
            let trial = relaxed(middle)
            if trial.value < best.value { best.value = trial.value; bestLambda = middle }
            if trial.used > capacity { low = middle } else { high = middle }
        }
        for lambda in [low, high] {
            let value = relaxed(lambda).value
            if value < best.value { best.value = value; bestLambda = lambda }
        }
        return (best.value, bestLambda)
    }

    /// The depth-first search and its incumbent.
    private struct Search {
        let solver: GroupedSolver
        var bestValue = -Double.infinity
        var bestCounts: [Int] = []
        var counts: [Int]

        init(solver: GroupedSolver) {
            self.solver = solver
            counts = Array(repeating: 0, count: solver.groups.count)
        }

        mutating func explore(depth: Int, remaining: [Int], value: Double) {
            let solver = self.solver
            let limit = solver.groups[depth].maximumCount(remaining)
            if depth == solver.groups.count - 1 {
                counts[depth] = limit
                let total = value + solver.groups[depth].prefix[limit]
                if total > bestValue {
                    bestValue = total
                    bestCounts = counts
                }
                return
            }
            func left(_ count: Int) -> [Int] { zip(remaining, solver.groups[depth].column).map { $0 - count * $1 } }
            func potential(_ count: Int) -> Double {
                value + solver.groups[depth].prefix[count] + solver.lagrangianBound(from: depth + 1, remaining: left(count))
            }
            // A maximum of the concave h(k), climbing from the count the relaxation of this node keeps.
            var low = min(limit, solver.relaxedCount(of: depth, remaining: remaining))
            var here = potential(low)
            var step = low < limit ? 1 : -1
            if step == 1, potential(low + 1) <= here { step = -1 }
            while low + step >= 0, low + step <= limit {
                let next = potential(low + step)
                guard next > here else { break }
                low += step
                here = next
            }
            var count = low
            while count <= limit, potential(count) > bestValue {
                counts[depth] = count
                explore(depth: depth + 1, remaining: left(count), value: value + solver.groups[depth].prefix[count])
                count += 1
            }
            count = low - 1
            while count >= 0, potential(count) > bestValue {
                counts[depth] = count
                explore(depth: depth + 1, remaining: left(count), value: value + solver.groups[depth].prefix[count])
                count -= 1
            }
        }
    }

    /// Multipliers for the surrogate row: (nearly) the minimiser of the root Lagrangian
    /// L(μ) = Σ_r μ_r·C_r + Σ_g max_{0 ≤ k ≤ cap_g} (P_g(k) − k·μ·w_g).
    private static func multipliers(_ groups: [ItemGroup], capacity: [Int]) -> [Double] {
        let rows = capacity.count
        let fallback = capacity.map { $0 > 0 ? 1 / Double($0) : 0 }
        guard rows > 1, !groups.isEmpty else { return fallback }
        let caps = groups.map { $0.cap(capacity) }
        func dual(_ multipliers: [Double]) -> SurrogateMultipliers.Evaluation {
            var total = zip(multipliers, capacity).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            var gradient = capacity.map(Double.init)
            for (group, cap) in zip(groups, caps) {
                let price = zip(multipliers, group.column).reduce(0.0) { $0 + $1.0 * Double($1.1) }
                let choice = group.relaxedChoice(price: price, cap: cap)
                total += choice.gain - choice.take * price
                for row in 0..<rows { gradient[row] -= choice.take * Double(group.column[row]) }
            }
            return (total, gradient)
        }
        // Beyond the largest value per unit of row r, raising μ_r only adds μ_r·C_r.
        let ceilings = (0..<rows).map { row in
            groups.reduce(0.0) { ceiling, group in
                guard group.column[row] > 0, let top = group.values.first else { return ceiling }
                return max(ceiling, top / Double(group.column[row]))
            }
        }
        return SurrogateMultipliers.minimise(ceilings: ceilings, fallback: fallback, dual: dual)
    }
}
