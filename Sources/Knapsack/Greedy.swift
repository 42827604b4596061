/// hls4ml's greedy rule, with its fallback made feasible.
///
/// Each weight row is divided by its maximum, items are walked by vᵢ / Σ normalised weights
/// (descending, ties by the tie rule), taken while they fit, and the walk stops at the first
/// item that does not fit. hls4ml then returns that item alone when its value beats the total —
/// without checking that it fits (for M = 1) or raising (for M > 1); here it is returned only
/// when it fits on its own.
enum Greedy {
    static func solve(_ problem: Problem) -> Knapsack.Solution {
        let rowMaxima = problem.weights.map { Double($0.max() ?? 0) }
        let ratios = (0..<problem.itemCount).map { index in
            let normalised = (0..<problem.rowCount).reduce(0.0) { sum, row in
                rowMaxima[row] == 0 ? sum : sum + Double(problem.weights[row][index]) / rowMaxima[row]
            }
            return normalised == 0 ? Double.infinity : problem.values[index] / normalised
        }
        let order = (0..<problem.itemCount).sorted { ratios[$0] != ratios[$1] ? ratios[$0] > ratios[$1] : $0 > $1 }
        var selection = Array(repeating: false, count: problem.itemCount)
        var remaining = problem.capacity
        var total = 0.0
        for index in order {
            guard problem.fits(index, in: remaining) else {
                if problem.values[index] > total && problem.fits(index, in: problem.capacity) {
                    selection = Array(repeating: false, count: problem.itemCount)
                    selection[index] = true
                }
                break
            }
            selection[index] = true
            total += problem.values[index]
            for row in 0..<problem.rowCount { remaining[row] -= problem.weights[row][index] }
        }
        return problem.solution(selection, isOptimal: false, upperBound: DantzigBound.bound(of: problem))
    }
}
