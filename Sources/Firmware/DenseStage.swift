import FixedPoint

/// `nnet::dense` in io_parallel: `acc[j] = (accum_t) b[j]`, then `acc[j] += (accum_t)(x[i] * w[i][j])`
/// for every input, then `res[j] = (res_T) acc[j]`.
///
/// The Latency and Resource kernels differ in the order of the additions (Latency by input,
/// Resource by reuse cycle, see ``ResourceOrder``). When `accum_t` truncates and wraps, as hls4ml's
/// inferred and default types do, the order does not matter and the sums are taken in one pass;
/// a saturating or rounding accumulator is emulated step by step in the strategy's own order
/// (with saturation the two strategies do give different results).
struct DenseStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    let accumulator: FixedPointFormat
    let inputCount: Int
    let outputCount: Int
    /// Weights as `w[i * outputCount + j]` (the Latency layout), in `weightFormat`.
    let weights: [Int128]
    let weightFormat: FixedPointFormat
    let bias: [Int128]
    let biasFormat: FixedPointFormat
    /// The Resource strategy's reuse factor; `nil` for Latency.
    let resourceReuseFactor: Int?

    func run(_ x: [Int128]) -> [Int128] {
        var accumulators = bias.map { accumulator.converting($0, from: biasFormat) }
        if accumulator.quantization == .truncate && accumulator.overflow == .wrap && accumulator.saturationBits == 0 {
            addWrapping(x, to: &accumulators)
        } else if let reuseFactor = resourceReuseFactor {
            let order = ResourceOrder(inputs: inputCount, outputs: outputCount, reuseFactor: reuseFactor)
            order.accumulate(into: &accumulators, format: accumulator) { data, w in
                product(x[data], weights[(w % inputCount) * outputCount + w / inputCount])
            }
        } else {
            for i in 0..<inputCount {
                for j in 0..<outputCount { accumulators[j] = add(accumulators[j], product(x[i], weights[i * outputCount + j])) }
            }
        }
        return accumulators.map { output.converting($0, from: accumulator) }
    }

    /// Each product floored to the accumulator's LSB; the sums wrap modulo 2^width, so they can be
    /// added in Int128 (itself modulo 2^128) and wrapped once at the end.
    private func addWrapping(_ x: [Int128], to accumulators: inout [Int128]) {
        let shift = accumulator.fractionBits - input.fractionBits - weightFormat.fractionBits
        for i in 0..<inputCount where x[i] != 0 {
            let value = x[i]
            let row = i * outputCount
            for j in 0..<outputCount {
                let product = value &* weights[row + j]
                accumulators[j] &+= shift >= 0 ? product &<< Int128(shift) : product >> Int128(-shift)
            }
        }
        for j in 0..<outputCount {
            accumulators[j] = FixedPointValue(bits: UInt128(truncatingIfNeeded: accumulators[j]), as: accumulator).raw
        }
    }

    /// `(accum_t)(x * w)`.
    private func product(_ x: Int128, _ w: Int128) -> Int128 {
        FixedPointValue(exactRaw: x &* w, fractionBits: input.fractionBits + weightFormat.fractionBits, as: accumulator).raw
    }

    /// `acc += term` in `accum_t`.
    private func add(_ sum: Int128, _ term: Int128) -> Int128 {
        accumulator.converting(sum + term, from: accumulator)
    }
}
