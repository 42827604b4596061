import ONNXProto

/// The names and classes hls4ml gives an ONNX model's layers, which its configuration
/// (`config_from_onnx_model`) is keyed by.
///
/// hls4ml reads ONNX only after qonnx's clean-up (behaviour doc §5.1), which renames every node
/// `<OpType>_<n>` (counted per op type in graph order), the graph input `global_in` and each
/// initializer `<node>_param<j>` (its j-th constant input), after `GemmToMatMul` has split each
/// Gemm into a MatMul and an Add. We mirror that for the graphs hls4ml takes without further
/// qonnx rewriting: one input, and only Gemm (alpha = beta = 1, no transA), MatMul, element-wise
/// Add/Sub/Mul/Div/Max/Min/Sum and the activations Relu, Sigmoid, Tanh, Softplus, Softsign, Selu,
/// Elu and Softmax. Convolutions need qonnx's channels-last conversion first (hls4ml refuses them
/// otherwise); other graphs get `nil`.
public struct HLS4MLONNXNames: Sendable {
    /// hls4ml's layers in order: the input, the constants, the nodes.
    public var layers: [(name: String, className: String)]
    /// For each IR Dense layer: the MatMul whose configuration it takes, and the constants
    /// holding its kernel and bias.
    public var dense: [String: (layer: String, weight: String, bias: String?)]

    /// The layer hls4ml writes each IR Dense layer's weights as: `Dense_<MatMul>`, made by
    /// `matmul_const_to_dense` from the MatMul (whose configuration entry it copies), and its graph
    /// index, which names the files (`w<index>.h`). hls4ml numbers the parsed layers (input,
    /// constants, nodes) 1, 2, …, then every Add/Sub/Mul with a constant becomes an `ApplyAlpha`
    /// with the next indices (`merge_to_apply_alpha` runs first), then each constant MatMul a Dense,
    /// in graph order; a bias ApplyAlpha is then folded into its Dense.
    public var denseLayers: [String: (name: String, index: Int)] {
        let merges = Set(layers.filter { $0.className == "Merge" }.map(\.name))
        let alphaNodes = Set(layers.filter { $0.className == "Constant" }.compactMap { constant -> String? in
            guard let range = constant.name.range(of: "_param", options: .backwards) else { return nil }
            let node = String(constant.name[..<range.lowerBound])
            return merges.contains(node) && ["Add_", "Sub_", "Mul_"].contains(where: node.hasPrefix) ? node : nil
        })
        let matMuls = layers.map(\.name).filter { name in dense.values.contains { $0.layer == name } }
        var result: [String: (name: String, index: Int)] = [:]
        for (layer, entry) in dense {
            guard let position = matMuls.firstIndex(of: entry.layer) else { continue }
            result[layer] = ("Dense_\(entry.layer)", layers.count + alphaNodes.count + position + 1)
        }
        return result
    }

    private static let classes: [String: String] = [
        "MatMul": "MatMul",
        "Add": "Merge", "Sub": "Merge", "Mul": "Merge", "Div": "Merge", "Max": "Merge", "Min": "Merge", "Sum": "Merge",
        "Relu": "Activation", "Sigmoid": "Activation", "Tanh": "Activation", "Softplus": "Activation", "Softsign": "Activation",
        "Selu": "Activation", "Elu": "ELU", "Softmax": "Softmax",
    ]

    public init?(_ model: ONNXModel) {
        let graph = model.proto.graph
        let constants = Set(graph.initializer.map(\.name))
        let inputs = graph.input.filter { !constants.contains($0.name) }
        guard inputs.count == 1 else { return nil }
        // The nodes after GemmToMatMul: op type and inputs.
        var nodes: [(opType: String, inputs: [String])] = []
        for node in graph.node {
            if node.opType == "Gemm" {
                func value(_ name: String, _ fallback: Float) -> Float { node.attribute.first { $0.name == name }?.f ?? fallback }
                guard value("alpha", 1) == 1, value("beta", 1) == 1, (node.attribute.first { $0.name == "transA" }?.i ?? 0) == 0,
                      node.input.count >= 2 else { return nil }
                nodes.append(("MatMul", Array(node.input.prefix(2))))
                if !node.inputName(2).isEmpty { nodes.append(("Add", ["", node.inputName(2)])) }
                continue
            }
            guard Self.classes[node.opType] != nil, node.input.contains(where: { !constants.contains($0) }) else { return nil }
            nodes.append((node.opType, node.input))
        }
        var counts: [String: Int] = [:]
        var nodeLayers: [(name: String, className: String)] = []
        var constantNames: [String: String] = [:]
        var constantLayers: [(name: String, className: String)] = []
        var consumers: [String: String] = [:]
        for node in nodes {
            let name = "\(node.opType)_\(counts[node.opType, default: 0])"
            counts[node.opType, default: 0] += 1
            nodeLayers.append((name, Self.classes[node.opType]!))
            var position = 0
            for input in node.inputs where constants.contains(input) {
                if constantNames[input] == nil {
                    constantNames[input] = "\(name)_param\(position)"
                    constantLayers.append((constantNames[input]!, "Constant"))
                    consumers[input] = name
                }
                position += 1
            }
        }
        layers = [("global_in", "InputLayer")] + constantLayers + nodeLayers
        dense = [:]
        for (layer, weights) in model.bindings {
            guard let kernel = weights["kernel"]?.initializer, let weight = constantNames[kernel], let matMul = consumers[kernel] else { continue }
            dense[layer] = (matMul, weight, weights["bias"].flatMap { constantNames[$0.initializer] })
        }
    }
}
