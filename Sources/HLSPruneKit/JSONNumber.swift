#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `Double` of a JSON number's text, correctly rounded (to nearest, ties to even) as `strtod`
/// and `JSONDecoder` round it.
///
/// Numbers of at most 19 significant digits whose decimal exponent lies within ±27 (all numbers
/// that Python's `json.dumps` writes for values and weights of everyday magnitude) are converted
/// here with exact integer arithmetic: the significand times 5^q as a 128-bit product, or divided
/// by 5^q as a 128÷64-bit quotient and remainder, then rounded once. Longer or more extreme numbers
/// go to the C library's `strtod`, which is correctly rounded for every input.
///
/// ```swift
/// JSONNumber.value(of: "0.1") == 0.1
/// ```
package enum JSONNumber {
    /// Why the text at a position is not a JSON number that fits a `Double`.
    package enum Failure: Error, Equatable {
        /// The text breaks the grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at byte `end`.
        case malformed(end: Int)
        /// The number, ending before byte `end`, is beyond a `Double`'s range: it would round to
        /// infinity, or (not being zero) to zero. `JSONDecoder` refuses both too.
        case outOfRange(end: Int)
    }

    /// Parses the JSON number that starts at `start`; returns it and the offset of the byte after it.
    @inline(__always)
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(Failure) -> (value: Double, end: Int) {
        let count = bytes.count
        var index = start
        let negative = index < count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var significand: UInt64 = 0
        var digits = 0  // significant digits in `significand`
        var exponent = 0  // the decimal exponent of `significand`'s last digit
        var truncated = false  // more than 19 significant digits: strtod decides
        guard index < count, let first = digit(bytes[index]) else { throw .malformed(end: index) }
        index += 1
        if first != 0 {
            significand = first
            digits = 1
            while digits <= 11, index + 8 <= count, let eight = eightDigits(bytes, at: index) {
                significand = significand &* 100_000_000 &+ eight
                digits += 8
                index += 8
            }
            while index < count, let next = digit(bytes[index]) {
                if digits < 19 {
                    significand = significand &* 10 &+ next
                    digits += 1
                } else {
                    truncated = true
                }
                index += 1
            }
        } else if index < count, digit(bytes[index]) != nil {
            throw .malformed(end: index)  // a leading zero
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while digits <= 11, index + 8 <= count, let eight = eightDigits(bytes, at: index) {
                significand = significand &* 100_000_000 &+ eight
                exponent -= 8
                digits = significand == 0 ? 0 : digits + 8  // may count leading zeros: only ever too many
                index += 8
            }
            while index < count, let next = digit(bytes[index]) {
                if digits < 19 {
                    significand = significand &* 10 &+ next
                    exponent -= 1
                    if significand != 0 { digits += 1 }
                } else {
                    truncated = true
                }
                index += 1
            }
            guard index > fraction else { throw .malformed(end: index) }
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            let negativeExponent = index < count && bytes[index] == UInt8(ascii: "-")
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let digitsStart = index
            var written = 0
            while index < count, let next = digit(bytes[index]) {
                written = min(written * 10 + Int(next), 1_000_000)  // beyond any Double; keeps the sum finite
                index += 1
            }
            guard index > digitsStart else { throw .malformed(end: index) }
            exponent += negativeExponent ? -written : written
        }
        let value: Double
        if significand == 0 {
            value = negative ? -0.0 : 0.0
        } else if !truncated, let exact = exactValue(significand, exponent) {
            value = negative ? -exact : exact
        } else {
            value = libraryValue(bytes, start..<index)
        }
        guard value.isFinite, value != 0 || significand == 0 else { throw .outOfRange(end: index) }
        return (value, index)
    }

    /// The value of `text` if all of it is one JSON number, else nil (for tests and small inputs).
    package static func value(of text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let (value, end) = try? parse(buffer, from: 0), end == buffer.count else { return nil }
            return value
        }
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> UInt64? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? UInt64(value) : nil
    }

    /// The value of the eight ASCII digits at `index`, or nil if one of the bytes is not a digit.
    @inline(__always)
    private static func eightDigits(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
        // Every byte in 0x30...0x3F, and still so after adding 6 (no carries: each stays below 0x46).
        guard word & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
            (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
        else { return nil }
        // The first digit is the lowest byte: combine neighbours into pairs, pairs into fours, fours into eight.
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10 &+ value >> 8) & 0x00FF_00FF_00FF_00FF
        value = (value &* 100 &+ value >> 16) & 0x0000_FFFF_0000_FFFF
        return (value &* 10_000 &+ value >> 32) & 0xFFFF_FFFF
    }

    /// significand × 10^exponent rounded to a `Double`, when integer arithmetic decides it exactly.
    @inline(__always)
    private static func exactValue(_ significand: UInt64, _ exponent: Int) -> Double? {
        // Clinger's fast path: both operands are exact Doubles, so one rounding gives the answer.
        if exponent == 0, significand <= 1 << 53 { return Double(significand) }
        if significand <= 1 << 53, exponent >= -22, exponent <= 22 {
            let scale = powersOfTen[abs(exponent)]
            return exponent < 0 ? Double(significand) / scale : Double(significand) * scale
        }
        guard exponent >= -27, exponent <= 27 else { return nil }
        let five = powersOfFive[abs(exponent)]
        if exponent >= 0 {
            // significand × 5^e × 2^e: the 128-bit product, its top 64 bits and whether the rest is zero.
            let (high, low) = significand.multipliedFullWidth(by: five)
            if high == 0 { return rounded(low, exponent: exponent, inexact: false) }
            let shift = high.leadingZeroBitCount
            let top = shift == 0 ? high : high << shift | low >> (64 - shift)
            return rounded(top, exponent: exponent + 64 - shift, inexact: low << shift != 0)
        }
        // significand × 2^s ÷ 5^-e × 2^(e-s), with s chosen so that the quotient has 63 or 64 bits.
        let shift = 63 + (64 - five.leadingZeroBitCount) - (64 - significand.leadingZeroBitCount)
        let high = shift == 0 ? 0 : shift >= 64 ? significand << (shift - 64) : significand >> (64 - shift)
        let low = shift >= 64 ? 0 : significand << shift
        let (quotient, remainder) = five.dividingFullWidth((high, low))
        return rounded(quotient, exponent: exponent - shift, inexact: remainder != 0)
    }

    /// (m + ε) × 2^exponent rounded to nearest-even, where ε ∈ [0, 1) is nonzero iff `inexact`.
    package static func rounded(_ m: UInt64, exponent: Int, inexact: Bool) -> Double {
        guard m != 0 else { return 0 }
        let zeros = m.leadingZeroBitCount
        let normalized = m << zeros
        let power = exponent - zeros + 63  // the value lies in [2^power, 2^(power + 1))
        guard power <= 1023 else { return .infinity }
        let dropped = power >= -1022 ? 11 : 11 + (-1022 - power)  // below the normal range: fewer bits
        guard dropped <= 64 else { return 0 }
        let kept = dropped == 64 ? 0 : normalized >> dropped
        let rest = dropped == 64 ? normalized : normalized & (1 << dropped - 1)
        let half: UInt64 = 1 << (dropped - 1)
        let up = rest > half || (rest == half && (inexact || kept & 1 == 1))
        // A carry out of the significand moves into the exponent field, up to infinity's pattern.
        let exponentField: UInt64 = power >= -1022 ? UInt64(power + 1022) << 52 : 0
        return Double(bitPattern: exponentField + kept + (up ? 1 : 0))
    }

    /// The C library's correctly rounded conversion of the text in `range`.
    private static func libraryValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { text in
            for (offset, index) in range.enumerated() { text[offset] = CChar(bitPattern: bytes[index]) }
            text[range.count] = 0
            return strtod(text.baseAddress!, nil)
        }
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    ]
    private static let powersOfFive: [UInt64] = [
        1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1_953_125, 9_765_625, 48_828_125, 244_140_625, 1_220_703_125, 6_103_515_625,
        30_517_578_125, 152_587_890_625, 762_939_453_125, 3_814_697_265_625, 19_073_486_328_125, 95_367_431_640_625,
        476_837_158_203_125, 2_384_185_791_015_625, 11_920_928_955_078_125, 59_604_644_775_390_625, 298_023_223_876_953_125,
        1_490_116_119_384_765_625, 7_450_580_596_923_828_125
    ]
}
