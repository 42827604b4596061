import FixedPoint

/// `nnet::softmax` in io_parallel over the last axis of a one-dimensional input, in hls4ml's
/// `stable`, `latency`, `legacy` or `argmax` implementation.
struct SoftmaxStage: FirmwareStage {
    /// The softmax types and tables, as `softmax_config<index>` declares them.
    enum Implementation: Sendable {
        /// `exp_table[top bits of inp_norm_t(max − x)]`, summed by a balanced tree in `accum_t`,
        /// `inv_table[top bits of inv_inp_t(sum)]`, `res = exp · inv`.
        case stable(normalized: FixedPointFormat)
        /// As stable, but the exp table is addressed by the top bits of `x` itself.
        case latency
        /// `table_t` tables over [-8, 8) and [0, 64), sums of `exp(x_j − x_i)` per output.
        case legacy(tableFormat: FixedPointFormat)
        /// 1 for the first largest input, 0 elsewhere.
        case argmax
    }

    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    let implementation: Implementation
    let accumulator: FixedPointFormat
    let exponentialFormat: FixedPointFormat
    let exponentials: [Int128]
    let inverseInputFormat: FixedPointFormat
    let inverseFormat: FixedPointFormat
    let inverses: [Int128]

    func run(_ x: [Int128]) -> [Int128] {
        switch implementation {
        case .stable(let normalized):
            let maximum = x.max() ?? 0
            let indices = x.map { value in
                let difference = normalized.converting(maximum - value, from: input)
                return SoftmaxTables.index(of: difference, size: exponentials.count, format: normalized)
            }
            return normalize(indices)
        case .latency:
            return normalize(x.map { SoftmaxTables.index(of: $0, size: exponentials.count, format: input) })
        case .legacy(let tableFormat):
            return legacy(x, tableFormat: tableFormat)
        case .argmax:
            let winner = x.indices.reduce(0) { x[$1] > x[$0] ? $1 : $0 }
            let one = FixedPointValue(exactRaw: 1, fractionBits: 0, as: output).raw
            return x.indices.map { $0 == winner ? one : 0 }
        }
    }

    /// The exp entries at `indices` in `accum_t`, their tree sum, its inverse, and the products.
    private func normalize(_ indices: [Int]) -> [Int128] {
        let terms = indices.map { accumulator.converting(exponentials[$0], from: exponentialFormat) }
        let sum = inverseInputFormat.converting(treeSum(terms[...]), from: accumulator)
        let inverse = inverses[SoftmaxTables.index(of: sum, size: inverses.count, format: inverseInputFormat)]
        let fractionBits = accumulator.fractionBits + inverseFormat.fractionBits
        return terms.map { FixedPointValue(exactRaw: $0 * inverse, fractionBits: fractionBits, as: output).raw }
    }

    /// `nnet::reduce` with `Op_add<accum_t>`: a left part of the largest power of two below the
    /// count, a right part of the rest, each sum converted to `accum_t`.
    private func treeSum(_ terms: ArraySlice<Int128>) -> Int128 {
        switch terms.count {
        case 0: return 0
        case 1: return terms.first!
        case 2: return accumulator.converting(terms.first! + terms.last!, from: accumulator)
        default:
            var left = 1
            while left * 2 <= terms.count - 1 { left *= 2 }
            let split = terms.startIndex + left
            return accumulator.converting(treeSum(terms[..<split]) + treeSum(terms[split...]), from: accumulator)
        }
    }

    private func legacy(_ x: [Int128], tableFormat: FixedPointFormat) -> [Int128] {
        let size = exponentials.count
        let one = FixedPointValue(exactRaw: 1, fractionBits: 0, as: tableFormat).raw
        return x.indices.map { i in
            var sum: Int128 = 0
            for j in x.indices {
                var term = one
                if i != j {
                    let index = Int(tableIndex(x[j] - x[i], input: input, tableSize: size, range: 16)) + 8 * size / 16
                    term = exponentials[min(max(index, 0), size - 1)]
                }
                sum = tableFormat.converting(sum + term, from: tableFormat)
            }
            let index = Int(tableIndex(sum, input: tableFormat, tableSize: inverses.count, range: 64))
            return output.converting(inverses[min(max(index, 0), inverses.count - 1)], from: tableFormat)
        }
    }
}
