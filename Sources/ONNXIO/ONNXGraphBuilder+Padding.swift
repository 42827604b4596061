import Foundation
import ModelIR
import ONNXProto

/// Pad, as a ZeroPadding layer.
extension ONNXGraphBuilder {
    /// Pad with zeros (constant mode) over the spatial axes, as ZeroPadding in the layout where the
    /// channel axis is last and unpadded.
    mutating func readPad(_ node: Onnx_NodeProto) throws {
        let mode = String(decoding: attribute(node, "mode")?.s ?? Data("constant".utf8), as: UTF8.self)
        var pads = attribute(node, "pads")?.ints.map(Int.init) ?? []
        if pads.isEmpty, node.input.count > 1, let constant = constants[node.inputName(1)] { pads = try integers(constant.values, of: node) }
        if node.input.count > 2, !node.inputName(2).isEmpty, let value = constants[node.inputName(2)], value.values.contains(where: { $0 != 0 }) {
            throw fail(node, "Pad with a non-zero constant is not supported")
        }
        let shape = try onnxShape(of: node.inputName(0))
        let rank = shape.count + 1
        guard mode == "constant", pads.count == 2 * rank, pads[0] == 0, pads[rank] == 0 else {
            throw fail(node, "Pad must be constant zero padding that leaves the batch alone")
        }
        let perAxis = (1..<rank).map { [pads[$0], pads[rank + $0]] }
        if perAxis.last == [0, 0] {
            // ONNX's order already has channels last (tf2onnx's NLC/NHWC).
            try add(node, className: "ZeroPadding\(rank - 2)D", kind: .zeroPadding(rank: rank - 2, padding: Array(perAxis.dropLast())),
                    input: node.inputName(0), output: node.outputName(0), layout: .asIs)
        } else if perAxis.first == [0, 0] {
            try add(node, className: "ZeroPadding\(rank - 2)D", kind: .zeroPadding(rank: rank - 2, padding: Array(perAxis.dropFirst())),
                    input: node.inputName(0), output: node.outputName(0), layout: .channelsLast)
        } else {
            throw fail(node, "Pad on both the first and the last axis is not supported")
        }
    }
}
