import Foundation
import ModelIR
import ONNXProto

/// Turns an ONNX graph into IR layers, node by node, fusing the patterns exporters emit for one
/// Keras-style layer (MatMul + Add, Mul + Add, x·Sigmoid(x), Mul-Add-Min-Max).
///
/// This file holds the builder's state, ``build()`` and the dispatch of each node to the reader of
/// its op family; the readers are in `ONNXGraphBuilder+<Family>.swift`, the value and layout
/// bookkeeping in `ONNXGraphBuilder+Layout.swift`. The state is internal, not private, so that
/// those extensions can reach it.
struct ONNXGraphBuilder {
    let proto: Onnx_ModelProto
    /// The graph's nodes, checked and sorted by ``ONNXGraphValidator``.
    let nodes: [Onnx_NodeProto]
    let file: String
    let decoding: TensorDecoding

    /// Constant tensors by value name: initializers and Constant nodes.
    var constants: [String: (shape: [Int], values: [Float])] = [:]
    /// The IR layer that produces each computed value.
    var producer: [String: String] = [:]
    /// How many nodes read each value.
    var readers: [String: [Int]] = [:]
    var layers: [Layer] = []
    /// Each IR layer's output shape, checked as layers are added.
    var shapes: [String: [Int]] = [:]
    var names = Set<String>()
    var consumed = Set<Int>()
    var bindings: [String: [String: WeightBinding]] = [:]
    /// Every graph input has a fixed batch dimension of 1 (keras2onnx's exports): Reshape and
    /// Flatten may then spell the batch as 1. The batch is read as free all the same.
    var hasBatchOfOne = false
    /// What the reader assumed, for `inspect` (``ONNXModel/notes``).
    var notes: [String] = []
    /// Constants made by QONNX quantization nodes, by value name.
    var quantizedConstants: [String: QuantizedConstant] = [:]
    /// The node being read is one of qonnx's channels-last ops: its values are (batch, …, channels).
    var readsChannelsLast = false
    /// The IR layout a spatial op (Conv, pooling, BatchNormalization) reads and writes: channels-last
    /// IR values are ONNX's own for qonnx's channels-last ops, a conversion for standard (NCHW) ones.
    var spatialLayout: Layout { readsChannelsLast ? .asIs : .channelsLast }

    /// How the IR holds an ONNX value with channels (rank ≥ 3 with the batch): in ONNX's own axis
    /// order, or channels-last (the IR's convolution layout) for a channels-first (NCHW) value.
    enum Layout { case asIs, channelsLast }
    /// The layout of each value's IR producer; values not listed are as-is.
    var layouts: [String: Layout] = [:]
    /// Permute layers already made to change a value's layout, by value and target layout.
    var converted: [String: String] = [:]
    /// For IR layers that are Permutes: their input and dims, so that a conversion back reuses the input.
    var permutes: [String: (input: String, dims: [Int])] = [:]

    /// A builder of `proto`'s graph; throws what ``ONNXGraphValidator`` finds wrong with it.
    init(proto: Onnx_ModelProto, file: String, decoding: TensorDecoding) throws {
        self.proto = proto
        self.nodes = try ONNXGraphValidator(graph: proto.graph, file: file).sortedNodes()
        self.file = file
        self.decoding = decoding
    }

    func fail(_ node: Onnx_NodeProto, _ message: String) -> ONNXError {
        ONNXError(file: file, node: ONNXGraphValidator.describe(node, at: proto.graph.node.firstIndex(of: node)), message)
    }

    /// The error for an op no reader supports.
    func unsupported(_ node: Onnx_NodeProto) -> ONNXError {
        fail(node, ONNXUnsupportedOp.message(domain: node.domain, op: node.opType))
    }

    mutating func build() throws -> ONNXModel {
        for tensor in proto.graph.initializer {
            let decoded = try decoding.values(of: tensor)
            constants[tensor.name] = (decoded.shape, decoded.values)
        }
        for (index, node) in nodes.enumerated() {
            for input in node.input where !input.isEmpty { readers[input, default: []].append(index) }
        }
        var inputs: [String] = []
        var fixedBatches: [String] = []
        for value in proto.graph.input where constants[value.name] == nil {
            let dims = value.type.tensorType.shape.dim
            guard dims.count >= 2 else { throw ONNXError(file: file, node: "input \(value.name)", "needs a batch dimension and at least one more") }
            let shape = try dims.dropFirst().map { dimension -> Int in
                guard case .dimValue(let size)? = dimension.value, size > 0 else {
                    throw ONNXError(file: file, node: "input \(value.name)", "has a symbolic or unknown dimension after the batch; give it a size")
                }
                return Int(size)
            }
            if case .dimValue(let batch)? = dims[0].value { fixedBatches.append("\(value.name) (\(batch))") }
            let name = unique(value.name)
            layers.append(Layer(name: name, className: "InputLayer", kind: .input(shape: shape), inputs: []))
            shapes[name] = shape
            producer[value.name] = name
            inputs.append(name)
        }
        if !fixedBatches.isEmpty {
            hasBatchOfOne = proto.graph.input.allSatisfy { constants[$0.name] != nil || $0.type.tensorType.shape.dim.first?.dimValue == 1 }
            notes.append("the graph fixes the batch size of input \(fixedBatches.joined(separator: ", ")); it is read as a free batch dimension")
        }
        for index in nodes.indices where !consumed.contains(index) {
            try read(index)
        }
        var outputs: [String] = []
        for value in proto.graph.output {
            guard producer[value.name] != nil else { throw ONNXError(file: file, node: "output \(value.name)", "is not computed by any supported node") }
            var outputNode = Onnx_NodeProto()
            outputNode.name = "output \(value.name)"
            outputs.append(try source(value.name, in: .asIs, of: outputNode))
        }
        // Layers nothing reads any more (a Transpose whose Permute cancelled ours) are dropped.
        var needed = Set(outputs + inputs)
        for layer in layers.reversed() where needed.contains(layer.name) { needed.formUnion(layer.inputs) }
        let graph: Graph
        do {
            graph = try Graph(name: proto.graph.name, layers: layers.filter { needed.contains($0.name) }, inputs: inputs, outputs: outputs)
        } catch {
            throw ONNXError(file: file, "\(error)")
        }
        return ONNXModel(proto: proto, graph: graph, path: file, bindings: bindings, notes: notes)
    }

    mutating func unique(_ base: String) -> String {
        var name = base.isEmpty ? "node" : base
        var counter = 1
        while names.contains(name) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        names.insert(name)
        return name
    }

    /// The values of an integer constant (shape, axes, pads, whole scales) as `Int`; a value that
    /// is not a whole number within ±2^31 is an error naming the node.
    func integers(_ values: [Float], of node: Onnx_NodeProto) throws -> [Int] {
        try values.map { value in
            guard value == value.rounded(), abs(value) <= Float(Int32.max) else {
                throw fail(node, "needs whole numbers within ±2^31 in its constant input, not \(value)")
            }
            return Int(value)
        }
    }

    func attribute(_ node: Onnx_NodeProto, _ name: String) -> Onnx_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    /// The node that alone reads `value`, if exactly one does.
    func onlyReader(of value: String) -> Int? {
        guard let list = readers[value], list.count == 1, !proto.graph.output.contains(where: { $0.name == value }) else { return nil }
        return list[0]
    }

    /// Adds a layer reading `input` in `layout` (its current one when `nil`) and producing `output`
    /// in that layout.
    mutating func add(_ node: Onnx_NodeProto, className: String, kind: LayerKind, input: String, output: String,
                      weights: [Weight] = [], activation: Activation? = nil, layout: Layout? = nil) throws {
        let wanted = layout ?? layouts[input] ?? .asIs
        let inputLayer = try source(input, in: wanted, of: node)
        let name = unique(node.name.isEmpty ? output : node.name)
        var layer = Layer(name: name, className: className, kind: kind, inputs: [inputLayer], activation: activation)
        layer.weights = weights
        try append(layer, for: node)
        producer[output] = name
        layouts[output] = wanted
    }

    /// Adds a layer after checking it against its inputs' shapes.
    mutating func append(_ layer: Layer, for node: Onnx_NodeProto) throws {
        do {
            shapes[layer.name] = try layer.outputShape(forInputs: layer.inputs.map { shapes[$0] ?? [] })
        } catch {
            throw fail(node, "\(error)")
        }
        layers.append(layer)
    }

    /// Reads the node at `index` (and any later nodes it fuses with) with the reader of its op family.
    private mutating func read(_ index: Int) throws {
        let node = nodes[index]
        readsChannelsLast = node.domain == ONNXOpSchema.channelsLastDomain
        if ONNXOpSchema.quantizationDomains.contains(node.domain) { return try readQuantization(node) }
        switch node.opType {
        case "MatMul", "Gemm": try readDense(index)
        case "Add", "Sub", "Mul": try readElementwise(index)
        case "Mean", "Max", "Min", "Concat": try readMerge(node)
        case "Relu", "Sigmoid", "Tanh", "Softplus", "Softsign", "Elu", "Selu", "HardSigmoid", "LeakyRelu", "Softmax", "PRelu":
            try readActivation(index)
        case "BatchNormalization": try readBatchNormalization(node)
        case "Conv": try readConvolution(node)
        case "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax": try readPooling(node)
        case "Pad": try readPad(node)
        case "Resize", "Upsample", "Split": try readUpSampling(index)
        case "Identity", "Dropout", "Transpose", "Flatten", "Reshape", "Squeeze", "Unsqueeze": try readShape(node)
        case "Constant": try readConstant(node)
        default: throw unsupported(node)
        }
    }

    /// A Constant node: its tensor joins the constants (no layer).
    private mutating func readConstant(_ node: Onnx_NodeProto) throws {
        guard let value = attribute(node, "value"), value.hasT else { throw fail(node, "Constant without a tensor value") }
        let decoded = try decoding.values(of: value.t)
        constants[node.outputName(0)] = (decoded.shape, decoded.values)
    }
}

extension Onnx_NodeProto {
    /// The name of input `position`, or `""` (ONNX's "no value") when the node lists fewer;
    /// ``ONNXGraphValidator`` has checked each op's arity, so readers never get `""` for a
    /// required input, and an empty name is a value no layer produces.
    func inputName(_ position: Int) -> String { input.indices.contains(position) ? input[position] : "" }

    /// The name of output `position`, or `""` when the node lists fewer.
    func outputName(_ position: Int) -> String { output.indices.contains(position) ? output[position] : "" }
}
