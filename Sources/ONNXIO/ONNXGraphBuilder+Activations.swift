import ModelIR
import ONNXProto

/// Activation ops: Relu, Sigmoid (or swish with the Mul that reads it), Tanh, Softplus, Softsign,
/// Elu, Selu and HardSigmoid as Activation layers; LeakyRelu, Softmax and PRelu as their own layers.
extension ONNXGraphBuilder {
    mutating func readActivation(_ index: Int) throws {
        let node = nodes[index]
        switch node.opType {
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
            try add(node, className: "LeakyReLU", kind: .leakyReLU(alpha: attribute(node, "alpha")?.f ?? 0.01), input: node.inputName(0), output: node.outputName(0))
        case "Softmax":
            let rank = try shape(of: node.inputName(0)).count + 1
            let opset = proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version ?? 13
            let axis = Int(attribute(node, "axis")?.i ?? (opset < 13 ? 1 : -1))
            guard axis == -1 || axis == rank - 1 else { throw fail(node, "Softmax over axis \(axis); only the last axis is supported") }
            try add(node, className: "Softmax", kind: .softmax(axis: -1), input: node.inputName(0), output: node.outputName(0), layout: .asIs)
        case "PRelu":
            guard let slope = constants[node.inputName(1)] else { throw fail(node, "PRelu needs a constant slope") }
            let shape = try onnxShape(of: node.inputName(0))
            guard slope.shape.dropLast(shape.count).allSatisfy({ $0 == 1 }) else {
                throw fail(node, "PRelu slope of shape \(slope.shape) has more axes than its input \(shape)")
            }
            let full = Array(repeating: 1, count: max(0, shape.count - slope.shape.count)) + slope.shape.suffix(shape.count)
            guard zip(full, shape).allSatisfy({ $0 == 1 || $0 == $1 }) else { throw fail(node, "PRelu slope of shape \(slope.shape) does not broadcast to \(shape)") }
            let shared = full.indices.filter { full[$0] == 1 && shape[$0] != 1 }.map { $0 + 1 }
            try add(node, className: "PReLU", kind: .prelu(sharedAxes: shared), input: node.inputName(0), output: node.outputName(0),
                    weights: [Weight(name: "alpha", tensor: Tensor(shape: full, values: slope.values))], layout: .asIs)
        default: throw unsupported(node)
        }
    }

    private mutating func activation(_ node: Onnx_NodeProto, _ function: Activation) throws {
        try add(node, className: "Activation", kind: .activation(function), input: node.inputName(0), output: node.outputName(0))
    }

    /// Sigmoid, or swish when the only reader multiplies it with the sigmoid's own input.
    private mutating func readSigmoid(_ index: Int) throws {
        let node = nodes[index]
        if let next = onlyReader(of: node.outputName(0)), nodes[next].opType == "Mul", Set(nodes[next].input) == [node.inputName(0), node.outputName(0)] {
            consumed.insert(next)
            try add(node, className: "Activation", kind: .activation(.swish), input: node.inputName(0), output: nodes[next].outputName(0))
            return
        }
        try activation(node, .sigmoid)
    }
}
