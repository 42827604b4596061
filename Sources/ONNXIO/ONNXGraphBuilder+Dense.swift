import ModelIR
import ONNXProto

/// Gemm, and MatMul fused with a following constant Add, as Dense layers.
extension ONNXGraphBuilder {
    /// Gemm, or MatMul with a constant right operand (and a following constant Add), as Dense.
    mutating func readDense(_ index: Int) throws {
        let node = nodes[index]
        guard node.input.count >= 2, let weight = constants[node.inputName(1)], weight.shape.count == 2 else {
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
        var output = node.outputName(0)
        var biasName: String?
        var bias: [Float]?
        if node.opType == "Gemm", node.input.count >= 3, !node.inputName(2).isEmpty {
            guard let constant = constants[node.inputName(2)], constant.values.count == units || constant.values.count == 1 else {
                throw fail(node, "Gemm's C must be a constant of \(units) values")
            }
            biasName = node.inputName(2)
            bias = (0..<units).map { constant.values[constant.values.count == 1 ? 0 : $0] * biasScale }
        } else if node.opType == "MatMul", let next = onlyReader(of: output), nodes[next].opType == "Add" {
            let other = nodes[next].input.first { $0 != output } ?? ""
            if let constant = constants[other], constant.values.count == units {
                consumed.insert(next)
                output = nodes[next].outputName(0)
                biasName = other
                bias = constant.values
            }
        }
        var weights = [Weight(name: "kernel", tensor: Tensor(shape: [rows, units], values: kernel))]
        if let bias { weights.append(Weight(name: "bias", tensor: Tensor(shape: [units], values: bias))) }
        try add(node, className: "Dense", kind: .dense(.init(units: units, useBias: bias != nil)), input: node.inputName(0), output: output,
                weights: weights, layout: .asIs)
        let name = producer[output]!
        bindings[name] = ["kernel": WeightBinding(initializer: node.inputName(1), isTransposed: isTransposed, scale: scale)]
        if let biasName { bindings[name]?["bias"] = WeightBinding(initializer: biasName, isTransposed: false, scale: biasScale) }
    }
}
