/// Row multipliers μ for a surrogate constraint Σ_r μ_r·(row r), chosen to make its LP bound tight.
///
/// The Lagrangian dual L(μ) = Σ_r μ_r·C_r + (best relaxed value at prices μ) is convex in μ and its
/// minimum is the LP bound of the whole instance; a surrogate row with those multipliers has the same
/// LP bound. Any μ ≥ 0 gives valid bounds, so the search only has to be good, not exact.
enum SurrogateMultipliers {
    /// The dual's value at some multipliers and a subgradient there (∂/∂μ_r = C_r − row r's use).
    typealias Evaluation = (value: Double, gradient: [Double])

    /// Minimises `dual` over the box [0, ceilings[r]] per row: nested golden-section searches for two
    /// rows (the inner minimum is a convex function of the outer multiplier), and for more rows a
    /// search along `fallback`, four rounds of one-row-at-a-time searches (which can stall at a
    /// kink of the piecewise-linear dual) and then projected subgradient steps from the best point.
    ///
    /// - Parameters:
    ///   - ceilings: per row, a multiplier beyond which raising it cannot lower the dual.
    ///   - fallback: the multipliers to start from and to keep every row slightly positive (1/C).
    static func minimise(ceilings: [Double], fallback: [Double], dual evaluate: ([Double]) -> Evaluation) -> [Double] {
        func dual(_ point: [Double]) -> Double { evaluate(point).value }
        let rows = ceilings.count
        var point: [Double]
        if rows == 2 {
            func innerMinimum(_ first: Double) -> Double { lineMinimum(ceiling: ceilings[1]) { dual([first, $0]) } }
            let first = lineMinimum(ceiling: ceilings[0]) { dual([$0, innerMinimum($0)]) }
            point = [first, innerMinimum(first)]
        } else {
            let largest = zip(ceilings, fallback).map { $1 > 0 ? $0 / $1 : 0 }.max() ?? 0
            let scale = lineMinimum(ceiling: largest) { t in dual(fallback.map { $0 * t }) }
            point = fallback.map { $0 * scale }
            for _ in 0..<4 {
                for row in 0..<rows {
                    point[row] = lineMinimum(ceiling: ceilings[row]) { x in
                        var trial = point
                        trial[row] = x
                        return dual(trial)
                    }
                }
            }
            point = subgradientDescent(from: point, ceilings: ceilings, evaluate)
        }
        // A row whose multiplier is zero still counts a little, so every item has a positive price.
        return zip(point, fallback).map { max($0, 1e-9 * $1) }
    }

    /// Projected subgradient steps of shrinking length (a tenth of each row's range at first, as a
    /// fraction of the normalised subgradient); returns the best point seen.
    private static func subgradientDescent(from start: [Double], ceilings: [Double], iterations: Int = 200,
                                           _ evaluate: ([Double]) -> Evaluation) -> [Double] {
        var point = start
        var best = (point: start, value: evaluate(start).value)
        for iteration in 1...iterations {
            let (value, gradient) = evaluate(point)
            if value < best.value { best = (point, value) }
            let scaled = zip(gradient, ceilings).map { $0 * $1 }
            let length = scaled.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard length > 0 else { break }
            let step = 0.1 / Double(iteration).squareRoot() / length
            for row in point.indices {
                point[row] = min(max(point[row] - step * scaled[row] * ceilings[row], 0), ceilings[row])
            }
        }
        return best.point
    }

    /// Golden-section search of a convex function on [0, ceiling]; returns the minimiser found.
    private static func lineMinimum(ceiling: Double, iterations: Int = 64, _ function: (Double) -> Double) -> Double {
        let golden = (5.0.squareRoot() - 1) / 2
        var low = 0.0
        var high = ceiling
        var a = high - golden * (high - low)
        var b = low + golden * (high - low)
        var fa = function(a)
        var fb = function(b)
        for _ in 0..<iterations {
            if fa <= fb {
                high = b
                b = a
                fb = fa
                a = high - golden * (high - low)
                fa = function(a)
            } else {
                low = a
                a = b
                fa = fb
                b = low + golden * (high - low)
                fb = function(b)
            }
        }
        return function(0) < min(fa, fb) ? 0 : (fa <= fb ? a : b)
    }
}
