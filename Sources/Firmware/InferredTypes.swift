import FixedPoint
import Foundation
import HLSConfig

/// hls4ml 1.3.0's `infer_precision` rules for `auto` accumulators and results: types wide enough
/// that nothing is rounded or overflows.
///
/// ```swift
/// // ap_fixed<16,6> inputs and weights, 16 inputs, an ap_fixed<16,6> bias:
/// try InferredTypes.common(input: f16_6, weight: f16_6, bias: f16_6, operations: 16, maximum: nil, layer: "fc1")  // ap_fixed<37,17>
/// ```
enum InferredTypes {
    /// Dense and convolutions: ``Precision/FixedPoint/inferredAccumulator(input:weight:bias:operations:maximum:)``
    /// on the emulated formats.
    static func common(input: FixedPointFormat, weight: FixedPointFormat, bias: FixedPointFormat, operations: Int,
                       maximum: String?, layer: String) throws -> FixedPointFormat {
        let limit = try maximumType(maximum, layer: layer)
        func fixedPoint(_ format: FixedPointFormat) -> Precision.FixedPoint {
            Precision.FixedPoint(width: format.width, integerBits: format.integerBits, isSigned: format.isSigned)
        }
        let inferred = Precision.FixedPoint.inferredAccumulator(input: fixedPoint(input), weight: fixedPoint(weight), bias: fixedPoint(bias),
                                                                operations: operations, maximum: limit)
        return try FixedPointFormat.inferred(width: inferred.width, integerBits: inferred.integerBits, isSigned: inferred.isSigned, layer: layer)
    }

    /// `Model.Precision.maximum`, which caps inferred widths and integer bits, if there is one.
    static func maximumType(_ maximum: String?, layer: String) throws(FirmwareError) -> Precision.FixedPoint? {
        guard let maximum else { return nil }
        guard case .fixed(let type)? = Precision(maximum) else {
            throw FirmwareError(layer: layer, "Model.Precision.maximum '\(maximum)' is not a fixed-point precision")
        }
        return type
    }

    /// BatchNormalization (`_infer_bn_precision`): `x · scale` exactly, then the sum with the bias
    /// as in ``common(input:weight:bias:operations:maximum:layer:)``.
    static func batchNormalization(input: FixedPointFormat, scale: FixedPointFormat, bias: FixedPointFormat,
                                   maximum: String?, layer: String) throws -> FixedPointFormat {
        try common(input: input, weight: scale, bias: bias, operations: 1, maximum: maximum, layer: layer)
    }
}

extension InferredTypes {
    /// The `param_t` hls4ml gives a constant parameter (`_get_precision_from_constant`, max width 8):
    /// the fewest fraction bits `f` (from −31 to 32) that make `value · 2^f` an integer, integer bits
    /// `ceil(log2(max(value + 2^-f, −value)))`, a sign bit for a negative value, and at most 8 bits
    /// besides the sign; `ap_ufixed<1,1>` for 0.
    ///
    /// ```swift
    /// InferredTypes.constant(0.3, layer: "leaky")   // ap_ufixed<8,-1>
    /// InferredTypes.constant(1, layer: "leaky")     // ap_ufixed<1,1>
    /// ```
    static func constant(_ value: Double, layer: String) throws -> FixedPointFormat {
        guard value.isFinite, abs(value) < 0x1p60 else { throw FirmwareError(layer: layer, "the parameter \(value) has no fixed-point type") }
        guard value != 0 else { return try FixedPointFormat(width: 1, integerBits: 1, isSigned: false) }
        var (low, high) = (-32, 32)
        while low < high - 1 {
            let middle = (low + high) >> 1
            let scaled = value * pow(2, Double(middle))
            if scaled != scaled.rounded(.towardZero) { low = middle } else { high = middle }
        }
        let fraction = high
        let integer = Int(ceil(log2(max(value + pow(2, Double(-fraction)), -value))))
        let sign = value < 0 ? 1 : 0
        let width = min(sign + integer + fraction, sign + 8)
        return try FixedPointFormat(width: width, integerBits: sign + integer, isSigned: sign == 1)
    }
}
