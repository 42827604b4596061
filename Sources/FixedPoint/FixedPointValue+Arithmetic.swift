extension FixedPointValue {
    /// `a * b`: exact, in ``FixedPointFormat/product(with:)``.
    ///
    /// ```swift
    /// let f = try FixedPointFormat(width: 16, integerBits: 6)
    /// try FixedPointValue(1.5, as: f).multiplied(by: FixedPointValue(-2, as: f)).doubleValue  // -3.0
    /// ```
    public func multiplied(by other: FixedPointValue) throws(FixedPointError) -> FixedPointValue {
        let format = try format.product(with: other.format)
        return FixedPointValue(bits: UInt128(truncatingIfNeeded: raw * other.raw), as: format)
    }

    /// `a + b`: exact, in ``FixedPointFormat/sum(with:)``.
    public func adding(_ other: FixedPointValue) throws(FixedPointError) -> FixedPointValue {
        let format = try format.sum(with: other.format)
        let sum = (raw << (format.fractionBits - self.format.fractionBits))
            + (other.raw << (format.fractionBits - other.format.fractionBits))
        return FixedPointValue(bits: UInt128(truncatingIfNeeded: sum), as: format)
    }
}
