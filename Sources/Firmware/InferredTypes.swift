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
    /// Dense and convolutions: ``Precision/FixedPoint/inferredAccumulator(input:weight:bias:operations:maximum:)``
    /// on the emulated formats.
    static func common(input: FixedPointFormat, weight: FixedPointFormat, bias: FixedPointFormat, operations: Int,
                       maximum: String?, layer: String) throws -> FixedPointFormat {
        var limit: Precision.FixedPoint?
        if let maximum {
            guard case .fixed(let type)? = Precision(maximum) else {
                throw FirmwareError(layer: layer, "Model.Precision.maximum '\(maximum)' is not a fixed-point precision")
            }
            limit = type
        }
        func fixedPoint(_ format: FixedPointFormat) -> Precision.FixedPoint {
            Precision.FixedPoint(width: format.width, integerBits: format.integerBits, isSigned: format.isSigned)
        }
        let inferred = Precision.FixedPoint.inferredAccumulator(input: fixedPoint(input), weight: fixedPoint(weight), bias: fixedPoint(bias),
                                                                operations: operations, maximum: limit)
        return try FixedPointFormat.inferred(width: inferred.width, integerBits: inferred.integerBits, isSigned: inferred.isSigned, layer: layer)
    }

    /// BatchNormalization (`_infer_bn_precision`): `x · scale` exactly, then the sum with the bias
    /// as in ``common(input:weight:bias:operations:maximum:layer:)``.
    static func batchNormalization(input: FixedPointFormat, scale: FixedPointFormat, bias: FixedPointFormat,
                                   maximum: String?, layer: String) throws -> FixedPointFormat {
        try common(input: input, weight: scale, bias: bias, operations: 1, maximum: maximum, layer: layer)
    }
}
