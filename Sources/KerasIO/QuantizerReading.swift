import ModelIR

extension QuantizerCall {
    /// The IR quantizer, after refusing what the forward pass does not reproduce (stochastic
    /// rounding, `qnoise_factor` ≠ 1, an explicit `scale_axis`, floor log-rounding, unquantized clips).
    ///
    /// - Parameter isActivation: activation quantizers may not fit an `auto` scale (QKeras would fit
    ///   it over the whole batch, so one sample's output would depend on the others).
    func quantizer(isActivation: Bool, fail: (String) -> ConfigError) throws -> Quantizer {
        try withoutActuallyEscaping(fail) { fail in try checkedQuantizer(isActivation: isActivation, fail: fail) }
    }

    private func checkedQuantizer(isActivation: Bool, fail: @escaping (String) -> ConfigError) throws -> Quantizer {
        guard let order = Self.parameterOrder[className] else {
            throw fail(Self.unsupportedClassMessage(className))
        }
        let read = ArgumentReader(call: self, fail: fail)
        for key in arguments.keys where !order.contains(key) && !["name", "trainable", "dtype", "post_training_scale"].contains(key) {
            throw fail("quantizer \(className) has an unknown parameter '\(key)'")
        }
        if try read.flag("use_stochastic_rounding", default: false) { throw fail("\(className) with use_stochastic_rounding is not supported") }
        if let noise = try read.optionalNumber("qnoise_factor"), noise != 1 { throw fail("\(className) with qnoise_factor \(noise) is not supported, only 1") }
        if arguments["scale_axis"].map({ !$0.isNull }) == true { throw fail("\(className) with an explicit scale_axis is not supported") }
        if try read.text("log2_rounding", default: "rnd") != "rnd" { throw fail("\(className) with log2_rounding other than 'rnd' is not supported") }
        let clipsToGrid = try read.flag("is_quantized_clip", default: true)
        if arguments["post_training_scale"].map({ !$0.isNull }) == true { throw fail("\(className) with a post_training_scale is not supported") }
        if arguments["relu_upper_bound"].map({ !$0.isNull }) == true || !clipsToGrid {
            throw fail("quantized_relu with relu_upper_bound or is_quantized_clip=False is not supported")
        }
        let quantizer = try build(read)
        if isActivation, quantizer.fitsScaleToData { throw fail("activation quantizer \(quantizer) fits its alpha to the batch; only constant alphas are supported for activations") }
        return quantizer
    }

    private func build(_ read: ArgumentReader) throws -> Quantizer {
        switch className {
        case "quantized_bits":
            let scale = try read.scale()
            let bits = try read.integer("bits", default: 8)
            let keepsNegative = try read.flag("keep_negative", default: true)
            guard bits >= 1, bits - (keepsNegative ? 1 : 0) >= 0, bits <= 32 else { throw read.fail("quantized_bits needs 1 to 32 bits, not \(bits)") }
            return .bits(BitsQuantizer(bits: bits, integer: try read.integer("integer", default: 0),
                                       isSymmetric: try scale.map { !$0.isConstant } ?? false || read.flag("symmetric", default: false),
                                       keepsNegative: keepsNegative, scale: scale))
        case "quantized_relu":
            let slope = try read.number("negative_slope", default: 0)
            guard slope == 0 || (slope > 0 && Float(slope).significandBitPattern == 0) else {
                throw read.fail("quantized_relu's negative_slope must be 0 or a power of two, not \(slope)")
            }
            return .relu(ReLUQuantizer(bits: try read.integer("bits", default: 8, range: 1...32), integer: try read.integer("integer", default: 0),
                                       usesSigmoid: try read.flag("use_sigmoid", default: false), negativeSlope: Float(slope)))
        case "quantized_tanh":
            return .tanh(bits: try read.integer("bits", default: 8, range: 1...32), symmetric: try read.flag("symmetric", default: false),
                         usesRealTanh: try read.flag("use_real_tanh", default: false))
        case "quantized_sigmoid":
            return .sigmoid(bits: try read.integer("bits", default: 8, range: 1...32), symmetric: try read.flag("symmetric", default: false),
                            usesRealSigmoid: try read.flag("use_real_sigmoid", default: false))
        case "quantized_po2", "quantized_relu_po2":
            let maxValue = try read.optionalNumber("max_value").map(Float.init)
            if let maxValue, maxValue < 0 { throw read.fail("\(className)'s max_value must not be negative") }
            return .powerOfTwo(PowerOfTwoQuantizer(bits: try read.integer("bits", default: 8, range: 2...16), maxValue: maxValue,
                                                   isReLU: className == "quantized_relu_po2",
                                                   negativeSlope: Float(try read.number("negative_slope", default: 0)),
                                                   usesQuadraticApproximation: try read.flag("quadratic_approximation", default: false)))
        case "binary":
            return .binary(usesZeroOne: try read.flag("use_01", default: false), scale: try read.scale())
        default:  // ternary
            let scale = try read.scale()
            if let scale, !scale.isConstant { throw read.fail("ternary with alpha \(scale) is not supported, only a constant or None") }
            return .ternary(scale: scale, threshold: try read.optionalNumber("threshold").map(Float.init))
        }
    }
}

extension Quantizer {
    /// Whether the quantizer fits a scale (`alpha='auto'` or `'auto_po2'`) to the tensor it quantizes.
    fileprivate var fitsScaleToData: Bool {
        switch self {
        case .bits(let q): q.scale.map { !$0.isConstant } ?? false
        case .binary(_, let scale), .ternary(let scale, _): scale.map { !$0.isConstant } ?? false
        default: false
        }
    }
}

/// Typed access to a quantizer's arguments, with errors naming the quantizer and the parameter.
private struct ArgumentReader {
    let call: QuantizerCall
    let fail: (String) -> ConfigError

    func number(_ key: String, default fallback: Double) throws -> Double {
        try optionalNumber(key) ?? fallback
    }

    func optionalNumber(_ key: String) throws -> Double? {
        guard let value = call.arguments[key], !value.isNull else { return nil }
        if let flag = value.bool { return flag ? 1 : 0 }
        guard let number = value.number, number.isFinite else { throw fail("\(call.className)'s \(key) must be a number, not \(value)") }
        return number
    }

    func integer(_ key: String, default fallback: Int, range: ClosedRange<Int> = -64...64) throws -> Int {
        let value = try number(key, default: Double(fallback))
        guard value == value.rounded(), range.contains(Int(value)) else {
            throw fail("\(call.className)'s \(key) must be an integer in \(range.lowerBound)...\(range.upperBound), not \(value)")
        }
        return Int(value)
    }

    func flag(_ key: String, default fallback: Bool) throws -> Bool {
        try number(key, default: fallback ? 1 : 0) != 0
    }

    func text(_ key: String, default fallback: String) throws -> String {
        guard let value = call.arguments[key], !value.isNull else { return fallback }
        guard let text = value.string else { throw fail("\(call.className)'s \(key) must be a string, not \(value)") }
        return text
    }

    /// `alpha`: None, a number, "auto" or "auto_po2".
    func scale() throws -> QuantizerScale? {
        guard let value = call.arguments["alpha"], !value.isNull else { return nil }
        switch value {
        case .string("auto"): return .auto
        case .string("auto_po2"): return .autoPowerOfTwo
        case .number(let number) where number.isFinite: return .constant(Float(number))
        default: throw fail("\(call.className)'s alpha \(value) is not supported; expected None, a number, 'auto' or 'auto_po2'")
        }
    }
}

extension Quantizer {
    /// Reads a QKeras quantizer as written in a model configuration: an expression such as
    /// `"quantized_relu(6,2)"` or `"quantized_bits(8,0,alpha='auto_po2')"`.
    ///
    /// ```swift
    /// let q = try Quantizer(qkerasExpression: "quantized_bits(6,0,alpha=1)")   // .bits(6 bits, 0 integer)
    /// ```
    /// - Throws: ``KerasIOError`` naming the expression and what was expected.
    public init(qkerasExpression expression: String, isActivation: Bool = false) throws {
        let fail = { (message: String) in ConfigError(message) }
        do {
            self = try QuantizerCall(parsing: expression, fail: fail).quantizer(isActivation: isActivation, fail: fail)
        } catch let error as ConfigError {
            throw KerasIOError(file: "quantizer \"\(expression)\"", error.message)
        }
    }
}
