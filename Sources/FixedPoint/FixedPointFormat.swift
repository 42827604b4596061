/// A fixed-point type: Xilinx's `ap_fixed<W,I,Q,O,N>` (signed) or `ap_ufixed<W,I,Q,O,N>`.
///
/// `width` bits hold a two's-complement (or unsigned) integer `raw`; the value is
/// `raw × 2^-(width - integerBits)`. `integerBits` may be negative or larger than `width`, as in
/// the headers. `ap_int<W>`/`ap_uint<W>` are ``integer(width:isSigned:)``.
///
/// ```swift
/// let format = try FixedPointFormat(width: 16, integerBits: 6)          // ap_fixed<16,6>
/// let rounded = try FixedPointFormat(width: 8, integerBits: 3, quantization: .round, overflow: .saturate)
/// format.fractionBits   // 10
/// ```
public struct FixedPointFormat: Hashable, Sendable, CustomStringConvertible {
    public let width: Int
    public let integerBits: Int
    public let isSigned: Bool
    public let quantization: QuantizationMode
    public let overflow: OverflowMode
    /// `N`: the number of saturation bits used by ``OverflowMode/wrap``.
    public let saturationBits: Int

    public init(
        width: Int, integerBits: Int, isSigned: Bool = true, quantization: QuantizationMode = .truncate,
        overflow: OverflowMode = .wrap, saturationBits: Int = 0
    ) throws(FixedPointError) {
        guard (1...127).contains(width) else { throw .unsupportedWidth(width) }
        guard (-256...256).contains(integerBits) else { throw .unsupportedIntegerBits(integerBits) }
        guard (0...width).contains(saturationBits) else { throw .unsupportedSaturationBits(saturationBits, width: width) }
        self.width = width
        self.integerBits = integerBits
        self.isSigned = isSigned
        self.quantization = quantization
        self.overflow = overflow
        self.saturationBits = saturationBits
    }

    /// `ap_int<width>` (signed) or `ap_uint<width>`: no fraction bits, truncation, wrap-around.
    public static func integer(width: Int, isSigned: Bool = true) throws(FixedPointError) -> FixedPointFormat {
        try FixedPointFormat(width: width, integerBits: width, isSigned: isSigned)
    }

    /// Bits after the binary point (negative when `integerBits > width`).
    public var fractionBits: Int { width - integerBits }

    /// The smallest raw value (`-2^(W-1)` signed, `0` unsigned).
    public var minimumRaw: Int128 { isSigned ? -(Int128(1) << (width - 1)) : 0 }

    /// The largest raw value (`2^(W-1) - 1` signed, `2^W - 1` unsigned).
    public var maximumRaw: Int128 { Int128.max >> (127 - (isSigned ? width - 1 : width)) }

    /// The type of `a * b` in the headers: widths and integer bits add, signed if either is.
    ///
    /// The product is exact; its format truncates and wraps (the defaults).
    public func product(with other: FixedPointFormat) throws(FixedPointError) -> FixedPointFormat {
        let width = self.width + other.width
        guard width <= 127 else { throw .resultTooWide(operation: "product", width: width) }
        return try FixedPointFormat(width: width, integerBits: integerBits + other.integerBits, isSigned: isSigned || other.isSigned)
    }

    /// The type of `a + b` in the headers: one integer bit more than the larger integer part
    /// (plus one when only the other operand is signed), the larger fraction.
    public func sum(with other: FixedPointFormat) throws(FixedPointError) -> FixedPointFormat {
        let integerBits = Swift.max(
            self.integerBits + (other.isSigned && !isSigned ? 1 : 0),
            other.integerBits + (isSigned && !other.isSigned ? 1 : 0)) + 1
        let width = integerBits + Swift.max(fractionBits, other.fractionBits)
        guard width <= 127 else { throw .resultTooWide(operation: "sum", width: width) }
        return try FixedPointFormat(width: width, integerBits: integerBits, isSigned: isSigned || other.isSigned)
    }

    /// The C++ spelling, e.g. `ap_fixed<16,6>` or `ap_ufixed<8,3,AP_RND,AP_SAT>`.
    public var description: String {
        var parameters = ["\(width)", "\(integerBits)"]
        if quantization != .truncate || overflow != .wrap || saturationBits != 0 {
            parameters += ["AP_\(quantization.rawValue)", "AP_\(overflow.rawValue)"]
        }
        if saturationBits != 0 { parameters.append("\(saturationBits)") }
        return "ap_\(isSigned ? "" : "u")fixed<\(parameters.joined(separator: ","))>"
    }
}
