import FixedPoint

/// `nnet::normalize` (a BatchNormalization hls4ml did not fold into the layer before it):
/// `res[i] = (res_T)(x[i] * scale[c] + bias[c])`, exact up to that one conversion, `c` the channel
/// (the last axis).
struct BatchNormalizationStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    let scale: LoadedArray
    let bias: LoadedArray

    func run(_ x: [Int128]) -> [Int128] {
        let productFractionBits = input.fractionBits + scale.format.fractionBits
        let fractionBits = max(productFractionBits, bias.format.fractionBits)
        let channels = scale.raw.count
        return x.indices.map { i in
            let channel = i % channels
            let product = (x[i] * scale.raw[channel]) << (fractionBits - productFractionBits)
            let sum = product + bias.raw[channel] << (fractionBits - bias.format.fractionBits)
            return FixedPointValue(exactRaw: sum, fractionBits: fractionBits, as: output).raw
        }
    }
}
