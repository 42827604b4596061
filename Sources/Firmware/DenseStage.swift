import FixedPoint

/// `nnet::dense` in io_parallel: `acc[j] = (accum_t) b[j]`, then `acc[j] += (accum_t)(x[i] * w[i][j])`
/// for every input, then `res[j] = (res_T) acc[j]`.
///
/// The Latency and Resource kernels differ only in the order of the additions (Latency by input,
/// Resource by reuse block); both give this result whenever `accum_t` truncates and wraps, as
/// hls4ml's inferred and default types do. With a saturating or rounding accumulator the order
/// would matter; this emulates the Latency order.
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

    func run(_ x: [Int128]) -> [Int128] {
        let productFractionBits = input.fractionBits + weightFormat.fractionBits
        var accumulators = bias.map { accumulator.converting($0, from: biasFormat) }
        if accumulator.quantization == .truncate && accumulator.overflow == .wrap && accumulator.saturationBits == 0 {
            // Each product is floored to the accumulator's LSB; the sums then wrap modulo 2^width,
            // so they can be added in Int128 (itself modulo 2^128) and wrapped once at the end.
            let shift = accumulator.fractionBits - productFractionBits
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
        } else {
            for i in 0..<inputCount {
                for j in 0..<outputCount {
                    let product = FixedPointValue(exactRaw: x[i] &* weights[i * outputCount + j], fractionBits: productFractionBits, as: accumulator).raw
                    accumulators[j] = FixedPointValue(exactRaw: accumulators[j] + product, fractionBits: accumulator.fractionBits, as: accumulator).raw
                }
            }
        }
        return accumulators.map { output.converting($0, from: accumulator) }
    }
}
