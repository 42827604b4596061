/// The textbook O(N·C) dynamic programme for one resource row, with one decision bit per
/// (item, capacity) cell so the selection is rebuilt without comparing floating-point values
/// (hls4ml's rebuild compares floats and can return index −1).
enum DynamicProgramming {
    /// The largest table accepted: 2³³ cells (1 GiB of decision bits).
    static let maximumCells = 1 << 33

    static func solve(_ problem: Problem) throws -> Knapsack.Solution {
        guard problem.rowCount == 1 else {
            throw KnapsackError.unsupported(method: .dynamicProgramming, reason: "it handles one weight row, the instance has \(problem.rowCount)")
        }
        let weights = problem.weights[0]
        let capacity = problem.capacity[0]
        let width = capacity + 1
        let (cells, overflow) = problem.itemCount.multipliedReportingOverflow(by: width)
        guard !overflow, cells <= maximumCells else {
            throw KnapsackError.unsupported(method: .dynamicProgramming,
                                            reason: "N·(C+1) = \(problem.itemCount)·\(width) cells exceeds \(maximumCells); use branch-and-bound or grouped")
        }
        let wordsPerItem = (width + 63) / 64
        var taken = [UInt64](repeating: 0, count: problem.itemCount * wordsPerItem)
        var best = [Double](repeating: 0, count: width)
        for item in 0..<problem.itemCount where weights[item] <= capacity {
            let weight = weights[item]
            let value = problem.values[item]
            let base = item * wordsPerItem
            var room = capacity
            while room >= weight {
                let candidate = best[room - weight] + value
                if candidate > best[room] {
                    best[room] = candidate
                    taken[base + room >> 6] |= 1 << UInt64(room & 63)
                }
                room -= 1
            }
        }
        var selection = Array(repeating: false, count: problem.itemCount)
        var room = capacity
        for item in stride(from: problem.itemCount - 1, through: 0, by: -1)
        where taken[item * wordsPerItem + room >> 6] & (1 << UInt64(room & 63)) != 0 {
            selection[item] = true
            room -= weights[item]
        }
        return problem.solution(selection, isOptimal: true, upperBound: 0)
    }
}
