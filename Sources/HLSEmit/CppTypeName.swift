import HLSConfig
import ModelIR

extension Precision {
    /// The C++ type hls4ml's Vivado/Vitis writers use: `ap_fixed<16,6>`, `ap_ufixed<8,0>`,
    /// `ap_fixed<16,6,AP_RND_CONV,AP_SAT,0>` (modes only when not all default), `ap_int<8>`, `float`.
    public var cppType: String {
        switch self {
        case .unspecified: return "auto"
        case .floatingPoint(let text):
            switch text.lowercased() {
            case "float": return "float"
            case "double": return "double"
            case "half": return "std::float16_t"
            case "bfloat16": return "std::bfloat16_t"
            default: return text
            }
        case .fixed(let type):
            let sign = type.isSigned ? "" : "u"
            if type.isInteger { return "ap_\(sign)int<\(type.width)>" }
            let rounding = type.rounding ?? "TRN"
            let saturation = type.saturation ?? "WRAP"
            let bits = type.saturationBits ?? 0
            guard rounding != "TRN" || saturation != "WRAP" || bits != 0 else { return "ap_\(sign)fixed<\(type.width),\(type.integerBits)>" }
            return "ap_\(sign)fixed<\(type.width),\(type.integerBits),AP_\(rounding),AP_\(saturation),\(bits)>"
        }
    }

    /// How many decimals hls4ml writes values of this type with: the fractional bits of a
    /// fixed-point type (never negative), 0 for integers, 16 for floating point.
    public var writtenDecimals: Int {
        switch self {
        case .unspecified: return 0
        case .floatingPoint: return 16
        case .fixed(let type): return type.isInteger ? 0 : max(0, type.width - type.integerBits)
        }
    }
}
