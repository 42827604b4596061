import FixedPoint
import HLSConfig

/// hls4ml 1.3.0's `infer_precision` rules for `auto` accumulators and results: types wide enough
/// that nothing is rounded or overflows.
///
/// ```swift
/// // ap_fixed<16,6> inputs and weights, 16 inputs, an ap_fixed<16,6> bias:
/// try InferredTypes.common(input: f16_6, weight: f16_6, bias: f16_6, operations: 16, maximum: nil, layer: "fc1")  // ap_fixed<37,17>
/// ```
enum InferredTypes {
    /// Dense and convolutions (`_infer_common_precision`): the product's width and integer bits
    /// plus `ceil(log2(operations))`, then one integer bit more than the larger of that and the
    /// bias's integer bits (plus one for a sign only one side has), the larger fraction, signed if
    /// any is; each limited by `Model.Precision.maximum` when given.
    static func common(input: FixedPointFormat, weight: FixedPointFormat, bias: FixedPointFormat, operations: Int,
                       maximum: String?, layer: String) throws -> FixedPointFormat {
        var growth = 0
        while (1 << growth) < operations { growth += 1 }
        var width = weight.width + input.width + growth
        var integerBits = weight.integerBits + input.integerBits + growth
        var isSigned = weight.isSigned || input.isSigned
        let fraction = width - integerBits
        integerBits = max(integerBits + (bias.isSigned && !isSigned ? 1 : 0), bias.integerBits + (isSigned && !bias.isSigned ? 1 : 0)) + 1
        width = integerBits + max(fraction, bias.fractionBits)
        isSigned = isSigned || bias.isSigned
        return try limited(width: width, integerBits: integerBits, isSigned: isSigned, maximum: maximum, layer: layer)
    }

    /// BatchNormalization (`_infer_bn_precision`): `x · scale` exactly, then the sum with the bias
    /// as in ``common(input:weight:bias:operations:maximum:layer:)``.
    static func batchNormalization(input: FixedPointFormat, scale: FixedPointFormat, bias: FixedPointFormat,
                                   maximum: String?, layer: String) throws -> FixedPointFormat {
        try common(input: input, weight: scale, bias: bias, operations: 1, maximum: maximum, layer: layer)
    }

    private static func limited(width: Int, integerBits: Int, isSigned: Bool, maximum: String?, layer: String) throws -> FixedPointFormat {
        var width = width
        var integerBits = integerBits
        if let maximum {
            guard case .fixed(let limit)? = Precision(maximum) else {
                throw FirmwareError(layer: layer, "Model.Precision.maximum '\(maximum)' is not a fixed-point precision")
            }
            width = min(width, limit.width)
            integerBits = min(integerBits, limit.integerBits)
        }
        return try FixedPointFormat.inferred(width: width, integerBits: integerBits, isSigned: isSigned, layer: layer)
    }
}
