import ModelIR
import ONNXProto

/// Pooling ops: MaxPool and AveragePool, GlobalAveragePool and GlobalMaxPool, and ReduceMean and
/// ReduceMax over the spatial axes (as global pooling).
extension ONNXGraphBuilder {
    mutating func readPooling(_ node: Onnx_NodeProto) throws {
        switch node.opType {
        case "MaxPool", "AveragePool": try readWindowPooling(node)
        case "GlobalAveragePool", "GlobalMaxPool":
            let rank = try shape(of: node.inputName(0)).count - 1
            try add(node, className: node.opType, kind: .globalPooling(operation: node.opType == "GlobalMaxPool" ? .max : .average, rank: rank, keepDimensions: true),
                    input: node.inputName(0), output: node.outputName(0), layout: spatialLayout)
        case "ReduceMean", "ReduceMax":
            // Over every axis but the batch and the channels: a global pooling.
            let shape = try onnxShape(of: node.inputName(0))
            let rank = shape.count + 1
            guard rank >= 3 else { throw fail(node, "\(node.opType) needs a value with spatial axes, not one of shape \(shape)") }
            let axes = Set((attribute(node, "axes")?.ints ?? []).map { Int($0) < 0 ? Int($0) + rank : Int($0) })
            let keep = (attribute(node, "keepdims")?.i ?? 1) == 1
            let operation: PoolingOperation = node.opType == "ReduceMax" ? .max : .average
            let layout: Layout
            if axes == Set(1..<rank - 1) { layout = .asIs } else if axes == Set(2..<rank) { layout = .channelsLast } else {
                throw fail(node, "\(node.opType) over axes \(axes.sorted()); only the spatial axes of a (batch, …, channels) or (batch, channels, …) tensor are supported")
            }
            try add(node, className: node.opType, kind: .globalPooling(operation: operation, rank: rank - 2, keepDimensions: keep),
                    input: node.inputName(0), output: node.outputName(0), layout: layout)
        default: throw unsupported(node)
        }
    }

    /// MaxPool and AveragePool without padding (ONNX pads max pooling with −∞, which zero padding is not).
    private mutating func readWindowPooling(_ node: Onnx_NodeProto) throws {
        guard let kernel = attribute(node, "kernel_shape")?.ints.map(Int.init), !kernel.isEmpty else { throw fail(node, "pooling needs kernel_shape") }
        guard (attribute(node, "ceil_mode")?.i ?? 0) == 0 else { throw fail(node, "ceil_mode 1 is not supported") }
        let spatial = try window(node, rank: kernel.count, kernel: kernel)
        guard spatial.pads.allSatisfy({ $0 == [0, 0] }), spatial.padding == .valid, spatial.dilations.allSatisfy({ $0 == 1 }) else {
            throw fail(node, "padded or dilated pooling is not supported yet")
        }
        let pool = PoolingAttributes(operation: node.opType == "MaxPool" ? .max : .average, rank: kernel.count, poolSize: kernel,
                                     strides: spatial.strides, padding: .valid)
        try add(node, className: node.opType == "MaxPool" ? "MaxPooling\(kernel.count)D" : "AveragePooling\(kernel.count)D",
                kind: .pooling(pool), input: node.inputName(0), output: node.outputName(0), layout: spatialLayout)
    }
}
