import Foundation

/// Writes numbers exactly as Python's `'{:.Nf}'.format(x)` does (and glibc's `%.Nf`): the exact
/// binary value rounded to N decimals, ties to even, no exponent, a `-` kept for negative zero.
///
/// The value m·2^e is scaled to an integer with 128-bit arithmetic and rounded once, so the result
/// is exact; values too large for that (beyond about 2^70 or with more than 22 decimals) fall back
/// to `String(format:)`, which is exact too but slower.
public enum DecimalFormatter {
    /// Appends `value` with `decimals` decimals to `output` as ASCII.
    public static func append(_ value: Double, decimals: Int, to output: inout [UInt8]) {
        guard value.isFinite, decimals <= 22, let scaled = scaledInteger(abs(value), decimals: decimals) else {
            output += Array(String(format: "%.*f", decimals, value).utf8)
            return
        }
        if value.sign == .minus { output.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        var rest = scaled
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        } while rest > 0
        // digits holds the integer scaled·1 in reverse; pad so there is at least one integer digit.
        while digits.count <= decimals { digits.append(UInt8(ascii: "0")) }
        for position in stride(from: digits.count - 1, through: 0, by: -1) {
            output.append(digits[position])
            if position == decimals && decimals > 0 { output.append(UInt8(ascii: ".")) }
        }
    }

    /// The text of `value` with `decimals` decimals.
    public static func string(_ value: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        append(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let powersOfTen: [UInt128] = (0...22).map { power in (0..<power).reduce(UInt128(1)) { value, _ in value * 10 } }

    /// round_half_even(|value|·10^decimals), or nil when it does not fit the 128-bit computation.
    private static func scaledInteger(_ magnitude: Double, decimals: Int) -> UInt128? {
        if magnitude == 0 { return 0 }
        let exponentBits = Int(magnitude.exponentBitPattern)
        let significand = UInt128(magnitude.significandBitPattern) | (exponentBits == 0 ? 0 : UInt128(1) << 52)
        let exponent = (exponentBits == 0 ? 1 : exponentBits) - 1075
        let scaled = significand * powersOfTen[decimals]  // < 2^53 · 10^22 < 2^127
        if exponent >= 0 {
            guard exponent < 128, scaled.leadingZeroBitCount > exponent else { return nil }
            return scaled << exponent
        }
        let shift = -exponent
        guard shift < 128 else { return 0 }  // below half a unit of the last decimal
        let quotient = scaled >> shift
        let remainder = scaled & ((UInt128(1) << shift) - 1)
        let half = UInt128(1) << (shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) { return quotient + 1 }
        return quotient
    }
}
