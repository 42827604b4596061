import ModelIR

extension StageBuilder {
    /// A QKeras activation quantizer (`QActivation`, or the activation of a `QDense`) as hls4ml's
    /// Keras 2 route converts it: `quantized_relu` to `relu` (with a negative slope to a
    /// `LeakyReLU`), `quantized_bits` to `linear`, `quantized_tanh` and `quantized_sigmoid` to
    /// hls4ml's hard tanh and hard sigmoid (slope 0.5 in an `ap_ufixed<2,0>`, shift 0.5), each
    /// writing the result type the configuration gives it (the quantizer's, in hls4ml's
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
        default:
            throw FirmwareError(layer: name, "the QKeras activation \(quantizer) is not emulated yet (emulated: quantized_relu, "
                                + "quantized_bits with alpha 1, quantized_tanh, quantized_sigmoid)")
        }
    }
}
