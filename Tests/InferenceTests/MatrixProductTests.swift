import Dispatch
import FixtureSupport
import Inference
import ModelIR
import Testing

/// `MatrixProduct` against a product summed in Double, on shapes that cross its tile edges.
@Suite struct MatrixProductTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rows: Int, columns: Int, depth: Int
        var transposingA: Bool, transposingB: Bool, accumulating: Bool
        var testDescription: String { "\(rows)×\(columns)×\(depth) aᵀ \(transposingA) bᵀ \(transposingB) += \(accumulating)" }
    }

    static let cases: [Case] = [(300, 530, 37), (1, 1, 1), (7, 3, 0), (257, 513, 5), (5, 1030, 64)].flatMap { rows, columns, depth in
        [(false, false, false), (true, false, true), (false, true, false), (true, true, true)].map {
            Case(rows: rows, columns: columns, depth: depth, transposingA: $0, transposingB: $1, accumulating: $2)
        }
    }

    static func random(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
    }

    @Test(arguments: cases)
    func productMatchesDoubleSums(_ test: Case) {
        var generator = SeededGenerator(seed: UInt64(test.rows * 7919 + test.columns * 31 + test.depth))
        let a = Self.random(test.rows * test.depth, &generator)
        let b = Self.random(test.depth * test.columns, &generator)
        let start = test.accumulating ? Self.random(test.rows * test.columns, &generator) : [Float](repeating: .nan, count: test.rows * test.columns)
        var c = start
        MatrixProduct.multiply(a, transposingA: test.transposingA, b, transposingB: test.transposingB, into: &c,
                               rows: test.rows, columns: test.columns, depth: test.depth, accumulating: test.accumulating)
        var worst = 0.0
        for i in 0..<test.rows {
            for j in 0..<test.columns {
                var exact = test.accumulating ? Double(start[i * test.columns + j]) : 0
                var magnitude = abs(exact)
                for k in 0..<test.depth {
                    let x = Double(test.transposingA ? a[k * test.rows + i] : a[i * test.depth + k])
                    let y = Double(test.transposingB ? b[j * test.depth + k] : b[k * test.columns + j])
                    exact += x * y
                    magnitude += abs(x * y)
                }
                // Float summation of depth + 1 terms: each step rounds by at most one unit (2⁻²⁴) of the running magnitude.
                let bound = Double(test.depth + 1) * 0x1p-24 * magnitude + 1e-30
                worst = max(worst, abs(Double(c[i * test.columns + j]) - exact) / bound)
            }
        }
        #expect(worst <= 1, "error \(worst)× the rounding bound")
    }

    /// The same bytes whether the product has the cores to itself or shares them with other
    /// products running at the same time: the reduction order does not depend on scheduling.
    @Test func sameBytesUnderConcurrency() {
        var generator = SeededGenerator(seed: 16)
        let (rows, columns, depth) = (600, 1100, 300)
        let a = Self.random(rows * depth, &generator)
        let b = Self.random(depth * columns, &generator)
        var alone = [Float](repeating: 0, count: rows * columns)
        MatrixProduct.multiply(a, b, into: &alone, rows: rows, columns: columns, depth: depth)
        let collector = ChunkCollector<[Float]>(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            var c = [Float](repeating: 0, count: rows * columns)
            MatrixProduct.multiply(a, b, into: &c, rows: rows, columns: columns, depth: depth)
            collector.store(c, at: index)
        }
        for result in collector.results { #expect(result == alone) }
    }
}
