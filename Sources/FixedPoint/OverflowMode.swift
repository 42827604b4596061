/// What a conversion to a fixed-point format does with a value outside the format's range,
/// as Xilinx's `ap_o_mode` defines it (`AP_WRAP_SM` is not supported).
///
/// ```swift
/// let format = try FixedPointFormat(width: 4, integerBits: 2, overflow: .saturateSymmetric)
/// FixedPointValue(-9.0, as: format).doubleValue  // -1.75, not -2
/// ```
public enum OverflowMode: String, Sendable, CaseIterable {
    /// `AP_WRAP`: keep the low bits (two's complement wrap-around); with `N` saturation bits the
    /// top `N` bits are then forced as Xilinx specifies.
    case wrap = "WRAP"
    /// `AP_SAT`: clamp to the largest or smallest value.
    case saturate = "SAT"
    /// `AP_SAT_ZERO`: an out-of-range value becomes zero.
    case saturateToZero = "SAT_ZERO"
    /// `AP_SAT_SYM`: clamp to ±largest (a signed format never takes its most negative value
    /// from a negative source).
    case saturateSymmetric = "SAT_SYM"
}
