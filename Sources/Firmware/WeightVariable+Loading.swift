import FixedPoint
import HLSConfig
import HLSEmit

/// A weight array as the firmware holds it: raw values of one format.
struct LoadedArray: Sendable {
    var format: FixedPointFormat
    var raw: [Int128]
}

extension WeightVariable {
    /// The values as hls4ml's C simulation loads them from `<name>.txt`: each value's written text
    /// (`%.{frac}f` of the float32 weight, see ``DecimalFormatter``) read by `istringstream >> T`,
    /// which for `ap_fixed` reads a `double` and converts it (rounding then as the type says),
    /// and for `ap_int` reads the integer.
    ///
    /// - Throws: ``FirmwareError`` naming `layer` when the type is not a fixed-point or integer type.
    func loaded(layer: String) throws(FirmwareError) -> LoadedArray {
        let format = try precision.format(layer: layer, variable: name)
        let decimals = precision.writtenDecimals
        let isInteger: Bool
        if case .fixed(let type) = precision { isInteger = type.isInteger } else { isInteger = false }
        var raw = [Int128](repeating: 0, count: values.count)
        for (position, value) in values.enumerated() {
            let parsed = DecimalFormatter.parsedBack(Double(value), decimals: decimals)
                ?? Double(DecimalFormatter.string(Double(value), decimals: decimals)) ?? 0
            if isInteger {
                raw[position] = (try? FixedPointValue(integerConverting: parsed, width: format.width, isSigned: format.isSigned))?.raw ?? 0
            } else {
                raw[position] = FixedPointValue(parsed, as: format).raw
            }
        }
        return LoadedArray(format: format, raw: raw)
    }
}
