/// How a conversion to a fixed-point format treats the bits below its least significant bit,
/// as Xilinx's `ap_q_mode` defines it.
///
/// Every mode looks at the exact value `v` in units of the target's LSB: `⌊v⌋` plus one when the
/// mode says so. The deciding facts are whether the dropped fraction is zero, exactly one half,
/// or more, and the sign of the *source* value.
///
/// ```swift
/// let format = try FixedPointFormat(width: 4, integerBits: 2, quantization: .roundConvergent)
/// FixedPointValue(0.375, as: format).doubleValue  // 0.5 (a tie goes to the even neighbour)
/// ```
public enum QuantizationMode: String, Sendable, CaseIterable {
    /// `AP_TRN`: towards minus infinity (drop the bits).
    case truncate = "TRN"
    /// `AP_TRN_ZERO`: towards zero.
    case truncateToZero = "TRN_ZERO"
    /// `AP_RND`: to the nearest, ties towards plus infinity.
    case round = "RND"
    /// `AP_RND_ZERO`: to the nearest, ties towards zero.
    case roundToZero = "RND_ZERO"
    /// `AP_RND_INF`: to the nearest, ties away from zero.
    case roundToInfinity = "RND_INF"
    /// `AP_RND_MIN_INF`: to the nearest, ties towards minus infinity.
    case roundToMinusInfinity = "RND_MIN_INF"
    /// `AP_RND_CONV`: to the nearest, ties to the even neighbour.
    case roundConvergent = "RND_CONV"

    /// Whether `⌊v⌋` is incremented, given the dropped fraction and the source's sign.
    ///
    /// `halfBit` is the first dropped bit (the fraction is at least one half), `sticky` whether any
    /// bit after it is set, `lowestKeptBit` the kept LSB (for ties to even).
    func incrementsFloor(halfBit: Bool, sticky: Bool, sourceIsNegative: Bool, lowestKeptBit: Bool) -> Bool {
        switch self {
        case .truncate: return false
        case .truncateToZero: return sourceIsNegative && (halfBit || sticky)
        case .round: return halfBit
        case .roundToZero: return halfBit && (sourceIsNegative || sticky)
        case .roundToInfinity: return halfBit && (!sourceIsNegative || sticky)
        case .roundToMinusInfinity: return halfBit && sticky
        case .roundConvergent: return halfBit && (lowestKeptBit || sticky)
        }
    }
}
