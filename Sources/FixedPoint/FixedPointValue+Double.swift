extension FixedPointValue {
    /// `T x = value;` for a `T` of `format`: the double's exact value, quantised and overflowed.
    ///
    /// Like the headers, infinities and NaNs are read as their bit pattern's mantissa times
    /// `2^1024` (so they saturate or wrap like a huge value) and subnormals as if normal.
    ///
    /// ```swift
    /// let format = try FixedPointFormat(width: 8, integerBits: 3, quantization: .round, overflow: .saturate)
    /// FixedPointValue(1.23, as: format).doubleValue   // 1.21875
    /// FixedPointValue(100, as: format).doubleValue    // 3.96875
    /// ```
    public init(_ value: Double, as format: FixedPointFormat) {
        let (mantissa, fractionBits) = FixedPointValue.exactParts(of: value)
        self.init(exactRaw: mantissa, fractionBits: fractionBits, as: format)
    }

    /// `ap_int<W> x = value;` / `ap_uint<W>`: the magnitude truncated towards zero, wrapped to
    /// `width` bits, then negated. A negative value above -0.5 gives 1, as the headers do.
    public init(integerConverting value: Double, width: Int, isSigned: Bool = true) throws(FixedPointError) {
        let format = try FixedPointFormat.integer(width: width, isSigned: isSigned)
        let isNegative = value.sign == .minus
        let (mantissa, fractionBits) = FixedPointValue.exactParts(of: Swift.abs(value))
        let magnitude: Int128
        if mantissa == 0 {
            magnitude = 0
        } else if fractionBits >= 54 {
            magnitude = isNegative ? -1 : 0
        } else if fractionBits >= 0 {
            magnitude = mantissa >> fractionBits
        } else {
            magnitude = -fractionBits >= width ? 0 : mantissa << -fractionBits
        }
        let wrapped = UInt128(truncatingIfNeeded: magnitude)
        self.init(bits: isNegative ? 0 &- wrapped : wrapped, as: format)
    }

    /// The double as `mantissa × 2^-fractionBits` read the headers' way (hidden bit always set).
    static func exactParts(of value: Double) -> (mantissa: Int128, fractionBits: Int) {
        let bits = value.bitPattern
        guard bits & 0x7fff_ffff_ffff_ffff != 0 else { return (0, 0) }
        let exponent = Int((bits >> 52) & 0x7ff) - 1023
        let magnitude = Int128(bits & 0x000f_ffff_ffff_ffff | 0x0010_0000_0000_0000)
        return (bits >> 63 == 1 ? -magnitude : magnitude, 52 - exponent)
    }
}
