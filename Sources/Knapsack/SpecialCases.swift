/// The instances hls4ml answers before choosing a method, answered the same way for every method.
enum SpecialCases {
    /// The solution of an empty instance, one where everything fits, or one whose items all have
    /// the same weight column (top K by value in tie order, K = min over used rows of ⌊C/w⌋);
    /// `nil` for any other instance.
    static func solve(_ problem: Problem) -> Knapsack.Solution? {
        let count = problem.itemCount
        if count == 0 { return Knapsack.Solution(value: 0, selected: [], isOptimal: true, upperBound: 0) }
        let everythingFits = (0..<problem.rowCount).allSatisfy { row in
            problem.weights[row].reduce(0, +) <= problem.capacity[row]
        }
        if everythingFits { return problem.solution(Array(repeating: true, count: count), isOptimal: true, upperBound: 0) }
        let columnsEqual = problem.weights.allSatisfy { row in row.allSatisfy { $0 == row[0] } }
        guard columnsEqual else { return nil }
        let keep = (0..<problem.rowCount).filter { problem.weights[$0][0] > 0 }
            .map { problem.capacity[$0] / problem.weights[$0][0] }.min() ?? count
        return problem.solution(problem.firstInTieOrder(keep), isOptimal: true, upperBound: 0)
    }
}
