/// A value of a fixed-point format: what an `ap_fixed`/`ap_ufixed`/`ap_int`/`ap_uint` variable holds.
///
/// Conversions (from `Double`, from another format) quantise and handle overflow as the format
/// says; products and sums are exact, in the wider formats the headers give them.
///
/// ```swift
/// let data = try FixedPointFormat(width: 16, integerBits: 6)
/// let x = FixedPointValue(0.3, as: data)                     // 0.2998046875
/// let w = FixedPointValue(-1.25, as: data)
/// let product = try x.multiplied(by: w)                 // ap_fixed<32,12>, exact
/// FixedPointValue(converting: product, to: data).doubleValue // -0.375 (truncated)
/// ```
public struct FixedPointValue: Hashable, Sendable, CustomStringConvertible {
    public let format: FixedPointFormat
    /// The stored integer: the value is `raw × 2^-format.fractionBits`.
    public let raw: Int128

    /// The value whose stored bits are the low `width` bits of `bits` (as `x.range(W-1, 0) = bits`).
    public init(bits: UInt128, as format: FixedPointFormat) {
        self.format = format
        self.raw = format.signExtended(bits)
    }

    /// `format`'s value for the exact `raw × 2^-fractionBits` (quantised and overflowed as `format` says).
    public init(exactRaw raw: Int128, fractionBits: Int, as format: FixedPointFormat) {
        self.format = format
        self.raw = format.storedRaw(ofExact: raw, fractionBits: fractionBits)
    }

    /// `T x = value;` for a `T` of `format`.
    public init(converting value: FixedPointValue, to format: FixedPointFormat) {
        self.init(exactRaw: value.raw, fractionBits: value.format.fractionBits, as: format)
    }

    /// The stored bits (the two's-complement pattern in the low `width` bits).
    public var bits: UInt128 { UInt128(truncatingIfNeeded: raw) & ((UInt128(1) << format.width) &- 1) }

    /// `to_double()`: the value, rounded to nearest-even when it has more than 53 significant bits.
    public var doubleValue: Double {
        Double(sign: .plus, exponent: -format.fractionBits, significand: Double(raw))
    }

    /// `to_int()`: the integer part towards zero, as C's `int`. A signed format with
    /// `integerBits == 0` gives -1 for any negative value, as the headers do; with
    /// `integerBits < 0` the headers read an uninitialised variable, and this gives the same as 0.
    public var truncatedInt: Int32 {
        if format.integerBits <= 0 { return format.isSigned && raw < 0 ? -1 : 0 }
        let fractionBits = format.fractionBits
        guard fractionBits > 0 else { return Int32(truncatingIfNeeded: raw << -fractionBits) }
        let towardsMinusInfinity = raw >> fractionBits
        let hasFraction = raw & ((Int128(1) << fractionBits) &- 1) != 0  // all ones from 127 bits on
        return Int32(truncatingIfNeeded: raw < 0 && hasFraction ? towardsMinusInfinity + 1 : towardsMinusInfinity)
    }

    public var description: String { "\(doubleValue) as \(format)" }
}
