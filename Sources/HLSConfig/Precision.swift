/// A numeric type of the generated HLS code, parsed from hls4ml's precision strings
/// (`fixed<16,6>`, `ap_fixed<16,6,AP_RND,AP_SAT>`, `ap_ufixed<8,0>`, `ap_int<8>`, `ac_fixed<16,6,true>`,
/// `auto`, `float`, …), following hls4ml's `convert_precision_string`.
public enum Precision: Sendable, Equatable, CustomStringConvertible {
    /// `auto`: the type is inferred later (hls4ml's `UnspecifiedPrecisionType`).
    case unspecified
    /// A fixed-point or integer type.
    case fixed(FixedPoint)
    /// A floating-point type (`float`, `double`, `half`, `bfloat16`, `ap_float<…>`, `ac_float<…>`, …), kept as written.
    case floatingPoint(String)

    /// A fixed-point or integer type: `width` bits of which `integerBits` are left of the binary point.
    public struct FixedPoint: Sendable, Equatable {
        public var width: Int
        public var integerBits: Int
        public var isSigned: Bool
        /// An integer type (`ap_int`, `int<…>`, `ac_int`): `integerBits == width`.
        public var isInteger: Bool
        /// Rounding and saturation modes as written, without `AP_`/`AC_` and upper-cased (`RND`, `SAT`).
        public var rounding: String?
        public var saturation: String?
        public var saturationBits: Int?

        public init(width: Int, integerBits: Int, isSigned: Bool = true, isInteger: Bool = false,
                    rounding: String? = nil, saturation: String? = nil, saturationBits: Int? = nil) {
            self.width = width
            self.integerBits = integerBits
            self.isSigned = isSigned
            self.isInteger = isInteger
            self.rounding = rounding
            self.saturation = saturation
            self.saturationBits = saturationBits
        }
    }

    /// Parses a precision string; `nil` when hls4ml would reject it too.
    ///
    /// Like hls4ml: the text between the first `<` and the next `>` is split at commas, spaces around
    /// numbers are allowed, and a `u` in the type name (`ap_ufixed`, `uint`) makes it unsigned.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        let lower = trimmed.lowercased()
        if lower == "auto" {
            self = .unspecified
            return
        }
        let floatNames = ["float", "double", "half", "bfloat16"]
        if floatNames.contains(lower) || ["ap_float", "ac_std_float", "std_float", "ac_float"].contains(where: lower.hasPrefix) {
            self = .floatingPoint(trimmed)
            return
        }
        guard let open = lower.firstIndex(of: "<"), let close = lower[open...].firstIndex(of: ">") else { return nil }
        let name = String(lower[..<open])
        let fields = lower[lower.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces }
        func number(_ index: Int) -> Int? { index < fields.count ? Int(fields[index]) : nil }
        func mode(_ index: Int) -> String? {
            guard index < fields.count, !fields[index].isEmpty else { return nil }
            var value = fields[index].uppercased()
            for prefix in ["AP_", "AC_"] where value.hasPrefix(prefix) { value.removeFirst(prefix.count) }
            return value
        }
        if name.hasPrefix("ac_") {
            guard let width = number(0) else { return nil }
            let isInteger = name == "ac_int"
            guard isInteger || name == "ac_fixed", let integerBits = isInteger ? width : number(1) else { return nil }
            let signField = isInteger ? 1 : 2
            let isSigned = signField >= fields.count || !["false", "0"].contains(fields[signField])
            self = .fixed(FixedPoint(width: width, integerBits: integerBits, isSigned: isSigned, isInteger: isInteger))
            return
        }
        let apNames = ["ap_fixed", "ap_ufixed", "fixed", "ufixed", "ap_int", "ap_uint", "int", "uint"]
        guard apNames.contains(name), let width = number(0), width > 0 else { return nil }
        let isSigned = !name.contains("u")
        if name.hasSuffix("fixed") {
            guard let integerBits = number(1) else { return nil }
            self = .fixed(FixedPoint(width: width, integerBits: integerBits, isSigned: isSigned, isInteger: false,
                                     rounding: mode(2), saturation: mode(3), saturationBits: number(4)))
        } else {
            self = .fixed(FixedPoint(width: width, integerBits: width, isSigned: isSigned, isInteger: true))
        }
    }

    /// The width in bits of a fixed-point or integer type.
    public var width: Int? {
        if case .fixed(let type) = self { return type.width }
        return nil
    }

    /// hls4ml's spelling: `fixed<16,6>` or `fixed<16,6,RND,SAT,0>`, `ufixed<…>`, `int<8>`, `uint<8>`.
    public var description: String {
        switch self {
        case .unspecified: return "auto"
        case .floatingPoint(let text): return text
        case .fixed(let type):
            let sign = type.isSigned ? "" : "u"
            if type.isInteger { return "\(sign)int<\(type.width)>" }
            var fields = ["\(type.width)", "\(type.integerBits)"]
            if let rounding = type.rounding { fields.append(rounding) }
            if let saturation = type.saturation { fields.append(saturation) }
            if let bits = type.saturationBits { fields.append("\(bits)") }
            return "\(sign)fixed<\(fields.joined(separator: ","))>"
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
