import ModelIR
import ONNXProto

/// Add, Sub and Mul: merges of two computed values, per-channel affine constants (as
/// BatchNormalization) and tf2onnx's hard-sigmoid chain.
extension ONNXGraphBuilder {
    /// Add/Sub/Mul: of two computed values a merge; with a per-channel constant an inference
    /// BatchNormalization (Mul then Add fused); Mul by a scalar followed by +0.5, Min 1, Max 0 a
    /// hard sigmoid.
    mutating func readElementwise(_ index: Int) throws {
        let node = nodes[index]
        guard node.input.count == 2 else { throw fail(node, "\(node.opType) needs two inputs") }
        let constantInput = node.input.firstIndex { constants[$0] != nil }
        guard let position = constantInput else {
            let operation: MergeOperation = node.opType == "Add" ? .add : node.opType == "Sub" ? .subtract : .multiply
            let name = unique(node.name.isEmpty ? node.outputName(0) : node.name)
            let layout = layouts[node.inputName(0)] ?? .asIs
            var sources: [String] = []
            for input in node.input { sources.append(try source(input, in: layout, of: node)) }
            try append(Layer(name: name, className: node.opType, kind: .merge(operation), inputs: sources), for: node)
            producer[node.outputName(0)] = name
            layouts[node.outputName(0)] = layout
            return
        }
        let constant = constants[node.inputName(position)]!
        let input = node.inputName(1 - position)
        guard node.opType != "Sub" || position == 1 else { throw fail(node, "subtracting a value from a constant is not supported") }
        if node.opType == "Mul", constant.values.count == 1, let chain = hardSigmoidChain(after: index) {
            consumed.formUnion(chain.nodes)
            try add(node, className: "Activation", kind: .activation(.hardSigmoid(slope: constant.values[0])), input: input, output: chain.output)
            return
        }
        // Per channel: the constant's one non-unit axis (right-aligned against the value) is the
        // value's last axis (channels last as ONNX holds it) or its first (channels first).
        let valueShape = try onnxShape(of: input)
        let constantAxes = try broadcastAxes(of: constant.shape, over: valueShape, for: node)
        let varying = constantAxes.indices.filter { constantAxes[$0] != 1 }
        let layout: Layout = varying == [0] && valueShape.count >= 2 ? .channelsLast : .asIs
        let channels = layout == .channelsLast ? valueShape[0] : valueShape.last ?? 1
        guard constant.values.count == 1 || (constant.values.count == channels && (varying == [valueShape.count - 1] || layout == .channelsLast)) else {
            throw fail(node, "\(node.opType) with a constant of shape \(constant.shape) over a value of shape \(valueShape); only per-channel constants are supported")
        }
        func perChannel(_ values: [Float]) -> [Float] { (0..<channels).map { values[values.count == 1 ? 0 : $0] } }
        var gamma = [Float](repeating: 1, count: channels)
        var beta = [Float](repeating: 0, count: channels)
        var output = node.outputName(0)
        switch node.opType {
        case "Mul":
            gamma = perChannel(constant.values)
            if let next = onlyReader(of: output), nodes[next].opType == "Add",
               let shift = nodes[next].input.first(where: { $0 != output }).flatMap({ constants[$0] }),
               shift.values.count == channels || shift.values.count == 1 {
                consumed.insert(next)
                beta = perChannel(shift.values)
                output = nodes[next].outputName(0)
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
        if node.opType == "Add", constant.values.count == channels {
            // A bias add (tf2onnx's BiasAdd): the canonical graph fuses it into the layer before,
            // and a changed bias is written back to this constant.
            bindings[producer[output]!] = ["beta": WeightBinding(initializer: node.inputName(position), isTransposed: false, scale: 1)]
        }
    }

    /// The constant's axes against the value's (batch excluded): right-aligned (numpy broadcasting),
    /// or, for opset 1–6's `broadcast = 1` with an `axis` (keras2onnx), starting at that axis.
    private func broadcastAxes(of constant: [Int], over value: [Int], for node: Onnx_NodeProto) throws -> [Int] {
        guard (attribute(node, "broadcast")?.i ?? 0) == 1, let given = attribute(node, "axis")?.i else {
            return Array(repeating: 1, count: max(0, value.count - constant.count)) + constant.suffix(value.count)
        }
        let axis = Int(given) < 0 ? Int(given) + value.count + 1 : Int(given)
        guard axis >= 1, axis - 1 + constant.count <= value.count else {
            throw fail(node, "\(node.opType) broadcasts a constant of shape \(constant) from axis \(given) of a value of shape \(value); it must fit after the batch axis")
        }
        return Array(repeating: 1, count: axis - 1) + constant + Array(repeating: 1, count: value.count - (axis - 1) - constant.count)
    }

    /// tf2onnx's hard sigmoid after `Mul(x, slope)`: Add 0.5, Min 1, Max 0, each the only reader.
    private func hardSigmoidChain(after index: Int) -> (nodes: [Int], output: String)? {
        var current = nodes[index].outputName(0)
        var chain: [Int] = []
        for (op, value) in [("Add", Float(0.5)), ("Min", 1), ("Max", 0)] {
            guard let next = onlyReader(of: current), nodes[next].opType == op,
                  let constant = nodes[next].input.first(where: { $0 != current }).flatMap({ constants[$0] }),
                  constant.values.count == 1, constant.values[0] == value else { return nil }
            chain.append(next)
            current = nodes[next].outputName(0)
        }
        return (chain, current)
    }
}
