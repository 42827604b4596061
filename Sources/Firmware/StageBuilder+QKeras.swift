import ModelIR

extension StageBuilder {
    /// The kernel `w<index>` of a Dense or convolution as its products use it. hls4ml writes `binary` (xnor)
    /// weights as 0 for −1 and 1 for +1 and multiplies with `weight_binary` (`w == 0 ? −x : x`),
    /// so those become −1 and +1 in an `ap_int<2>`; `isBinary` tells that they did.
    func denseWeights(of layer: Layer, index: Int) throws -> (weights: LoadedArray, isBinary: Bool) {
        let weights = try loaded("w\(index)", layer: layer.name)
        guard case .binary? = layer.weightQuantizers[layer.weights[0].name] else { return (weights, false) }
        return (LoadedArray(format: try .integer(width: 2), raw: weights.raw.map { $0 == 0 ? -1 : 1 }), true)
    }

    /// A QKeras activation quantizer (`QActivation`, or the activation of a `QDense`) as hls4ml's
    /// Keras 2 route converts it: `quantized_relu` to `relu` (with a negative slope to a
    /// `LeakyReLU`), `quantized_bits` to `linear`, `quantized_tanh` and `quantized_sigmoid` to
    /// hls4ml's hard tanh and hard sigmoid (slope 0.5 in an `ap_ufixed<2,0>`, shift 0.5), `binary` to
    /// `binary_tanh`, each writing the result type the configuration gives it (the quantizer's, in hls4ml's
    /// name-granularity configuration).
    mutating func addQuantizedActivation(_ quantizer: Quantizer, name: String, after source: String) throws {
        switch quantizer {
        case .relu(let relu) where !relu.usesSigmoid:
            if relu.negativeSlope == 0 { return try addActivation(.relu, name: name, className: "Activation", after: source) }
            try addParametrizedReLU(name: name, slope: .decimal(relu.negativeSlope), threshold: nil, after: source)
        case .bits(let bits) where bits.scale == nil || bits.scale == .constant(1):
            try addActivation(.linear, name: name, className: "Activation", after: source)
        case .tanh(_, _, usesRealTanh: false):
            try addHardActivation(name: name, slope: (0.5, 2), shift: 0.5, isTanh: true, after: source)
        case .sigmoid(_, _, usesRealSigmoid: false):
            try addHardActivation(name: name, slope: (0.5, 2), shift: 0.5, isTanh: false, after: source)
        case .binary(usesZeroOne: false, let scale) where scale == nil || scale == .constant(1):
            guard let input = formats[source] else { throw FirmwareError(layer: name, "its input has no type") }
            let output = try resolver.type(of: "result", layer: name, className: "Activation").precision.format(layer: name, variable: "result")
            append(BinaryTanhStage(name: name, input: input, output: output), for: name, after: source, automatic: false)
        default:
            throw FirmwareError(layer: name, "the QKeras activation \(quantizer) is not emulated yet (emulated: quantized_relu, "
                                + "quantized_bits with alpha 1, quantized_tanh, quantized_sigmoid, binary with alpha 1)")
        }
    }
}
