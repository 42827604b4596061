extension Precision.FixedPoint {
    /// hls4ml 1.3.0's `infer_precision` for an `auto` accumulator of a Dense or convolution
    /// (`_infer_common_precision`): the product's width and integer bits plus
    /// `ceil(log2(operations))`, then one integer bit more than the larger of that and the bias's
    /// integer bits (plus one for a sign only one side has), the larger fraction, signed if any is;
    /// each limited by `maximum` (`Model.Precision.maximum`) when given. Nothing is rounded and
    /// nothing overflows in a type so wide.
    ///
    /// ```swift
    /// let f16_6 = Precision.FixedPoint(width: 16, integerBits: 6)
    /// Precision.FixedPoint.inferredAccumulator(input: f16_6, weight: f16_6, bias: f16_6, operations: 16)   // fixed<37,17>
    /// ```
    public static func inferredAccumulator(input: Self, weight: Self, bias: Self, operations: Int, maximum: Self? = nil) -> Self {
        var growth = 0
        while (1 << growth) < operations { growth += 1 }
        var width = weight.width + input.width + growth
        var integerBits = weight.integerBits + input.integerBits + growth
        var isSigned = weight.isSigned || input.isSigned
        let fraction = width - integerBits
        integerBits = max(integerBits + (bias.isSigned && !isSigned ? 1 : 0), bias.integerBits + (isSigned && !bias.isSigned ? 1 : 0)) + 1
        width = integerBits + max(fraction, bias.width - bias.integerBits)
        isSigned = isSigned || bias.isSigned
        if let maximum {
            width = min(width, maximum.width)
            integerBits = min(integerBits, maximum.integerBits)
        }
        return Self(width: width, integerBits: integerBits, isSigned: isSigned)
    }
}
