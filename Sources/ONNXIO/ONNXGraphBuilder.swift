import Foundation
import ModelIR
import ONNXProto

/// Turns an ONNX graph into IR layers, node by node, fusing the patterns exporters emit for one
/// Keras-style layer (MatMul + Add, Mul + Add, x·Sigmoid(x), Mul-Add-Min-Max).
struct ONNXGraphBuilder {
    let proto: Onnx_ModelProto
    let file: String
    let decoding: TensorDecoding

    /// Constant tensors by value name: initializers and Constant nodes.
    private var constants: [String: (shape: [Int], values: [Float])] = [:]
    /// The IR layer that produces each computed value.
    private var producer: [String: String] = [:]
    /// How many nodes read each value.
    private var readers: [String: [Int]] = [:]
    private var layers: [Layer] = []
    /// Each IR layer's output shape, checked as layers are added.
    private var shapes: [String: [Int]] = [:]
    private var names = Set<String>()
    private var consumed = Set<Int>()
    private var bindings: [String: [String: WeightBinding]] = [:]

    /// How the IR holds an ONNX value with channels (rank ≥ 3 with the batch): in ONNX's own axis
    /// order, or channels-last (the IR's convolution layout) for a channels-first (NCHW) value.
    enum Layout { case asIs, channelsLast }
    /// The layout of each value's IR producer; values not listed are as-is.
    private var layouts: [String: Layout] = [:]
    /// Permute layers already made to change a value's layout, by value and target layout.
    private var converted: [String: String] = [:]
    /// For IR layers that are Permutes: their input and dims, so that a conversion back reuses the input.
    private var permutes: [String: (input: String, dims: [Int])] = [:]

    init(proto: Onnx_ModelProto, file: String, decoding: TensorDecoding) {
        self.proto = proto
        self.file = file
        self.decoding = decoding
    }

    private var nodes: [Onnx_NodeProto] { proto.graph.node }

    private func fail(_ node: Onnx_NodeProto, _ message: String) -> ONNXError {
        ONNXError(file: file, node: "\(node.name.isEmpty ? node.output.first ?? "?" : node.name) (\(node.opType))", message)
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
        for value in proto.graph.input where constants[value.name] == nil {
            let dims = value.type.tensorType.shape.dim
            guard dims.count >= 2 else { throw ONNXError(file: file, node: "input \(value.name)", "needs a batch dimension and at least one more") }
            let shape = try dims.dropFirst().map { dimension -> Int in
                guard case .dimValue(let size)? = dimension.value, size > 0 else {
                    throw ONNXError(file: file, node: "input \(value.name)", "has a symbolic or unknown dimension after the batch; give it a size")
                }
                return Int(size)
            }
            let name = unique(value.name)
            layers.append(Layer(name: name, className: "InputLayer", kind: .input(shape: shape), inputs: []))
            shapes[name] = shape
            producer[value.name] = name
            inputs.append(name)
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
        return ONNXModel(proto: proto, graph: graph, path: file, bindings: bindings)
    }

    private mutating func unique(_ base: String) -> String {
        var name = base.isEmpty ? "node" : base
        var counter = 1
        while names.contains(name) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        names.insert(name)
        return name
    }

    private func source(_ value: String, of node: Onnx_NodeProto) throws -> String {
        guard let layer = producer[value] else { throw fail(node, "its input '\(value)' is not computed by a supported node") }
        return layer
    }

    /// The IR layer holding `value` in `layout`, adding a Permute layer when the layouts differ
    /// (and reusing the input of a Permute that did the opposite).
    private mutating func source(_ value: String, in layout: Layout, of node: Onnx_NodeProto) throws -> String {
        let current = try source(value, of: node)
        let have = layouts[value] ?? .asIs
        let rank = shapes[current]?.count ?? 0
        guard have != layout, rank >= 2 else { return current }
        let key = "\(value)→\(layout)"
        if let done = converted[key] { return done }
        // as-is (C, S…) → channels-last (S…, C): dims 2…r, 1; back: r, 1…r−1.
        let dims = layout == .channelsLast ? Array(2...rank) + [1] : [rank] + Array(1..<rank)
        if let previous = permutes[current], Self.inverse(previous.dims) == dims {
            converted[key] = previous.input
            return previous.input
        }
        let name = unique("\(current)/\(layout == .channelsLast ? "to_channels_last" : "to_channels_first")")
        try append(Layer(name: name, className: "Permute", kind: .permute(dims: dims), inputs: [current]), for: node)
        permutes[name] = (current, dims)
        converted[key] = name
        return name
    }

    private static func inverse(_ dims: [Int]) -> [Int] {
        var result = Array(repeating: 0, count: dims.count)
        for (position, axis) in dims.enumerated() { result[axis - 1] = position + 1 }
        return result
    }

    private func attribute(_ node: Onnx_NodeProto, _ name: String) -> Onnx_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    /// The node that alone reads `value`, if exactly one does.
    private func onlyReader(of value: String) -> Int? {
        guard let list = readers[value], list.count == 1, !proto.graph.output.contains(where: { $0.name == value }) else { return nil }
        return list[0]
    }

    /// Adds a layer reading `input` in `layout` (its current one when `nil`) and producing `output`
    /// in that layout.
    private mutating func add(_ node: Onnx_NodeProto, className: String, kind: LayerKind, input: String, output: String,
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
    private mutating func append(_ layer: Layer, for node: Onnx_NodeProto) throws {
        do {
            shapes[layer.name] = try layer.outputShape(forInputs: layer.inputs.map { shapes[$0] ?? [] })
        } catch {
            throw fail(node, "\(error)")
        }
        layers.append(layer)
    }

    /// The output shape of the layer producing `value`.
    private func shape(of value: String) throws -> [Int] {
        producer[value].flatMap { shapes[$0] } ?? []
    }

    private mutating func read(_ index: Int) throws {
        let node = nodes[index]
        switch node.opType {
        case "MatMul", "Gemm": try readDense(index)
        case "Relu": try activation(node, .relu)
        case "Sigmoid": try readSigmoid(index)
        case "Tanh": try activation(node, .tanh)
        case "Softplus": try activation(node, .softplus)
        case "Softsign": try activation(node, .softsign)
        case "Elu": try activation(node, .elu(alpha: attribute(node, "alpha")?.f ?? 1))
        case "Selu":
            let alpha = attribute(node, "alpha")?.f ?? 1.6732632423543772
            let gamma = attribute(node, "gamma")?.f ?? 1.0507009873554805
            guard abs(alpha - 1.6732632423543772) < 1e-6, abs(gamma - 1.0507009873554805) < 1e-6 else {
                throw fail(node, "Selu with alpha \(alpha), gamma \(gamma); only the standard constants are supported")
            }
            try activation(node, .selu)
        case "HardSigmoid":
            guard abs((attribute(node, "beta")?.f ?? 0.5) - 0.5) < 1e-7 else { throw fail(node, "HardSigmoid needs beta 0.5") }
            try activation(node, .hardSigmoid(slope: attribute(node, "alpha")?.f ?? 0.2))
        case "LeakyRelu":
            try add(node, className: "LeakyReLU", kind: .leakyReLU(alpha: attribute(node, "alpha")?.f ?? 0.01), input: node.input[0], output: node.output[0])
        case "Softmax":
            let rank = try shape(of: node.input[0]).count + 1
            let opset = proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version ?? 13
            let axis = Int(attribute(node, "axis")?.i ?? (opset < 13 ? 1 : -1))
            guard axis == -1 || axis == rank - 1 else { throw fail(node, "Softmax over axis \(axis); only the last axis is supported") }
            try add(node, className: "Softmax", kind: .softmax(axis: -1), input: node.input[0], output: node.output[0], layout: .asIs)
        case "Identity", "Dropout":
            producer[node.output[0]] = try source(node.input[0], of: node)
            layouts[node.output[0]] = layouts[node.input[0]]
        case "Transpose":
            let perm = attribute(node, "perm")?.ints.map(Int.init) ?? []
            guard perm.first == 0, perm.count >= 2 else { throw fail(node, "Transpose must keep the batch axis first (perm \(perm))") }
            try add(node, className: "Permute", kind: .permute(dims: Array(perm.dropFirst())), input: node.input[0], output: node.output[0], layout: .asIs)
            permutes[producer[node.output[0]]!] = (try source(node.input[0], in: .asIs, of: node), Array(perm.dropFirst()))
        case "ReduceMean", "ReduceMax":
            // Over every axis but the batch and the channels: a global pooling.
            let shape = try onnxShape(of: node.input[0])
            let rank = shape.count + 1
            let axes = Set((attribute(node, "axes")?.ints ?? []).map { Int($0) < 0 ? Int($0) + rank : Int($0) })
            let keep = (attribute(node, "keepdims")?.i ?? 1) == 1
            let operation: PoolingOperation = node.opType == "ReduceMax" ? .max : .average
            let layout: Layout
            if axes == Set(1..<rank - 1) { layout = .asIs } else if axes == Set(2..<rank) { layout = .channelsLast } else {
                throw fail(node, "\(node.opType) over axes \(axes.sorted()); only the spatial axes of a (batch, …, channels) or (batch, channels, …) tensor are supported")
            }
            try add(node, className: node.opType, kind: .globalPooling(operation: operation, rank: rank - 2, keepDimensions: keep),
                    input: node.input[0], output: node.output[0], layout: layout)
        case "PRelu":
            guard let slope = constants[node.input[1]] else { throw fail(node, "PRelu needs a constant slope") }
            let shape = try onnxShape(of: node.input[0])
            let full = Array(repeating: 1, count: max(0, shape.count - slope.shape.count)) + slope.shape.suffix(shape.count)
            guard zip(full, shape).allSatisfy({ $0 == 1 || $0 == $1 }) else { throw fail(node, "PRelu slope of shape \(slope.shape) does not broadcast to \(shape)") }
            let shared = full.indices.filter { full[$0] == 1 && shape[$0] != 1 }.map { $0 + 1 }
            try add(node, className: "PReLU", kind: .prelu(sharedAxes: shared), input: node.input[0], output: node.output[0],
                    weights: [Weight(name: "alpha", tensor: Tensor(shape: full, values: slope.values))], layout: .asIs)
        case "Resize", "Upsample": try readResize(node)
        case "Split": try readSplitUpSampling(index)
        case "Squeeze", "Unsqueeze": try readSqueeze(node)
        case "Pad": try readPad(node)
        case "Conv": try readConvolution(node)
        case "MaxPool", "AveragePool": try readPooling(node)
        case "GlobalAveragePool", "GlobalMaxPool":
            let rank = try shape(of: node.input[0]).count - 1
            try add(node, className: node.opType, kind: .globalPooling(operation: node.opType == "GlobalMaxPool" ? .max : .average, rank: rank, keepDimensions: true),
                    input: node.input[0], output: node.output[0], layout: .channelsLast)
        case "Flatten":
            guard (attribute(node, "axis")?.i ?? 1) == 1 else { throw fail(node, "Flatten with axis other than 1") }
            try add(node, className: "Flatten", kind: .flatten, input: node.input[0], output: node.output[0], layout: .asIs)
        case "Reshape":
            guard let target = constants[node.input[1]] else { throw fail(node, "Reshape needs a constant shape") }
            let dims = target.values.dropFirst().map { Int($0) }
            guard target.values.first.map({ $0 == -1 || $0 == 0 }) ?? false, !dims.contains(0) else {
                throw fail(node, "Reshape to \(target.values.map { Int($0) }) must keep the batch dimension first (-1 or 0)")
            }
            try add(node, className: "Reshape", kind: .reshape(targetShape: dims), input: node.input[0], output: node.output[0], layout: .asIs)
        case "BatchNormalization": try readBatchNormalization(node)
        case "Add", "Sub", "Mul": try readElementwise(index)
        case "Mean", "Max", "Min":
            guard node.input.allSatisfy({ constants[$0] == nil }) else { throw fail(node, "\(node.opType) with a constant input is not supported") }
            let operation: MergeOperation = node.opType == "Mean" ? .average : node.opType == "Max" ? .maximum : .minimum
            let layout = layouts[node.input[0]] ?? .asIs
            var sources: [String] = []
            for input in node.input { sources.append(try source(input, in: layout, of: node)) }
            let name = unique(node.name.isEmpty ? node.output[0] : node.name)
            try append(Layer(name: name, className: node.opType, kind: .merge(operation), inputs: sources), for: node)
            producer[node.output[0]] = name
            layouts[node.output[0]] = layout
        case "Concat":
            let rank = try shape(of: node.input[0]).count + 1
            let axis = Int(attribute(node, "axis")?.i ?? 1)
            guard axis == -1 || axis == rank - 1 else { throw fail(node, "Concat over axis \(axis); only the last axis is supported") }
            let name = unique(node.name.isEmpty ? node.output[0] : node.name)
            var sources: [String] = []
            for input in node.input { sources.append(try source(input, in: .asIs, of: node)) }
            try append(Layer(name: name, className: "Concatenate", kind: .concatenate(axis: -1), inputs: sources), for: node)
            producer[node.output[0]] = name
        case "Constant":
            guard let value = attribute(node, "value"), value.hasT else { throw fail(node, "Constant without a tensor value") }
            let decoded = try decoding.values(of: value.t)
            constants[node.output[0]] = (decoded.shape, decoded.values)
        default:
            throw fail(node, "op \(node.domain.isEmpty ? "" : node.domain + ".")\(node.opType) is not supported yet")
        }
    }

    private mutating func activation(_ node: Onnx_NodeProto, _ function: Activation) throws {
        try add(node, className: "Activation", kind: .activation(function), input: node.input[0], output: node.output[0])
    }

    /// Sigmoid, or swish when the only reader multiplies it with the sigmoid's own input.
    private mutating func readSigmoid(_ index: Int) throws {
        let node = nodes[index]
        if let next = onlyReader(of: node.output[0]), nodes[next].opType == "Mul", Set(nodes[next].input) == [node.input[0], node.output[0]] {
            consumed.insert(next)
            try add(node, className: "Activation", kind: .activation(.swish), input: node.input[0], output: nodes[next].output[0])
            return
        }
        try activation(node, .sigmoid)
    }

    /// Gemm, or MatMul with a constant right operand (and a following constant Add), as Dense.
    private mutating func readDense(_ index: Int) throws {
        let node = nodes[index]
        guard node.input.count >= 2, let weight = constants[node.input[1]], weight.shape.count == 2 else {
            throw fail(node, "\(node.opType) needs a constant 2-D weight as its second input")
        }
        var isTransposed = false
        var scale: Float = 1
        var biasScale: Float = 1
        if node.opType == "Gemm" {
            guard (attribute(node, "transA")?.i ?? 0) == 0 else { throw fail(node, "Gemm with transA = 1 is not supported") }
            isTransposed = (attribute(node, "transB")?.i ?? 0) == 1
            scale = attribute(node, "alpha")?.f ?? 1
            biasScale = attribute(node, "beta")?.f ?? 1
        }
        let rows = isTransposed ? weight.shape[1] : weight.shape[0]
        let units = isTransposed ? weight.shape[0] : weight.shape[1]
        var kernel = weight.values  // shared, not copied, for MatMul and plain Gemm
        if isTransposed || scale != 1 {
            kernel = [Float](repeating: 0, count: rows * units)
            for row in 0..<rows {
                for unit in 0..<units {
                    let value = isTransposed ? weight.values[unit * rows + row] : weight.values[row * units + unit]
                    kernel[row * units + unit] = value * scale
                }
            }
        }
        var output = node.output[0]
        var biasName: String?
        var bias: [Float]?
        if node.opType == "Gemm", node.input.count >= 3, !node.input[2].isEmpty {
            guard let constant = constants[node.input[2]], constant.values.count == units || constant.values.count == 1 else {
                throw fail(node, "Gemm's C must be a constant of \(units) values")
            }
            biasName = node.input[2]
            bias = (0..<units).map { constant.values[constant.values.count == 1 ? 0 : $0] * biasScale }
        } else if node.opType == "MatMul", let next = onlyReader(of: output), nodes[next].opType == "Add" {
            let other = nodes[next].input.first { $0 != output } ?? ""
            if let constant = constants[other], constant.values.count == units {
                consumed.insert(next)
                output = nodes[next].output[0]
                biasName = other
                bias = constant.values
            }
        }
        var weights = [Weight(name: "kernel", tensor: Tensor(shape: [rows, units], values: kernel))]
        if let bias { weights.append(Weight(name: "bias", tensor: Tensor(shape: [units], values: bias))) }
        try add(node, className: "Dense", kind: .dense(.init(units: units, useBias: bias != nil)), input: node.input[0], output: output,
                weights: weights, layout: .asIs)
        let name = producer[output]!
        bindings[name] = ["kernel": WeightBinding(initializer: node.input[1], isTransposed: isTransposed, scale: scale)]
        if let biasName { bindings[name]?["bias"] = WeightBinding(initializer: biasName, isTransposed: false, scale: biasScale) }
    }

    private mutating func readBatchNormalization(_ node: Onnx_NodeProto) throws {
        guard node.input.count == 5, let gamma = constants[node.input[1]], let beta = constants[node.input[2]],
              let mean = constants[node.input[3]], let variance = constants[node.input[4]] else {
            throw fail(node, "BatchNormalization needs constant scale, bias, mean and variance")
        }
        let epsilon = attribute(node, "epsilon")?.f ?? 1e-5
        func tensor(_ values: [Float]) -> Tensor { Tensor(shape: [values.count], values: values) }
        try add(node, className: "BatchNormalization", kind: .batchNormalization(.init(axis: -1, epsilon: epsilon, center: true, scale: true)),
                input: node.input[0], output: node.output[0],
                weights: [Weight(name: "gamma", tensor: tensor(gamma.values)), Weight(name: "beta", tensor: tensor(beta.values)),
                          Weight(name: "moving_mean", tensor: tensor(mean.values)), Weight(name: "moving_variance", tensor: tensor(variance.values))],
                layout: try shape(of: node.input[0]).count >= 2 ? .channelsLast : .asIs)
    }

    /// Add/Sub/Mul: of two computed values a merge; with a per-channel constant an inference
    /// BatchNormalization (Mul then Add fused); Mul by a scalar followed by +0.5, Min 1, Max 0 a
    /// hard sigmoid.
    private mutating func readElementwise(_ index: Int) throws {
        let node = nodes[index]
        guard node.input.count == 2 else { throw fail(node, "\(node.opType) needs two inputs") }
        let constantInput = node.input.firstIndex { constants[$0] != nil }
        guard let position = constantInput else {
            let operation: MergeOperation = node.opType == "Add" ? .add : node.opType == "Sub" ? .subtract : .multiply
            let name = unique(node.name.isEmpty ? node.output[0] : node.name)
            let layout = layouts[node.input[0]] ?? .asIs
            var sources: [String] = []
            for input in node.input { sources.append(try source(input, in: layout, of: node)) }
            try append(Layer(name: name, className: node.opType, kind: .merge(operation), inputs: sources), for: node)
            producer[node.output[0]] = name
            layouts[node.output[0]] = layout
            return
        }
        let constant = constants[node.input[position]]!
        let input = node.input[1 - position]
        guard node.opType != "Sub" || position == 1 else { throw fail(node, "subtracting a value from a constant is not supported") }
        if node.opType == "Mul", constant.values.count == 1, let chain = hardSigmoidChain(after: index) {
            consumed.formUnion(chain.nodes)
            try add(node, className: "Activation", kind: .activation(.hardSigmoid(slope: constant.values[0])), input: input, output: chain.output)
            return
        }
        // Per channel: the constant's one non-unit axis (right-aligned against the value) is the
        // value's last axis (channels last as ONNX holds it) or its first (channels first).
        let valueShape = try onnxShape(of: input)
        let constantAxes = Array(repeating: 1, count: max(0, valueShape.count - constant.shape.count)) + constant.shape.suffix(valueShape.count)
        let varying = constantAxes.indices.filter { constantAxes[$0] != 1 }
        let layout: Layout = varying == [0] && valueShape.count >= 2 ? .channelsLast : .asIs
        let channels = layout == .channelsLast ? valueShape[0] : valueShape.last ?? 1
        guard constant.values.count == 1 || (constant.values.count == channels && (varying == [valueShape.count - 1] || layout == .channelsLast)) else {
            throw fail(node, "\(node.opType) with a constant of shape \(constant.shape) over a value of shape \(valueShape); only per-channel constants are supported")
        }
        func perChannel(_ values: [Float]) -> [Float] { (0..<channels).map { values[values.count == 1 ? 0 : $0] } }
        var gamma = [Float](repeating: 1, count: channels)
        var beta = [Float](repeating: 0, count: channels)
        var output = node.output[0]
        switch node.opType {
        case "Mul":
            gamma = perChannel(constant.values)
            if let next = onlyReader(of: output), nodes[next].opType == "Add",
               let shift = nodes[next].input.first(where: { $0 != output }).flatMap({ constants[$0] }),
               shift.values.count == channels || shift.values.count == 1 {
                consumed.insert(next)
                beta = perChannel(shift.values)
                output = nodes[next].output[0]
            }
        case "Add": beta = perChannel(constant.values)
        default: beta = perChannel(constant.values.map { -$0 })
        }
        let ones = Tensor(shape: [channels], values: Array(repeating: 1, count: channels))
        let zeros = Tensor(shape: [channels], values: Array(repeating: 0, count: channels))
        try add(node, className: "BatchNormalization", kind: .batchNormalization(.init(axis: -1, epsilon: 0, center: true, scale: true)),
                input: input, output: output,
                weights: [Weight(name: "gamma", tensor: Tensor(shape: [channels], values: gamma)), Weight(name: "beta", tensor: Tensor(shape: [channels], values: beta)),
                          Weight(name: "moving_mean", tensor: zeros), Weight(name: "moving_variance", tensor: ones)],
                layout: layout)
    }

    /// tf2onnx's hard sigmoid after `Mul(x, slope)`: Add 0.5, Min 1, Max 0, each the only reader.
    private func hardSigmoidChain(after index: Int) -> (nodes: [Int], output: String)? {
        var current = nodes[index].output[0]
        var chain: [Int] = []
        for (op, value) in [("Add", Float(0.5)), ("Min", 1), ("Max", 0)] {
            guard let next = onlyReader(of: current), nodes[next].opType == op,
                  let constant = nodes[next].input.first(where: { $0 != current }).flatMap({ constants[$0] }),
                  constant.values.count == 1, constant.values[0] == value else { return nil }
            chain.append(next)
            current = nodes[next].output[0]
        }
        return (chain, current)
    }

    /// The spatial attributes of a Conv or pooling node over `rank` spatial axes, with hls4ml-style
    /// checks: explicit pads (begin…, end…), `auto_pad` VALID or SAME_UPPER.
    private func window(_ node: Onnx_NodeProto, rank: Int, kernel: [Int]) throws -> (strides: [Int], dilations: [Int], pads: [[Int]], padding: Padding) {
        let strides = attribute(node, "strides")?.ints.map(Int.init) ?? Array(repeating: 1, count: rank)
        let dilations = attribute(node, "dilations")?.ints.map(Int.init) ?? Array(repeating: 1, count: rank)
        let flat = attribute(node, "pads")?.ints.map(Int.init) ?? Array(repeating: 0, count: 2 * rank)
        guard strides.count == rank, dilations.count == rank, flat.count == 2 * rank else {
            throw fail(node, "strides, dilations and pads must have one entry per spatial axis (\(rank))")
        }
        let pads = (0..<rank).map { [flat[$0], flat[rank + $0]] }
        switch String(decoding: attribute(node, "auto_pad")?.s ?? Data("NOTSET".utf8), as: UTF8.self) {
        case "NOTSET", "": return (strides, dilations, pads, .valid)
        case "VALID": return (strides, dilations, Array(repeating: [0, 0], count: rank), .valid)
        case "SAME_UPPER": return (strides, dilations, Array(repeating: [0, 0], count: rank), .same)
        case let other: throw fail(node, "auto_pad \(other) is not supported (NOTSET, VALID or SAME_UPPER)")
        }
    }

    /// Conv (NCHW or NCL) as a channels-last convolution, grouped or depthwise as its `group` says;
    /// explicit pads become a ZeroPadding layer in front of it.
    private mutating func readConvolution(_ node: Onnx_NodeProto) throws {
        guard node.input.count >= 2, let weight = constants[node.input[1]], weight.shape.count == 3 || weight.shape.count == 4 else {
            throw fail(node, "Conv needs a constant weight of shape (M, C, k…) with 1 or 2 spatial axes")
        }
        let group = Int(attribute(node, "group")?.i ?? 1)
        let rank = weight.shape.count - 2
        let filters = weight.shape[0]
        let kernelSize = Array(weight.shape[2...])
        let inputChannels = try onnxShape(of: node.input[0]).first ?? 0
        // group = input channels with one input channel per filter: a depthwise convolution
        // (filters = channels × multiplier); otherwise each filter reads C / group channels.
        let isDepthwise = group > 1 && group == inputChannels && weight.shape[1] == 1 && filters % group == 0 && rank == 2
        guard group >= 1, isDepthwise || (weight.shape[1] * group == inputChannels && filters % group == 0) else {
            throw fail(node, "Conv with \(group) groups needs a weight of shape (M, C / group, k…) with M divisible by the group count; "
                       + "it has \(weight.shape) for \(inputChannels) input channels")
        }
        let channels = isDepthwise ? group : weight.shape[1]
        let perChannel = isDepthwise ? filters / group : filters
        let spatial = try window(node, rank: rank, kernel: kernelSize)
        // (M, C, k…) → (k…, C, M); depthwise (C·m, 1, k…) → (k…, C, m).
        let taps = kernelSize.reduce(1, *)
        var kernel = [Float](repeating: 0, count: weight.values.count)
        for tap in 0..<taps {
            for channel in 0..<channels {
                for index in 0..<perChannel {
                    let source = isDepthwise ? (channel * perChannel + index) * taps + tap : (index * channels + channel) * taps + tap
                    kernel[(tap * channels + channel) * perChannel + index] = weight.values[source]
                }
            }
        }
        var weights = [Weight(name: isDepthwise ? "depthwise_kernel" : "kernel", tensor: Tensor(shape: kernelSize + [channels, perChannel], values: kernel))]
        if node.input.count >= 3, !node.input[2].isEmpty {
            guard let bias = constants[node.input[2]], bias.values.count == filters else { throw fail(node, "Conv's bias must be a constant of \(filters) values") }
            weights.append(Weight(name: "bias", tensor: Tensor(shape: [filters], values: bias.values)))
        }
        var input = node.input[0]
        if spatial.pads.contains(where: { $0 != [0, 0] }) {
            let padded = "\(node.output[0])/pad"
            var padNode = node
            padNode.name = "\(node.name.isEmpty ? node.output[0] : node.name)/pad"
            try add(padNode, className: "ZeroPadding\(rank)D", kind: .zeroPadding(rank: rank, padding: spatial.pads), input: input, output: padded, layout: .channelsLast)
            input = padded
        }
        let conv = ConvolutionAttributes(rank: rank, filters: perChannel, kernelSize: kernelSize, strides: spatial.strides, dilation: spatial.dilations,
                                         padding: spatial.padding, useBias: weights.count == 2, isDepthwise: isDepthwise,
                                         groups: isDepthwise ? 1 : group)
        try add(node, className: isDepthwise ? "DepthwiseConv2D" : "Conv\(rank)D", kind: .convolution(conv), input: input, output: node.output[0],
                weights: weights, layout: .channelsLast)
        let name = producer[node.output[0]]!
        if !isDepthwise {
            bindings[name] = ["kernel": WeightBinding(initializer: node.input[1], isTransposed: false, scale: 1, layout: .convolutionChannelsFirst)]
        }
        if weights.count == 2 { bindings[name, default: [:]]["bias"] = WeightBinding(initializer: node.input[2], isTransposed: false, scale: 1) }
    }

    /// MaxPool and AveragePool without padding (ONNX pads max pooling with −∞, which zero padding is not).
    private mutating func readPooling(_ node: Onnx_NodeProto) throws {
        guard let kernel = attribute(node, "kernel_shape")?.ints.map(Int.init), !kernel.isEmpty else { throw fail(node, "pooling needs kernel_shape") }
        guard (attribute(node, "ceil_mode")?.i ?? 0) == 0 else { throw fail(node, "ceil_mode 1 is not supported") }
        let spatial = try window(node, rank: kernel.count, kernel: kernel)
        guard spatial.pads.allSatisfy({ $0 == [0, 0] }), spatial.padding == .valid, spatial.dilations.allSatisfy({ $0 == 1 }) else {
            throw fail(node, "padded or dilated pooling is not supported yet")
        }
        let pool = PoolingAttributes(operation: node.opType == "MaxPool" ? .max : .average, rank: kernel.count, poolSize: kernel,
                                     strides: spatial.strides, padding: .valid)
        try add(node, className: node.opType == "MaxPool" ? "MaxPooling\(kernel.count)D" : "AveragePooling\(kernel.count)D",
                kind: .pooling(pool), input: node.input[0], output: node.output[0], layout: .channelsLast)
    }

    /// The shape ONNX sees for a value (without the batch): the IR shape, permuted back when the IR
    /// holds it channels-last.
    private func onnxShape(of value: String) throws -> [Int] {
        let shape = try shape(of: value)
        guard layouts[value] == .channelsLast, shape.count >= 2 else { return shape }
        return [shape[shape.count - 1]] + shape.dropLast()
    }

    /// Squeeze and Unsqueeze (axes from the attribute, or a constant second input since opset 13)
    /// as a Reshape of the value in ONNX's own axis order.
    private mutating func readSqueeze(_ node: Onnx_NodeProto) throws {
        let shape = try onnxShape(of: node.input[0])
        var axes = attribute(node, "axes")?.ints.map(Int.init) ?? []
        if axes.isEmpty, node.input.count > 1, let constant = constants[node.input[1]] { axes = constant.values.map { Int($0) } }
        let rank = shape.count + 1 + (node.opType == "Unsqueeze" ? axes.count : 0)
        let positions = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
        guard !positions.contains(0) else { throw fail(node, "\(node.opType) of the batch axis is not supported") }
        var target: [Int]
        if node.opType == "Squeeze" {
            guard !positions.isEmpty, positions.allSatisfy({ $0 - 1 < shape.count && shape[$0 - 1] == 1 }) else {
                throw fail(node, "Squeeze needs explicit axes of size 1 (shape \(shape), axes \(axes))")
            }
            target = shape.enumerated().filter { !positions.contains($0.offset + 1) }.map(\.element)
        } else {
            target = []
            var remaining = shape[...]
            for axis in 1..<rank { target.append(positions.contains(axis) ? 1 : remaining.popFirst() ?? 1) }
        }
        try add(node, className: "Reshape", kind: .reshape(targetShape: target), input: node.input[0], output: node.output[0], layout: .asIs)
    }

    /// Pad with zeros (constant mode) over the spatial axes, as ZeroPadding in the layout where the
    /// channel axis is last and unpadded.
    private mutating func readPad(_ node: Onnx_NodeProto) throws {
        let mode = String(decoding: attribute(node, "mode")?.s ?? Data("constant".utf8), as: UTF8.self)
        var pads = attribute(node, "pads")?.ints.map(Int.init) ?? []
        if pads.isEmpty, node.input.count > 1, let constant = constants[node.input[1]] { pads = constant.values.map { Int($0) } }
        if node.input.count > 2, !node.input[2].isEmpty, let value = constants[node.input[2]], value.values.contains(where: { $0 != 0 }) {
            throw fail(node, "Pad with a non-zero constant is not supported")
        }
        let shape = try onnxShape(of: node.input[0])
        let rank = shape.count + 1
        guard mode == "constant", pads.count == 2 * rank, pads[0] == 0, pads[rank] == 0 else {
            throw fail(node, "Pad must be constant zero padding that leaves the batch alone")
        }
        let perAxis = (1..<rank).map { [pads[$0], pads[rank + $0]] }
        if perAxis.last == [0, 0] {
            // ONNX's order already has channels last (tf2onnx's NLC/NHWC).
            try add(node, className: "ZeroPadding\(rank - 2)D", kind: .zeroPadding(rank: rank - 2, padding: Array(perAxis.dropLast())),
                    input: node.input[0], output: node.output[0], layout: .asIs)
        } else if perAxis.first == [0, 0] {
            try add(node, className: "ZeroPadding\(rank - 2)D", kind: .zeroPadding(rank: rank - 2, padding: Array(perAxis.dropFirst())),
                    input: node.input[0], output: node.output[0], layout: .channelsLast)
        } else {
            throw fail(node, "Pad on both the first and the last axis is not supported")
        }
    }

    /// tf2onnx's nearest up-sampling: a Split of a spatial axis into single slices, all read by one
    /// Concat on that axis that repeats each slice `k` times in order: UpSampling by `k` on that axis.
    private mutating func readSplitUpSampling(_ index: Int) throws {
        let node = nodes[index]
        let shape = try onnxShape(of: node.input[0])
        let rank = shape.count + 1
        let axis = Int(attribute(node, "axis")?.i ?? 0)
        let position = axis < 0 ? axis + rank : axis
        let readers = Set(node.output.flatMap { self.readers[$0] ?? [] })
        guard position >= 1, position < rank, shape[position - 1] == node.output.count, readers.count == 1, let next = readers.first,
              nodes[next].opType == "Concat", node.input.count == 1 || node.input[1].isEmpty || constants[node.input[1]]?.values.allSatisfy({ $0 == 1 }) == true
        else { throw fail(node, "Split is supported only as tf2onnx's up-sampling (single slices, repeated by one Concat)") }
        let concat = nodes[next]
        let concatAxis = Int(attribute(concat, "axis")?.i ?? 0)
        let factor = concat.input.count / max(node.output.count, 1)
        let expected = node.output.flatMap { Array(repeating: $0, count: factor) }
        guard (concatAxis < 0 ? concatAxis + rank : concatAxis) == position, Array(concat.input) == expected,
              !proto.graph.output.contains(where: { node.output.contains($0.name) }) else {
            throw fail(node, "Split is supported only as tf2onnx's up-sampling (single slices, repeated by one Concat)")
        }
        // Repeating slices along an axis is the same in any layout, so hold the value as it is
        // when the axis is not its last; the last axis is spatial only in a (batch, channels, …) value.
        let layout: Layout
        var size = Array(repeating: 1, count: rank - 2)
        if position <= rank - 2 {
            layout = .asIs
            size[position - 1] = factor
        } else if position >= 2 {
            layout = .channelsLast
            size[position - 2] = factor
        } else {
            throw fail(node, "Split up-sampling over axis \(axis) of a rank-\(rank) value has no spatial axis to repeat")
        }
        consumed.insert(next)
        try add(node, className: "UpSampling\(size.count)D", kind: .upSampling(rank: size.count, size: size),
                input: node.input[0], output: concat.output[0], layout: layout)
    }

    /// Nearest-neighbour Resize (or Upsample) by whole scales on the spatial axes: UpSampling.
    private mutating func readResize(_ node: Onnx_NodeProto) throws {
        let mode = String(decoding: attribute(node, "mode")?.s ?? Data("nearest".utf8), as: UTF8.self)
        guard mode == "nearest" else { throw fail(node, "\(node.opType) mode \(mode) is not supported (nearest only)") }
        let scalesName = node.opType == "Upsample" ? (node.input.count > 1 ? node.input[1] : "") : (node.input.count > 2 ? node.input[2] : "")
        guard let scales = constants[scalesName]?.values, scales.count >= 3, scales[0] == 1,
              scales.allSatisfy({ $0 >= 1 && $0 == $0.rounded() }) else {
            throw fail(node, "\(node.opType) needs constant whole scales (and no sizes input)")
        }
        let factors = scales.map { Int($0) }
        let layout: Layout
        let size: [Int]
        if factors.last == 1 { layout = .asIs; size = Array(factors.dropFirst().dropLast()) }
        else if factors[1] == 1 { layout = .channelsLast; size = Array(factors.dropFirst(2)) }
        else { throw fail(node, "\(node.opType) scales \(factors) change the channel axis") }
        try add(node, className: "UpSampling\(size.count)D", kind: .upSampling(rank: size.count, size: size),
                input: node.input[0], output: node.output[0], layout: layout)
    }
}
