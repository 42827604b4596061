/// Surrogate multipliers chosen for the greedy fill rather than for the bound, for instances with
/// several rows.
///
/// Multipliers that make the surrogate bound tight can still rank items badly for filling: the dual
/// function is flat in some directions, and a small error there decides which row fills first. On
/// the strongly correlated N = 100 000, M = 3 benchmark the bound's multipliers fill the first row
/// and leave 17 % of the other two unused, 1.8 % below CBC's value; the multipliers this search
/// finds fill all three rows. Two coordinate searches on the multipliers (each scaled up or down,
/// the step halved when no change helps; one starting with small steps, one with large) maximise
/// the value of the greedy fill, each with a fixed number of fills so that the result does not
/// depend on the machine's speed (unless the time limit stops it first).
///
/// Only the first solution of ``BranchAndBound`` changes: its order, bounds and proofs still use the
/// bound's multipliers. Each fill sorts the items, so the 119 fills cost about 2.5 s of a release
/// build at N = 100 000 (0.15 s at N = 10 000).
enum TunedGreedy {
    /// Greedy fills each search may evaluate.
    static let evaluations = 60
    /// The searches' first steps: fine from the start, and coarse, which escapes the poor local
    /// optima the fine one can stop in (both are run, the better kept).
    static let firstSteps = [0.25, 2.0]

    /// The multipliers, starting from `start`, whose greedy fill of `candidates` within `capacity`
    /// is worth most.
    static func multipliers(_ problem: Problem, candidates: [Int], capacity: [Int], start: [Double], deadline: Deadline) -> [Double] {
        let fill = { (multipliers: [Double]) in fillValue(problem, candidates: candidates, capacity: capacity, multipliers: multipliers) }
        let startValue = fill(start)
        let results = firstSteps.map { search(from: start, value: startValue, firstStep: $0, deadline: deadline, fill: fill) }
        return results.max { $0.value < $1.value }!.multipliers
    }

    /// Coordinate search: each multiplier scaled up or down by (1 + step), the first improvement
    /// taken, the step halved after a pass without one.
    private static func search(from start: [Double], value startValue: Double, firstStep: Double, deadline: Deadline,
                               fill: ([Double]) -> Double) -> (multipliers: [Double], value: Double) {
        var best = start
        var bestValue = startValue
        var used = 1
        var step = firstStep
        while step > 1e-3 && used < evaluations && !deadline.hasPassed {
            var improved = false
            rows: for row in best.indices {
                for factor in [1 + step, 1 / (1 + step)] {
                    guard used < evaluations else { break rows }
                    var trial = best
                    trial[row] *= factor
                    let value = fill(trial)
                    used += 1
                    if value > bestValue {
                        (best, bestValue, improved) = (trial, value, true)
                        break
                    }
                }
            }
            if !improved { step /= 2 }
        }
        return (best, bestValue)
    }

    /// The value of taking `candidates` in order of value per surrogate weight while they fit.
    static func fillValue(_ problem: Problem, candidates: [Int], capacity: [Int], multipliers: [Double]) -> Double {
        let surrogate = problem.surrogateWeights(multipliers)
        return fill(problem, order: problem.inEfficiencyOrder(candidates) { surrogate[$0] }, capacity: capacity).value
    }

    /// Takes the items of `order` in turn while they fit in `capacity`: per position whether it was
    /// taken, and the value taken.
    static func fill(_ problem: Problem, order: [Int], capacity: [Int]) -> (taken: [Bool], value: Double) {
        var remaining = capacity
        var taken = Array(repeating: false, count: order.count)
        var value = 0.0
        for (position, item) in order.enumerated() where problem.fits(item, in: remaining) {
            taken[position] = true
            value += problem.values[item]
            for row in 0..<problem.rowCount { remaining[row] -= problem.weights[row][item] }
        }
        return (taken, value)
    }
}
