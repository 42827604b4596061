import ModelIR
import ONNXProto

/// Gemm, and MatMul fused with a following constant Add, as Dense layers.
extension ONNXGraphBuilder {
    /// Gemm, or MatMul with a constant right operand (and a following constant Add), as Dense.
    mutating func readDense(_ index: Int) throws {
        let node = nodes[index]
        guard node.input.count >= 2, let stored = constants[node.inputName(1)], stored.shape.count == 2 else {
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
        let rows = isTransposed ? stored.shape[1] : stored.shape[0]
        let units = isTransposed ? stored.shape[0] : stored.shape[1]
        // A quantized weight stays float with its quantizer, unless alpha scales the quantized values.
        let weight = try weightConstant(node.inputName(1), channelAxis: isTransposed ? 0 : 1, channels: units, scaled: scale != 1)
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
        var biasQuantizer: Quantizer?
        var bias: [Float]?
        if node.opType == "Gemm", node.input.count >= 3, !node.inputName(2).isEmpty {
            guard let stored = constants[node.inputName(2)], stored.values.count == units || stored.values.count == 1 else {
                throw fail(node, "Gemm's C must be a constant of \(units) values")
            }
            let constant = try weightConstant(node.inputName(2), channelAxis: stored.shape.count - 1, channels: units, scaled: biasScale != 1)
            biasName = constant.initializer
            biasQuantizer = constant.quantizer
            bias = (0..<units).map { constant.values[constant.values.count == 1 ? 0 : $0] * biasScale }
        } else if node.opType == "MatMul", let next = onlyReader(of: output), nodes[next].opType == "Add" {
            let other = nodes[next].input.first { $0 != output } ?? ""
            if let stored = constants[other], stored.values.count == units {
                let constant = try weightConstant(other, channelAxis: stored.shape.count - 1, channels: units, scaled: false)
                consumed.insert(next)
                output = nodes[next].outputName(0)
                biasName = constant.initializer
                biasQuantizer = constant.quantizer
                bias = constant.values
            }
        }
        var weights = [Weight(name: "kernel", tensor: Tensor(shape: [rows, units], values: kernel))]
        if let bias { weights.append(Weight(name: "bias", tensor: Tensor(shape: [units], values: bias))) }
        try add(node, className: "Dense", kind: .dense(.init(units: units, useBias: bias != nil)), input: node.inputName(0), output: output,
                weights: weights, layout: .asIs)
        let name = producer[output]!
        layers[layers.count - 1].weightQuantizers = ["kernel": weight.quantizer, "bias": biasQuantizer].compactMapValues { $0 }
        bindings[name] = ["kernel": WeightBinding(initializer: weight.initializer, isTransposed: isTransposed, scale: scale)]
        if let biasName { bindings[name]?["bias"] = WeightBinding(initializer: biasName, isTransposed: false, scale: biasScale) }
    }
}
