/// A fixed-point format or operation outside what this module represents.
public enum FixedPointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The width must be 1…127 bits (values are held in a 128-bit integer).
    case unsupportedWidth(Int)
    /// The integer bits must lie in -256…256 so that every value is a normal `Double`.
    case unsupportedIntegerBits(Int)
    /// The saturation bits `N` must lie in 0…width.
    case unsupportedSaturationBits(Int, width: Int)
    /// The exact result of an operation would need more than 127 bits.
    case resultTooWide(operation: String, width: Int)

    public var description: String {
        switch self {
        case .unsupportedWidth(let width):
            return "fixed-point width \(width) is outside 1...127"
        case .unsupportedIntegerBits(let bits):
            return "fixed-point integer bits \(bits) are outside -256...256"
        case .unsupportedSaturationBits(let bits, let width):
            return "saturation bits \(bits) are outside 0...\(width) (the width)"
        case .resultTooWide(let operation, let width):
            return "the exact \(operation) needs \(width) bits, more than the 127 supported"
        }
    }
}
