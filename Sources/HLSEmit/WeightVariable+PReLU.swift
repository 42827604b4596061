import HLSConfig
import ModelIR

extension WeightVariable {
    /// A PReLU's alpha as hls4ml 1.3.0 writes it: `a<index>`, of type `<layer>_param_t`, whose
    /// precision — which decides the decimals written — is the configured `param` one or, when that
    /// is `auto`, the type of the layer's input (hls4ml's `infer_precision` gives PReLU its input's
    /// type). That input type is followed through configured results, `auto` inputs (the model
    /// default) and `auto` Dense results (``Precision/FixedPoint/inferredAccumulator(input:weight:bias:operations:maximum:)``).
    ///
    /// - Throws: ``EmitError`` naming the layer when the input's type comes from a layer whose
    ///   inference is not mirrored here.
    static func preluAlpha(of layer: Layer, in graph: Graph, index: Int, hlsName: String, hlsClass: String,
                           types: ConfigurationResolver) throws -> WeightVariable {
        let alpha = layer.weights[0].tensor
        let type = try types.type(of: "param", layer: hlsName, className: hlsClass)
        var precision = type.precision
        if type.configured == .unspecified, let input = layer.inputs.first {
            precision = .fixed(try inferredResult(of: input, in: graph, types: types, for: layer.name))
        }
        return WeightVariable(name: "a\(index)", typeName: type.typeName, precision: precision, shape: alpha.shape, data: alpha.values,
                              transposed: false)
    }

    /// The precision hls4ml's firmware gives the result of the layer called `name`.
    private static func inferredResult(of name: String, in graph: Graph, types: ConfigurationResolver, for prelu: String) throws -> Precision.FixedPoint {
        guard let layer = graph.layer(named: name) else { throw EmitError(layer: prelu, "its input '\(name)' is not a layer") }
        let result = try types.type(of: "result", layer: layer.name, className: layer.className)
        func fixedPoint(_ precision: Precision, _ role: String) throws -> Precision.FixedPoint {
            guard case .fixed(let type) = precision else {
                throw EmitError(layer: prelu, "the \(role) type \(precision) of '\(layer.name)' is not fixed-point, so hls4ml's type for the PReLU is not known")
            }
            return type
        }
        if result.configured != .unspecified { return try fixedPoint(result.configured, "result") }
        switch layer.kind {
        case .input:
            return try fixedPoint(types.modelDefault, "default")
        case .dense where layer.activation == nil || layer.activation == .linear:
            let kernel = layer.weights[0].tensor
            let weight = try types.type(of: "weight", layer: layer.name, className: layer.className, index: 0, quantizer: layer.weightQuantizers["kernel"])
            let bias = layer.weight("bias") == nil
                ? .fixed(.init(width: 1, integerBits: 1, isSigned: false, isInteger: true))  // hls4ml's zero ap_uint<1> bias
                : try types.type(of: "bias", layer: layer.name, className: layer.className, index: 0, quantizer: layer.weightQuantizers["bias"]).precision
            var maximum: Precision.FixedPoint?
            if let text = types.configuration.model.precision["maximum"] { maximum = try fixedPoint(Precision(text) ?? .unspecified, "maximum") }
            return .inferredAccumulator(input: try inferredResult(of: layer.inputs[0], in: graph, types: types, for: prelu),
                                        weight: try fixedPoint(weight.precision, "weight"), bias: try fixedPoint(bias, "bias"),
                                        operations: kernel.shape[0], maximum: maximum)
        default:
            throw EmitError(layer: prelu, "the type hls4ml infers for the output of '\(layer.name)' (\(layer.className)), which the PReLU's alpha takes, is not mirrored yet; give LayerName.\(prelu).Precision.param")
        }
    }
}
