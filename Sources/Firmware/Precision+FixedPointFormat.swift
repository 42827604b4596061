import FixedPoint
import HLSConfig

extension Precision {
    /// The `ap_fixed`/`ap_int` format of a concrete fixed-point or integer precision.
    ///
    /// - Throws: ``FirmwareError`` naming `layer` and `variable` for `auto`, floating-point types,
    ///   modes the headers do not have, or widths outside 1…127 bits.
    func format(layer: String, variable: String) throws(FirmwareError) -> FixedPointFormat {
        guard case .fixed(let type) = self else {
            throw FirmwareError(layer: layer, "the \(variable) type \(self) is not emulated (only fixed-point and integer types are)")
        }
        guard let quantization = QuantizationMode(rawValue: type.rounding ?? "TRN"),
            let overflow = OverflowMode(rawValue: type.saturation ?? "WRAP")
        else {
            throw FirmwareError(layer: layer, "the \(variable) type \(self) has a rounding or saturation mode ap_fixed does not define")
        }
        do {
            return try FixedPointFormat(width: type.width, integerBits: type.integerBits, isSigned: type.isSigned,
                                        quantization: quantization, overflow: overflow, saturationBits: type.saturationBits ?? 0)
        } catch {
            throw FirmwareError(layer: layer, "the \(variable) type \(self): \(error)")
        }
    }
}

extension FixedPointFormat {
    /// `T y = x;` for a `T` of this format and an `x` of `source`'s format held as `raw`.
    func converting(_ raw: Int128, from source: FixedPointFormat) -> Int128 {
        converting(raw, fractionBits: source.fractionBits)
    }

    /// `T y = v;` for a `T` of this format and the exact value `v = raw × 2^-fractionBits`.
    func converting(_ raw: Int128, fractionBits: Int) -> Int128 {
        FixedPointValue(exactRaw: raw, fractionBits: fractionBits, as: self).raw
    }

    /// The signed format hls4ml's precision inference builds (`FixedPrecisionType(width, integer, signed)`:
    /// truncation, wrap-around).
    static func inferred(width: Int, integerBits: Int, isSigned: Bool, layer: String) throws(FirmwareError) -> FixedPointFormat {
        do {
            return try FixedPointFormat(width: width, integerBits: integerBits, isSigned: isSigned)
        } catch {
            throw FirmwareError(layer: layer, "the inferred type ap_fixed<\(width),\(integerBits)> is too wide to emulate: \(error)")
        }
    }
}
