import FixtureSupport

/// Instance classes of the knapsack literature, plus the shape pruning produces.
enum InstanceClass: CaseIterable {
    case uncorrelated, stronglyCorrelated, subsetSum, prunedLayers
}

struct Instance {
    var values: [Double]
    var weights: [[Int]]
    var capacity: [Int]
}

extension Instance {
    static func random(_ kind: InstanceClass, items: Int, rows: Int, maxWeight: Int, using generator: inout SeededGenerator) -> Instance {
        var weights: [[Int]] = Array(repeating: [], count: rows)
        var values: [Double] = []
        switch kind {
        case .prunedLayers:
            let layers = Int.random(in: 1...4, using: &generator)
            let columns = (0..<layers).map { _ in (0..<rows).map { _ in Int.random(in: 0...maxWeight, using: &generator) } }
            for _ in 0..<items {
                let column = columns[Int.random(in: 0..<layers, using: &generator)]
                for row in 0..<rows { weights[row].append(column[row]) }
                // Already-pruned groups have importance exactly 0; the rest are normalised magnitudes.
                values.append(Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0 ? 0 : Double.random(in: 0..<1, using: &generator))
            }
        default:
            for _ in 0..<items {
                for row in 0..<rows { weights[row].append(Int.random(in: 1...maxWeight, using: &generator)) }
                let first = Double(weights[0].last!)
                switch kind {
                case .uncorrelated: values.append(Double(Int.random(in: 1...1000, using: &generator)))
                case .stronglyCorrelated: values.append(first + Double(maxWeight) / 10)
                default: values.append(first)
                }
            }
        }
        let capacity = weights.map { row in Int(Double(row.reduce(0, +)) * Double.random(in: 0.2...0.7, using: &generator)) }
        return Instance(values: values, weights: weights, capacity: capacity)
    }

    /// The optimum by enumerating every subset (Gray-code order, one item changes per step).
    func bruteForceOptimum() -> Double {
        let count = values.count
        var used = Array(repeating: 0, count: weights.count)
        var chosen = Array(repeating: false, count: count)
        var value = 0.0
        var best = 0.0
        if count == 0 { return 0 }
        for step in 1..<(1 << count) {
            let item = step.trailingZeroBitCount
            let sign = chosen[item] ? -1 : 1
            chosen[item].toggle()
            value += Double(sign) * values[item]
            for row in weights.indices { used[row] += sign * weights[row][item] }
            if value > best && zip(used, capacity).allSatisfy({ $0 <= $1 }) {
                // Recompute to avoid drift from repeated additions and subtractions.
                best = max(best, (0..<count).reduce(0.0) { chosen[$1] ? $0 + values[$1] : $0 })
            }
        }
        return best
    }

    func isFeasible(_ selected: [Int]) -> Bool {
        weights.indices.allSatisfy { row in selected.reduce(0) { $0 + weights[row][$1] } <= capacity[row] }
    }

    func value(of selected: [Int]) -> Double { selected.sorted().reduce(0.0) { $0 + values[$1] } }
}
