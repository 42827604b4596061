/// Exact 0/1 multi-dimensional knapsack, the selection problem of hls4ml's DSP-aware pruning.
///
/// Maximise Σ vᵢ·xᵢ subject to Σᵢ W[r][i]·xᵢ ≤ C[r] for every resource row r, with xᵢ ∈ {0, 1}.
/// In pruning, item i is a weight group, vᵢ its importance, W[r][i] what it costs in resource r,
/// and the selected items are the groups that are kept.
///
/// Every solution is *maximal*: after optimising, unselected items that still fit are added in
/// the tie order (larger value first; among equal values the higher index first). Values are
/// non-negative, so this never lowers the value, and pruning never removes a group the budget
/// could keep.
public enum Knapsack {
    /// How to solve an instance.
    public enum Method: String, CaseIterable, Sendable {
        /// The fastest exact method for the instance: grouped when items share weight columns,
        /// branch and bound otherwise.
        case automatic
        /// Exact, for items that fall into few groups with identical weight columns (as pruning
        /// produces): the optimum keeps each group's top-valued items, so only the count per group
        /// is searched, by branch and bound with Lagrangian (LP) bounds.
        case grouped
        /// Exact when it finishes: for one row an expanding-core search with dominance and LP bounds,
        /// for several rows depth-first branch and bound in efficiency order with Dantzig (LP)
        /// bounds on a surrogate of the rows.
        case branchAndBound = "branch-and-bound"
        /// Exact, one resource row only, O(N·C) time and N·C bits.
        case dynamicProgramming = "dynamic"
        /// hls4ml's greedy ratio rule with a feasible fallback; not exact.
        case greedy
    }

    /// A solved (or, under a time limit, partly solved) instance.
    public struct Solution: Equatable, Sendable {
        /// Σ vᵢ over the selected items.
        public var value: Double
        /// The selected (kept) items, ascending.
        public var selected: [Int]
        /// Whether `value` is proven optimal.
        public var isOptimal: Bool
        /// A value no feasible selection exceeds (equal to `value` when optimal).
        public var upperBound: Double

        public init(value: Double, selected: [Int], isOptimal: Bool, upperBound: Double) {
            self.value = value
            self.selected = selected
            self.isOptimal = isOptimal
            self.upperBound = upperBound
        }
    }

    /// Solves an instance.
    ///
    /// - Parameters:
    ///   - values: vᵢ ≥ 0, finite, one per item.
    ///   - weights: M rows of N non-negative integers: `weights[r][i]` is item i's use of resource r.
    ///   - capacity: M non-negative budgets.
    ///   - method: The algorithm; see ``Method``.
    ///   - timeLimit: For branch and bound, when to stop and return the best selection found with a
    ///     valid upper bound (`isOptimal == false`). `nil` runs to the proof.
    /// - Throws: ``KnapsackError`` for malformed input or a method that cannot take the instance.
    public static func solve(values: [Double], weights: [[Int]], capacity: [Int], method: Method = .automatic,
                             timeLimit: Duration? = nil) throws -> Solution {
        let problem = try Problem(values: values, weights: weights, capacity: capacity)
        if let special = SpecialCases.solve(problem) { return special }
        let deadline = Deadline(timeLimit)
        switch method {
        case .automatic:
            if let groups = ItemGroups(problem), groups.isWorthGrouping {
                return GroupedSolver(problem, groups).solve()
            }
            return generalSearch(problem, deadline)
        case .grouped:
            guard let groups = ItemGroups(problem, limit: GroupedSolver.maximumGroups) else {
                throw KnapsackError.unsupported(method: .grouped, reason: "the items have more than \(GroupedSolver.maximumGroups) distinct weight columns")
            }
            return GroupedSolver(problem, groups).solve()
        case .branchAndBound:
            return generalSearch(problem, deadline)
        case .dynamicProgramming:
            return try DynamicProgramming.solve(problem)
        case .greedy:
            return Greedy.solve(problem)
        }
    }

    /// The exact search for instances without useful group structure.
    private static func generalSearch(_ problem: Problem, _ deadline: Deadline) -> Solution {
        problem.rowCount == 1 ? ExpandingCore(problem, deadline: deadline).solve() : BranchAndBound(problem, deadline: deadline).solve()
    }
}
