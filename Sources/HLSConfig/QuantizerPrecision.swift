import ModelIR

extension Precision {
    /// The type hls4ml 1.3.0 gives a weight that a QKeras quantizer quantizes (its
    /// `QKerasQuantizer.hls_type`), or `nil` for quantizers whose weights hlsprune does not write.
    ///
    /// `quantized_bits(b, i)` → `fixed<b, i+1>` (signed even with `keep_negative=False`, as hls4ml
    /// does), `int<b>` when `b == i`; `ternary` → `int<2>`; `binary` → `uint<1>` (hls4ml's xnor type,
    /// whose weights are written as 0 for −1 and 1). `quantized_po2` (exponent types, written as
    /// `{sign, exponent}` pairs) and a fitted `alpha` (hls4ml factors the scale out into an extra
    /// layer) return `nil`.
    ///
    /// ```swift
    /// Precision(weightQuantizer: .bits(.init(bits: 6, integer: 0, scale: .constant(1))))   // fixed<6,1>
    /// ```
    public init?(weightQuantizer quantizer: Quantizer) {
        switch quantizer {
        case .bits(let q):
            if let scale = q.scale, scale != .constant(1) { return nil }
            if q.bits == q.integer {
                guard q.bits > 1 else { return nil }
                self = .fixed(FixedPoint(width: q.bits, integerBits: q.bits, isInteger: true))
            } else {
                self = .fixed(FixedPoint(width: q.bits, integerBits: q.integer + 1))
            }
        case .ternary(let scale, _):
            guard scale == nil || scale == .constant(1) else { return nil }
            self = .fixed(FixedPoint(width: 2, integerBits: 2, isInteger: true))
        case .binary(_, let scale):
            // hls4ml's XnorPrecisionType, written `uint<1>`: the weights are stored as 0 (for −1) and 1.
            guard scale == nil || scale == .constant(1) else { return nil }
            self = .fixed(FixedPoint(width: 1, integerBits: 1, isSigned: false, isInteger: true))
        default:
            return nil
        }
    }
}

extension Precision {
    /// The type hls4ml 1.3.0's `config_from_keras_model` gives the result of a QKeras activation
    /// quantizer (its `_get_precision_from_quantizer`), rounding `RND_CONV` and saturating:
    /// `quantized_bits(b, i)` → `fixed<b, i+1>`, `quantized_relu(b, i)` → `ufixed<b, i>` (signed
    /// `fixed<b, i+1>` with a negative slope), `quantized_tanh(b)` → `fixed<b, 1>` (`SAT_SYM` when
    /// symmetric), `quantized_sigmoid(b)` → `ufixed<b, 0>`, the po2 quantizers with every bit
    /// integer, `binary`/`ternary` → `int<2>`; an integer type wherever no bit is fractional. QONNX
    /// quantizers give nil (hls4ml's ONNX configuration leaves their types `auto`).
    ///
    /// ```swift
    /// Precision(activationQuantizer: .relu(.init(bits: 6, integer: 0)))?.description   // ufixed<6,0,RND_CONV,SAT,0>
    /// ```
    public init?(activationQuantizer quantizer: Quantizer) {
        var signed = true
        var saturation = "SAT"
        let bits: Int
        var integer: Int
        switch quantizer {
        case .bits(let q):
            (bits, integer) = (q.bits, q.integer + 1)
        case .relu(let q):
            (bits, integer) = (q.bits, q.integer + 1)
            if q.negativeSlope == 0 { (signed, integer) = (false, integer - 1) }
        case .powerOfTwo(let q):
            // po2 configurations have no `integer`: hls4ml's default (bits − 1) + 1.
            (bits, integer) = (q.bits, q.bits)
            if q.isReLU, q.negativeSlope == 0 { (signed, integer) = (false, integer - 1) }
        case .tanh(let width, let symmetric, _):
            (bits, integer) = (width, 1)
            if symmetric { saturation = "SAT_SYM" }
        case .sigmoid(let width, _, _):
            (bits, integer, signed) = (width, 0, false)
        case .binary, .ternary:
            self = .fixed(FixedPoint(width: 2, integerBits: 2, isInteger: true))
            return
        case .integer, .bipolar, .truncation:
            return nil
        }
        guard bits > integer else {
            self = .fixed(FixedPoint(width: integer, integerBits: integer, isSigned: signed, isInteger: true))
            return
        }
        self = .fixed(FixedPoint(width: bits, integerBits: integer, isSigned: signed, rounding: "RND_CONV", saturation: saturation, saturationBits: 0))
    }

    /// hls4ml's spelling of a type its Python side built, where every mode is written out:
    /// `fixed<6,1,TRN,WRAP,0>` (`FixedPrecisionType.__str__`); integer types stay `int<4>`.
    public var withModesSpelledOut: Precision {
        guard case .fixed(var type) = self, !type.isInteger else { return self }
        type.rounding = type.rounding ?? "TRN"
        type.saturation = type.saturation ?? "WRAP"
        type.saturationBits = type.saturationBits ?? 0
        return .fixed(type)
    }
}

extension Activation {
    /// The suffix of the layer hls4ml splits this activation into (`fc1_relu`): the Keras name, or
    /// for a QKeras quantizer its class name (`wide_quantized_relu`).
    public var splitLayerSuffix: String {
        if case .quantized(let quantizer) = self { return quantizer.className }
        return kerasName
    }
}
