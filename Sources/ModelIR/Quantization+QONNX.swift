import Foundation

/// QONNX's quantization ops at inference, in float32 and in qonnx 1.0's order of operations
/// (`int_quant`, `binary_quant`, `trunc_v1`/`trunc_v2`), so that the results equal `execute_onnx`.
///
/// ```swift
/// let q = IntegerQuantizer(bitWidth: 3, isSigned: false, isNarrow: false, rounding: .floor, scale: [0.5], zeroPoint: [0])
/// Quantization.apply(.integer(q), to: [1.7, 9], shape: [2])   // [1.5, 3.5]
/// ```
extension Quantization {
    /// `Quant`: scaled and shifted, clamped to the integer levels, rounded, shifted and scaled back
    /// (a signed 1-bit Quant gives ±1 by the sign instead of clamping and rounding).
    static func integer(_ q: IntegerQuantizer, _ values: [Float]) -> [Float] {
        let levels = q.levels
        return values.indices.map { index in
            let scale = q.scale[index % q.scale.count]
            let zeroPoint = q.zeroPoint[index % q.zeroPoint.count]
            var y = values[index] / scale + zeroPoint
            if q.bitWidth == 1, q.isSigned {
                y = y >= 0 ? 1 : -1
            } else {
                if y > levels.upperBound { y = levels.upperBound }
                if y < levels.lowerBound { y = levels.lowerBound }
                y = q.rounding.apply(y)
            }
            return (y - zeroPoint) * scale
        }
    }

    /// `BipolarQuant`: `scale` for values ≥ 0, `−scale` below.
    static func bipolar(_ scale: [Float], _ values: [Float]) -> [Float] {
        values.indices.map { index in (values[index] >= 0 ? 1 : -1) * scale[index % scale.count] }
    }

    /// `Trunc` (versions 1 and 2).
    static func truncation(_ q: TruncationQuantizer, _ x: Float) -> Float {
        var y = (x / q.scale + q.zeroPoint).rounded(.toNearestOrEven)
        guard let outputScale = q.outputScale else {
            y /= Float(sign: .plus, exponent: q.inputBitWidth - q.outputBitWidth, significand: 1)
            return (q.rounding.apply(y) - q.zeroPoint) * q.scale
        }
        // qonnx: 2 ** np.round(np.log2(output_scale / scale)), ties to even.
        let shift = exp2(log2(outputScale / q.scale).rounded(.toNearestOrEven))
        y /= shift
        let levels = IntegerQuantizer.levels(bitWidth: q.outputBitWidth, isSigned: q.isSigned, isNarrow: q.isNarrow)
        if y > levels.upperBound { y = levels.upperBound }
        if y < levels.lowerBound { y = levels.lowerBound }
        return (q.rounding.apply(y) - q.zeroPoint / shift) * outputScale
    }
}
