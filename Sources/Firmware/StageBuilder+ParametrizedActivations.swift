import FixedPoint
import Foundation
import HLSConfig
import ModelIR

extension StageBuilder {
    /// The activations of hls4ml's `ParametrizedActivation`, `PReLU` and `HardActivation` classes
    /// and its lookup-table `softplus`, `softsign` and `selu`, for a layer `name` reading `source`.
    mutating func addFurtherActivation(_ activation: Activation, name: String, className: String, after source: String) throws {
        switch activation {
        case .softplus, .softsign:
            try addLookupTable(activation == .softplus ? .softplus : .softsign, name: name, className: className, after: source)
        case .elu(let alpha):
            try addExponentialLinear(name: name, alpha: .decimal(alpha), after: source)
        case .selu:
            try addExponentialLinear(name: name, alpha: nil, after: source)
        case .hardSigmoid:
            // hls4ml's HardActivation has slope 0.2 and shift 0.5 whatever the Keras version (Keras 3's
            // hard sigmoid has slope 1/6); the slope is an ap_ufixed<16,0>, the shift an ap_ufixed<2,0>.
            try addHardActivation(name: name, slope: (0.2, 16), shift: 0.5, isTanh: false, after: source)
        case .leakyReLU(let slope):
            try addParametrizedReLU(name: name, slope: .decimal(slope), threshold: nil, after: source)
        case .quantized(let quantizer):
            try addQuantizedActivation(quantizer, name: name, after: source)
        default:
            throw FirmwareError(layer: name, "the activation \(activation.kerasName) is not emulated yet (emulated: linear, relu, sigmoid, tanh, "
                                + "softmax, softplus, softsign, elu, selu, hard_sigmoid, leaky_relu)")
        }
    }

    /// A table activation (`nnet::sigmoid`, `tanh`, `softplus`, `softsign`).
    mutating func addLookupTable(_ function: LookupTableStage.Function, name: String, className: String, after source: String) throws {
        let (input, output) = try types(name: name, className: className, after: source)
        let tableFormat = try table("table", name: name, className: className)
        let size = try checkedTableSize(name: name, className: className, input: input)
        append(LookupTableStage(name: name, input: input, output: output, function: function, tableFormat: tableFormat,
                                table: function.table(size: size, format: tableFormat)),
               for: name, after: source, automatic: false)
    }

    /// `LeakyReLU` (a slope) or `ThresholdedReLU` (a threshold): hls4ml's `ParametrizedActivation`
    /// with `param` as its argument, in `param_t`, which `auto` makes the smallest type holding the
    /// slope (at most 8 bits besides the sign), or the input's type for the threshold.
    mutating func addParametrizedReLU(name: String, slope: Double?, threshold: Double?, after source: String) throws {
        let className = "ParametrizedActivation"
        let (input, output) = try types(name: name, className: className, after: source)
        let parameterValue = slope ?? threshold ?? 0
        let parameter = try parameterType(name: name, className: className) ?? (slope != nil ? InferredTypes.constant(parameterValue, layer: name) : input)
        let raw = FixedPointValue(parameterValue, as: parameter).raw
        if slope != nil {
            try requireProduct(of: input, and: parameter, layer: name)
        } else {
            try requireSum(of: input, and: parameter, layer: name)
        }
        append(ParametrizedReLUStage(name: name, input: input, output: output, parameter: parameter,
                                     rule: slope != nil ? .leaky(alpha: raw) : .thresholded(theta: raw)),
               for: name, after: source, automatic: false)
    }

    /// `PReLU`: one slope per value, the `a<index>` array hls4ml writes.
    mutating func addPReLU(_ layer: Layer) throws {
        let source = layer.inputs[0]
        guard let index = numbering.index[layer.name] else { throw FirmwareError(layer: layer.name, "its input has no type") }
        let (input, output) = try types(name: layer.name, className: "PReLU", after: source)
        let alphas = try loaded("a\(index)", layer: layer.name)
        let count = graph.layer(named: source)?.outputShape.reduce(1, *) ?? 0
        guard alphas.raw.count == count else {
            throw FirmwareError(layer: layer.name, "a PReLU with shared axes is not emulated (hls4ml reads one slope per value)")
        }
        try requireProduct(of: input, and: alphas.format, layer: layer.name)
        append(ParametrizedReLUStage(name: layer.name, input: input, output: output, parameter: alphas.format, rule: .parametric(alphas: alphas.raw)),
               for: layer.name, after: source, automatic: false)
    }

    /// `nnet::elu` (hls4ml's `ELU`, a `ParametrizedActivation` with `alpha`) or `nnet::selu` (an
    /// `Activation`, `alpha` nil).
    private mutating func addExponentialLinear(name: String, alpha: Double?, after source: String) throws {
        let className = alpha == nil ? "Activation" : "ParametrizedActivation"
        let (input, output) = try types(name: name, className: className, after: source)
        let tableFormat = try table("table", name: name, className: className)
        var function = ExponentialLinearStage.Function.selu
        if alpha == nil { try requireProduct(of: input, and: ExponentialLinearStage.Function.seluScaleFormat, layer: name) }
        if let alpha {
            let parameter = try parameterType(name: name, className: className) ?? InferredTypes.constant(alpha, layer: name)
            try requireProduct(of: tableFormat, and: parameter, layer: name)
            function = .elu(alpha: FixedPointValue(alpha, as: parameter).raw, parameter: parameter)
        }
        let size = try checkedTableSize(name: name, className: className, input: input)
        append(ExponentialLinearStage(name: name, input: input, output: output, function: function, tableFormat: tableFormat,
                                      table: function.table(size: size, format: tableFormat)),
               for: name, after: source, automatic: false)
    }

    /// hls4ml's `HardActivation`: `slope` in an `ap_ufixed<bits,0>`, `shift` in an `ap_ufixed<2,0>`.
    mutating func addHardActivation(name: String, slope: (value: Double, bits: Int), shift: Double, isTanh: Bool, after source: String) throws {
        let (input, output) = try types(name: name, className: "HardActivation", after: source)
        let slopeFormat = try FixedPointFormat(width: slope.bits, integerBits: 0, isSigned: false)
        let shiftFormat = try FixedPointFormat(width: 2, integerBits: 0, isSigned: false)
        // The stage aligns slope · x (slope.bits + x's fraction bits) with the shift's 2 fraction bits.
        let productFractionBits = slope.bits + input.fractionBits
        let productShift = max(0, 2 - productFractionBits)
        guard input.width + slope.bits + productShift < 120, productFractionBits <= 120 else {
            throw FirmwareError(layer: name, "the input type \(input) is too wide to emulate")
        }
        append(HardActivationStage(name: name, input: input, output: output, slope: FixedPointValue(slope.value, as: slopeFormat),
                                   shift: FixedPointValue(shift, as: shiftFormat), isTanh: isTanh),
               for: name, after: source, automatic: false)
    }

    /// The input's format and the configured result type (the model default for `auto`).
    private func types(name: String, className: String, after source: String) throws -> (input: FixedPointFormat, output: FixedPointFormat) {
        guard let input = formats[source] else { throw FirmwareError(layer: name, "its input has no type") }
        return (input, try resolver.type(of: "result", layer: name, className: className).precision.format(layer: name, variable: "result"))
    }

    /// The configured `param_t`, or `nil` for `auto`.
    private func parameterType(name: String, className: String) throws -> FixedPointFormat? {
        try configured("param", layer: name, className: className)
    }
}

extension Double {
    /// The double of `value`'s shortest decimal spelling (`0.3` for the float nearest 0.3): the
    /// Python float a Keras configuration holds for a layer argument, which hls4ml writes into the
    /// generated code as a literal.
    static func decimal(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }
}
