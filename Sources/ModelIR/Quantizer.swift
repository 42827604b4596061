/// A quantizer: how a layer rounds its weights or its outputs, as plain values.
///
/// The cases follow QKeras 0.9's quantizer classes and QONNX's quantization ops (`Quant`,
/// `BipolarQuant`, `Trunc`) and keep their parameters; the arithmetic lives
/// in the `Inference` module and the hls4ml precision a quantizer implies in `HLSConfig`.
///
/// ```swift
/// let weights = Quantizer.bits(.init(bits: 6, integer: 0, scale: .constant(1)))
/// print(weights)   // quantized_bits(6,0,0,alpha=1)
/// ```
public enum Quantizer: Sendable, Equatable, CustomStringConvertible {
    /// `quantized_bits`: a signed or unsigned fixed-point grid, optionally scaled.
    case bits(BitsQuantizer)
    /// `quantized_relu`: ReLU (optionally leaky or through the hard sigmoid) onto an unsigned grid.
    case relu(ReLUQuantizer)
    /// `quantized_tanh`: QKeras's hard tanh (or the real one) onto `bits` signed levels.
    case tanh(bits: Int, symmetric: Bool, usesRealTanh: Bool)
    /// `quantized_sigmoid`: QKeras's hard sigmoid (or the real one) onto `bits` unsigned levels.
    case sigmoid(bits: Int, symmetric: Bool, usesRealSigmoid: Bool)
    /// `quantized_po2` and `quantized_relu_po2`: the nearest power of two.
    case powerOfTwo(PowerOfTwoQuantizer)
    /// `binary`: ±1 (or 0/1), scaled.
    case binary(usesZeroOne: Bool, scale: QuantizerScale?)
    /// `ternary`: −1, 0 or +1 by a threshold, scaled.
    case ternary(scale: QuantizerScale?, threshold: Float?)
    /// QONNX `Quant`: an integer grid with a scale and zero point.
    case integer(IntegerQuantizer)
    /// QONNX `BipolarQuant`: ±`scale` by the sign (+ for 0); one scale, or one per last-axis channel.
    case bipolar(scale: [Float])
    /// QONNX `Trunc`: fewer bits of a value already on an integer grid.
    case truncation(TruncationQuantizer)

    /// The QKeras class name (`quantized_bits`, `binary`, …).
    public var className: String {
        switch self {
        case .bits: "quantized_bits"
        case .relu: "quantized_relu"
        case .tanh: "quantized_tanh"
        case .sigmoid: "quantized_sigmoid"
        case .powerOfTwo(let po2): po2.isReLU ? "quantized_relu_po2" : "quantized_po2"
        case .binary: "binary"
        case .ternary: "ternary"
        case .integer: "Quant"
        case .bipolar: "BipolarQuant"
        case .truncation: "Trunc"
        }
    }

    /// The quantizer as a QKeras expression with every parameter spelled out.
    public var description: String {
        switch self {
        case .bits(let q):
            "quantized_bits(\(q.bits),\(q.integer),\(q.isSymmetric ? 1 : 0)" + (q.keepsNegative ? "" : ",keep_negative=False")
                + (q.scale.map { ",alpha=\($0)" } ?? "") + ")"
        case .relu(let q):
            "quantized_relu(\(q.bits),\(q.integer)" + (q.usesSigmoid ? ",use_sigmoid=1" : "")
                + (q.negativeSlope != 0 ? ",negative_slope=\(q.negativeSlope)" : "") + ")"
        case .tanh(let bits, let symmetric, let real):
            "quantized_tanh(\(bits)" + (symmetric ? ",symmetric=True" : "") + (real ? ",use_real_tanh=True" : "") + ")"
        case .sigmoid(let bits, let symmetric, let real):
            "quantized_sigmoid(\(bits)" + (symmetric ? ",symmetric=True" : "") + (real ? ",use_real_sigmoid=True" : "") + ")"
        case .powerOfTwo(let q):
            "\(className)(\(q.bits)" + (q.maxValue.map { ",max_value=\($0)" } ?? "")
                + (q.negativeSlope != 0 ? ",negative_slope=\(q.negativeSlope)" : "")
                + (q.usesQuadraticApproximation ? ",quadratic_approximation=True" : "") + ")"
        case .binary(let zeroOne, let scale):
            "binary(" + [zeroOne ? "use_01=True" : nil, scale.map { "alpha=\($0)" }].compactMap { $0 }.joined(separator: ",") + ")"
        case .ternary(let scale, let threshold):
            "ternary(" + [scale.map { "alpha=\($0)" }, threshold.map { "threshold=\($0)" }].compactMap { $0 }.joined(separator: ",") + ")"
        case .integer(let q):
            "Quant(\(q.bitWidth),scale=\(Self.list(q.scale)),zero_point=\(Self.list(q.zeroPoint)),signed=\(q.isSigned ? 1 : 0),"
                + "narrow=\(q.isNarrow ? 1 : 0),\(q.rounding.rawValue))"
        case .bipolar(let scale): "BipolarQuant(scale=\(Self.list(scale)))"
        case .truncation(let q):
            "Trunc(\(q.inputBitWidth)→\(q.outputBitWidth),scale=\(q.scale),zero_point=\(q.zeroPoint)"
                + (q.outputScale.map { ",output_scale=\($0),signed=\(q.isSigned ? 1 : 0),narrow=\(q.isNarrow ? 1 : 0)" } ?? "") + ",\(q.rounding.rawValue))"
        }
    }

    /// One value as itself, several as `per-channel(n)`.
    private static func list(_ values: [Float]) -> String {
        values.count == 1 ? "\(values[0])" : "per-channel(\(values.count))"
    }

    /// Whether the quantizer has one parameter per channel of the tensor's last axis, so that
    /// applying it needs that axis's length.
    public var isPerChannel: Bool {
        switch self {
        case .integer(let q): q.scale.count > 1 || q.zeroPoint.count > 1
        case .bipolar(let scale): scale.count > 1
        default: false
        }
    }
}

/// QKeras's `alpha`: a constant scale, or one fitted per output channel to the tensor it quantizes.
public enum QuantizerScale: Sendable, Equatable, CustomStringConvertible {
    case constant(Float)
    /// `"auto"`: the least-squares scale of each output channel.
    case auto
    /// `"auto_po2"`: as `auto`, rounded to a power of two.
    case autoPowerOfTwo

    /// Whether the scale is a given number rather than fitted to the data.
    public var isConstant: Bool { if case .constant = self { true } else { false } }

    public var description: String {
        switch self {
        case .constant(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .auto: "'auto'"
        case .autoPowerOfTwo: "'auto_po2'"
        }
    }
}

/// The parameters of `quantized_bits(bits, integer, symmetric, keep_negative, alpha)`.
public struct BitsQuantizer: Sendable, Equatable {
    /// Total bits, the sign bit included when `keepsNegative`.
    public var bits: Int
    /// Bits left of the binary point, the sign bit excluded.
    public var integer: Int
    /// Whether the most negative level is dropped so that the grid is symmetric.
    public var isSymmetric: Bool
    public var keepsNegative: Bool
    /// `nil` is QKeras's `alpha=None` (no scale).
    public var scale: QuantizerScale?

    public init(bits: Int, integer: Int, isSymmetric: Bool = false, keepsNegative: Bool = true, scale: QuantizerScale? = nil) {
        self.bits = bits
        self.integer = integer
        self.isSymmetric = isSymmetric
        self.keepsNegative = keepsNegative
        self.scale = scale
    }
}

/// The parameters of `quantized_relu(bits, integer, use_sigmoid, negative_slope)`.
public struct ReLUQuantizer: Sendable, Equatable {
    public var bits: Int
    public var integer: Int
    public var usesSigmoid: Bool
    /// A power of two, or 0 for a plain ReLU; a non-zero slope spends one bit on the sign.
    public var negativeSlope: Float

    public init(bits: Int, integer: Int, usesSigmoid: Bool = false, negativeSlope: Float = 0) {
        self.bits = bits
        self.integer = integer
        self.usesSigmoid = usesSigmoid
        self.negativeSlope = negativeSlope
    }
}

/// The parameters of `quantized_po2` and `quantized_relu_po2`.
public struct PowerOfTwoQuantizer: Sendable, Equatable {
    /// Bits of the exponent, its sign and (for `quantized_po2`) the value's sign.
    public var bits: Int
    public var maxValue: Float?
    /// `quantized_relu_po2` rather than `quantized_po2`.
    public var isReLU: Bool
    /// `quantized_relu_po2`'s slope for negative inputs (a power of two, or 0).
    public var negativeSlope: Float
    /// Rounds the square root's exponent, so that exponents are even.
    public var usesQuadraticApproximation: Bool

    public init(bits: Int, maxValue: Float? = nil, isReLU: Bool = false, negativeSlope: Float = 0, usesQuadraticApproximation: Bool = false) {
        self.bits = bits
        self.maxValue = maxValue
        self.isReLU = isReLU
        self.negativeSlope = negativeSlope
        self.usesQuadraticApproximation = usesQuadraticApproximation
    }

    /// QKeras's exponent range: an exponent sign bit is spent unless `maxValue` ≤ 1.
    public var exponentRange: ClosedRange<Int> {
        let needsExponentSign = (maxValue ?? 2) > 1 ? 1 : 0
        let effective = (isReLU ? bits : bits - 1) - needsExponentSign
        let maximum = (1 << effective) - 1
        return -(1 << effective)...(usesQuadraticApproximation ? 2 * (maximum / 2) : maximum)
    }
}
