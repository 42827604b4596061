/// QONNX's `Quant` (Brevitas's integer quantization): `x / scale + zeroPoint`, clamped to the
/// integers `bitWidth` bits hold, rounded, then shifted back and scaled (`(q − zeroPoint)·scale`).
/// A signed 1-bit Quant gives ±1 by the sign instead, as qonnx computes it.
///
/// ```swift
/// let q = IntegerQuantizer(bitWidth: 4, isSigned: true, isNarrow: false, rounding: .halfEven, scale: [0.25], zeroPoint: [0])
/// Quantization.apply(.integer(q), to: [0.3, -9], shape: [2])   // [0.25, -2.0]
/// ```
public struct IntegerQuantizer: Sendable, Equatable {
    public var bitWidth: Int
    public var isSigned: Bool
    /// Drops the most negative level (signed) or the largest one (unsigned).
    public var isNarrow: Bool
    public var rounding: QuantizerRounding
    /// One value, or one per channel of the quantized tensor's last axis (as the IR holds it).
    public var scale: [Float]
    /// One value, or one per channel of the last axis, as `scale`.
    public var zeroPoint: [Float]

    public init(bitWidth: Int, isSigned: Bool, isNarrow: Bool, rounding: QuantizerRounding, scale: [Float], zeroPoint: [Float]) {
        self.bitWidth = bitWidth
        self.isSigned = isSigned
        self.isNarrow = isNarrow
        self.rounding = rounding
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    /// The smallest and largest integer level (qonnx's `min_int` and `max_int`).
    public var levels: ClosedRange<Float> { Self.levels(bitWidth: bitWidth, isSigned: isSigned, isNarrow: isNarrow) }

    static func levels(bitWidth: Int, isSigned: Bool, isNarrow: Bool) -> ClosedRange<Float> {
        let half = Float(sign: .plus, exponent: bitWidth - 1, significand: 1)
        guard isSigned else { return 0...(2 * half - (isNarrow ? 2 : 1)) }
        return (-half + (isNarrow ? 1 : 0))...(half - 1)
    }
}

/// QONNX's `Trunc`: a value on an integer grid (`scale`, `zeroPoint`, `inputBitWidth` bits)
/// dropped to fewer bits. Version 1 (five inputs) divides by 2^(input − output bits) and rescales
/// by `scale`; version 2 (six inputs, `outputScale`) divides by the power of two nearest
/// `outputScale / scale`, clamps to `outputBitWidth` bits and rescales by `outputScale`.
///
/// ```swift
/// let q = TruncationQuantizer(scale: 0.125, zeroPoint: 0, inputBitWidth: 8, outputBitWidth: 5, outputScale: nil,
///                             isSigned: true, isNarrow: false, rounding: .floor)
/// Quantization.apply(.truncation(q), to: [1.0], shape: [1])   // [0.125]: 8/8 floored, times 0.125
/// ```
public struct TruncationQuantizer: Sendable, Equatable {
    public var scale: Float
    public var zeroPoint: Float
    public var inputBitWidth: Int
    public var outputBitWidth: Int
    /// Version 2's output scale; `nil` for version 1.
    public var outputScale: Float?
    /// Version 2's output grid (version 1 does not clamp).
    public var isSigned: Bool
    public var isNarrow: Bool
    public var rounding: QuantizerRounding

    public init(scale: Float, zeroPoint: Float, inputBitWidth: Int, outputBitWidth: Int, outputScale: Float?, isSigned: Bool, isNarrow: Bool,
                rounding: QuantizerRounding) {
        self.scale = scale
        self.zeroPoint = zeroPoint
        self.inputBitWidth = inputBitWidth
        self.outputBitWidth = outputBitWidth
        self.outputScale = outputScale
        self.isSigned = isSigned
        self.isNarrow = isNarrow
        self.rounding = rounding
    }
}

/// QONNX's `rounding_mode` spellings and the rounding each names.
///
/// ```swift
/// QuantizerRounding(spelling: "half_up")?.apply(-2.5)   // -3
/// ```
public enum QuantizerRounding: String, Sendable, Equatable, CaseIterable {
    /// `ROUND` (or `HALF_EVEN`): to nearest, ties to even (numpy's `round`).
    case halfEven = "ROUND"
    case ceil = "CEIL"
    case floor = "FLOOR"
    /// Away from zero.
    case up = "UP"
    /// Toward zero (numpy's `fix`).
    case down = "DOWN"
    /// To nearest, ties away from zero.
    case halfUp = "HALF_UP"
    /// To nearest, ties toward zero.
    case halfDown = "HALF_DOWN"

    /// The mode a `rounding_mode` attribute names (any letter case), or `nil`.
    public init?(spelling: String) {
        let upper = spelling.uppercased()
        self.init(rawValue: upper == "HALF_EVEN" ? "ROUND" : upper)
    }

    /// `x` rounded to an integer in float32, as qonnx's numpy expression for the mode does.
    public func apply(_ x: Float) -> Float {
        switch self {
        case .halfEven: x.rounded(.toNearestOrEven)
        case .ceil: x.rounded(.up)
        case .floor: x.rounded(.down)
        case .up: x.rounded(.awayFromZero)
        case .down: x.rounded(.towardZero)
        case .halfUp: Self.sign(x) * (abs(x) + 0.5).rounded(.down)
        case .halfDown: Self.sign(x) * (abs(x) - 0.5).rounded(.up)
        }
    }

    private static func sign(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
