import Foundation

/// Writes numbers exactly as Python's `'{:.Nf}'.format(x)` does (and glibc's `%.Nf`): the exact
/// binary value rounded to N decimals, ties to even, no exponent, a `-` kept for negative zero.
///
/// The value m·2^e is scaled to an integer (64-bit arithmetic when it fits, as for float32 weights,
/// else 128-bit) and rounded once, so the result is exact; values too large for that (an integer
/// part beyond 2^64 or more than 22 decimals) fall back to `String(format:)`, exact too but slower.
public enum DecimalFormatter {
    /// The most bytes ``write(_:decimals:to:)`` writes for `decimals` decimals.
    public static func maximumLength(decimals: Int) -> Int { decimals + 23 }

    /// Writes `value` with `decimals` decimals at `output` and returns the number of bytes, or
    /// `nil` (writing nothing) when the value needs the slow path of ``append(_:decimals:to:)``.
    public static func write(_ value: Double, decimals: Int, to output: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite, let scaled = scaledInteger64(abs(value), decimals: decimals) else { return nil }
        // Digits right to left, two at a time, into a scratch area; then sign, integer part, point
        // and fraction copied forward.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var end = 48
            var rest = scaled
            while rest >= 100 {
                let pair = Int(rest % 100) &* 2
                rest /= 100
                end -= 2
                buffer[end] = digitPairs[pair]
                buffer[end + 1] = digitPairs[pair + 1]
            }
            if rest >= 10 {
                let pair = Int(rest) &* 2
                end -= 2
                buffer[end] = digitPairs[pair]
                buffer[end + 1] = digitPairs[pair + 1]
            } else {
                end -= 1
                buffer[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
            }
            while 48 - end <= decimals {
                end -= 1
                buffer[end] = UInt8(ascii: "0")
            }
            var cursor = output
            if value.sign == .minus {
                cursor[0] = UInt8(ascii: "-")
                cursor += 1
            }
            let integerDigits = 48 - end - decimals
            cursor.update(from: buffer.baseAddress! + end, count: integerDigits)
            cursor += integerDigits
            if decimals > 0 {
                cursor[0] = UInt8(ascii: ".")
                cursor += 1
                cursor.update(from: buffer.baseAddress! + end + integerDigits, count: decimals)
                cursor += decimals
            }
            return cursor - output
        }
    }

    /// The double a C library reads back from the text ``write(_:decimals:to:)`` writes for `value`
    /// (`strtod` of `%.Nf`), computed without text: `round_half_even(|value|·10^N)` read as
    /// `D / 10^N`, one correctly rounded division of two exact doubles, when `D < 2^53` and
    /// `N ≤ 22`; `nil` otherwise (then format and parse the text).
    package static func parsedBack(_ value: Double, decimals: Int) -> Double? {
        guard value.isFinite, decimals <= 22, let scaled = scaledInteger64(abs(value), decimals: decimals), scaled < UInt64(1) << 53 else { return nil }
        let magnitude = Double(scaled) / powersOfTenAsDouble[decimals]
        return value.sign == .minus ? -magnitude : magnitude
    }

    private static let powersOfTenAsDouble: [Double] = (0...22).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }

    /// "00", "01", …, "99" as ASCII pairs.
    private static let digitPairs: [UInt8] = (0..<100).flatMap { [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)] }

    /// Appends `value` with `decimals` decimals to `output` as ASCII.
    public static func append(_ value: Double, decimals: Int, to output: inout [UInt8]) {
        if decimals <= 22 {
            var scratch = [UInt8](repeating: 0, count: maximumLength(decimals: decimals))
            if let count = scratch.withUnsafeMutableBufferPointer({ write(value, decimals: decimals, to: $0.baseAddress!) }) {
                output += scratch.prefix(count)
                return
            }
            if value.isFinite, let scaled = scaledInteger(abs(value), decimals: decimals), scaled <= UInt128(UInt64.max) {
                // Exact in 128 bits but not in 64: print the integer, then place the point.
                var digits = Array(String(UInt64(scaled)).utf8)
                while digits.count <= decimals { digits.insert(UInt8(ascii: "0"), at: 0) }
                if decimals > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - decimals) }
                if value.sign == .minus { output.append(UInt8(ascii: "-")) }
                output += digits
                return
            }
        }
        output += Array(String(format: "%.*f", decimals, value).utf8)
    }

    /// The text of `value` with `decimals` decimals.
    public static func string(_ value: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        append(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let powersOfTen64: [UInt64] = (0...19).map { power in (0..<power).reduce(UInt64(1)) { value, _ in value * 10 } }

    /// The 64-bit version of `scaledInteger`, which covers float32 weights with up to about 11
    /// decimals; `nil` when the numbers do not fit.
    private static func scaledInteger64(_ magnitude: Double, decimals: Int) -> UInt64? {
        if magnitude == 0 { return 0 }
        guard decimals < powersOfTen64.count else { return nil }
        let exponentBits = Int(magnitude.exponentBitPattern)
        var significand = magnitude.significandBitPattern | (exponentBits == 0 ? 0 : UInt64(1) << 52)
        var exponent = (exponentBits == 0 ? 1 : exponentBits) - 1075
        let zeros = significand.trailingZeroBitCount
        significand >>= zeros
        exponent += zeros
        let (scaled, overflow) = significand.multipliedReportingOverflow(by: powersOfTen64[decimals])
        guard !overflow, scaled < UInt64(1) << 63 else { return nil }
        if exponent >= 0 {
            guard exponent < 64, scaled.leadingZeroBitCount > exponent else { return nil }
            return scaled << exponent
        }
        let shift = -exponent
        guard shift < 64 else { return 0 }  // scaled < 2^63 ≤ half a unit
        let quotient = scaled >> shift
        let remainder = scaled & ((UInt64(1) << shift) - 1)
        let half = UInt64(1) << (shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) { return quotient + 1 }
        return quotient
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
