import FixedPoint
import HLSConfig
import ModelIR

extension InferredTypes {
    /// The `auto` result of a merge (`_infer_merge_precision`): for add, subtract and average one
    /// integer bit more than the larger input's (after making an unsigned one signed), the larger
    /// fraction, signed if either input is (always for subtract); for multiply the widths and the
    /// integer bits added; for maximum and minimum the input's own type when both are equal, else
    /// the larger integer and fraction parts. `maximum` caps width and integer bits (not for
    /// maximum and minimum); the new types truncate and wrap.
    static func merge(_ operation: MergeOperation, _ a: FixedPointFormat, _ b: FixedPointFormat, maximum: String?,
                      layer: String) throws -> FixedPointFormat {
        var width: Int
        var integerBits: Int
        var isSigned = a.isSigned || b.isSigned
        switch operation {
        case .add, .subtract, .average:
            isSigned = isSigned || operation == .subtract
            integerBits = max(a.integerBits + (b.isSigned && !a.isSigned ? 1 : 0), b.integerBits + (a.isSigned && !b.isSigned ? 1 : 0)) + 1
            width = integerBits + max(a.fractionBits, b.fractionBits)
        case .multiply:
            integerBits = a.integerBits + b.integerBits
            width = a.width + b.width
        case .maximum, .minimum:
            return try common(a, b, maximum: nil, layer: layer)
        }
        if let limit = try maximumType(maximum, layer: layer) {
            width = min(width, limit.width)
            integerBits = min(integerBits, limit.integerBits)
        }
        return try FixedPointFormat.inferred(width: width, integerBits: integerBits, isSigned: isSigned, layer: layer)
    }

    /// The `auto` result of a concatenation (`_infer_cat_precision`): as for maximum and minimum,
    /// capped by `maximum`, with the first input's rounding and saturation unless they are the
    /// defaults (then the second's).
    static func concatenation(_ a: FixedPointFormat, _ b: FixedPointFormat, maximum: String?, layer: String) throws -> FixedPointFormat {
        try common(a, b, maximum: maximum, layer: layer, keepingModes: true)
    }

    /// The type holding both `a` and `b`: `a` itself when they are equal, else the larger integer
    /// part (one bit more for an unsigned one when the other is signed) and the larger fraction.
    private static func common(_ a: FixedPointFormat, _ b: FixedPointFormat, maximum: String?, layer: String,
                               keepingModes: Bool = false) throws -> FixedPointFormat {
        if a == b { return a }
        let isSigned = a.isSigned || b.isSigned
        var integerBits = max(a.integerBits + (isSigned && !a.isSigned ? 1 : 0), b.integerBits + (isSigned && !b.isSigned ? 1 : 0))
        var width = integerBits + max(a.fractionBits, b.fractionBits)
        if let limit = try maximumType(maximum, layer: layer) {
            width = min(width, limit.width)
            integerBits = min(integerBits, limit.integerBits)
        }
        guard keepingModes else { return try FixedPointFormat.inferred(width: width, integerBits: integerBits, isSigned: isSigned, layer: layer) }
        do {
            return try FixedPointFormat(width: width, integerBits: integerBits, isSigned: isSigned,
                                        quantization: a.quantization != .truncate ? a.quantization : b.quantization,
                                        overflow: a.overflow != .wrap ? a.overflow : b.overflow,
                                        saturationBits: a.saturationBits != 0 ? a.saturationBits : b.saturationBits)
        } catch {
            throw FirmwareError(layer: layer, "the inferred type of \(width) bits, \(integerBits) integer, is too wide to emulate: \(error)")
        }
    }
}
