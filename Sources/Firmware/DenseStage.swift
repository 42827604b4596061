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
    /// `weights` as Int32 when inputs and weights have at most 32 bits and the accumulator at most
    /// 64, so that the wrapping sums can be taken in Int64: the common case, several times faster.
    let narrowWeights: [Int32]?

    init(name: String, input: FixedPointFormat, output: FixedPointFormat, accumulator: FixedPointFormat, inputCount: Int, outputCount: Int,
         weights: [Int128], weightFormat: FixedPointFormat, bias: [Int128], biasFormat: FixedPointFormat, resourceReuseFactor: Int?) {
        self.name = name
        self.input = input
        self.output = output
        self.accumulator = accumulator
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.weights = weights
        self.weightFormat = weightFormat
        self.bias = bias
        self.biasFormat = biasFormat
        self.resourceReuseFactor = resourceReuseFactor
        let fits = input.width <= 32 && weightFormat.width <= 32 && accumulator.width <= 64
        narrowWeights = fits ? weights.map { Int32(truncatingIfNeeded: $0) } : nil
    }

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
        if let narrow = narrowWeights {
            var sums = accumulators.map { Int64(truncatingIfNeeded: $0) }
            // A product shifted left by 64 or more is 0 modulo 2^64; one of at most 62 bits shifted
            // right by 63 is its floor, 0 or -1.
            let left = Int64(shift >= 0 ? shift : 0)
            let right = Int64(shift < 0 ? min(-shift, 63) : 0)
            if left < 64 {
                sums.withUnsafeMutableBufferPointer { sum in
                    narrow.withUnsafeBufferPointer { w in
                        for i in 0..<inputCount where x[i] != 0 {
                            let value = Int64(truncatingIfNeeded: x[i])
                            let row = w.baseAddress! + i * outputCount
                            for j in 0..<outputCount { sum[j] &+= ((value &* Int64(row[j])) &<< left) &>> right }
                        }
                    }
                }
            }
            accumulators = sums.map { FixedPointValue(bits: UInt128(truncatingIfNeeded: $0), as: accumulator).raw }
            return
        }
        for i in 0..<inputCount where x[i] != 0 {
            let value = x[i]
            let row = i * outputCount
            for j in 0..<outputCount {
                let product = value &* weights[row + j]
                accumulators[j] &+= shift >= 0 ? product << Int128(shift) : product >> Int128(-shift)
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
