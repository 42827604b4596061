import Foundation
import ModelIR
import ONNXProto

/// Up-sampling ops: nearest-neighbour Resize and Upsample, and tf2onnx's Split + Concat pattern.
extension ONNXGraphBuilder {
    mutating func readUpSampling(_ index: Int) throws {
        let node = nodes[index]
        switch node.opType {
        case "Resize", "Upsample": try readResize(node)
        case "Split": try readSplitUpSampling(index)
        default: throw unsupported(node)
        }
    }

    /// tf2onnx's nearest up-sampling: a Split of a spatial axis into single slices, all read by one
    /// Concat on that axis that repeats each slice `k` times in order: UpSampling by `k` on that axis.
    private mutating func readSplitUpSampling(_ index: Int) throws {
        let node = nodes[index]
        let shape = try onnxShape(of: node.inputName(0))
        let rank = shape.count + 1
        let axis = Int(attribute(node, "axis")?.i ?? 0)
        let position = axis < 0 ? axis + rank : axis
        let readers = Set(node.output.flatMap { self.readers[$0] ?? [] })
        guard position >= 1, position < rank, shape[position - 1] == node.output.count, readers.count == 1, let next = readers.first,
              nodes[next].opType == "Concat", node.input.count == 1 || node.inputName(1).isEmpty || constants[node.inputName(1)]?.values.allSatisfy({ $0 == 1 }) == true
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
                input: node.inputName(0), output: concat.outputName(0), layout: layout)
    }

    /// Nearest-neighbour Resize (or Upsample) by whole scales on the spatial axes: UpSampling.
    private mutating func readResize(_ node: Onnx_NodeProto) throws {
        let mode = String(decoding: attribute(node, "mode")?.s ?? Data("nearest".utf8), as: UTF8.self)
        guard mode == "nearest" else { throw fail(node, "\(node.opType) mode \(mode) is not supported (nearest only)") }
        let scalesName = node.opType == "Upsample" ? (node.input.count > 1 ? node.inputName(1) : "") : (node.input.count > 2 ? node.inputName(2) : "")
        guard let scales = constants[scalesName]?.values, scales.count >= 3, scales[0] == 1,
              scales.allSatisfy({ $0 >= 1 && $0 == $0.rounded() }) else {
            throw fail(node, "\(node.opType) needs constant whole scales (and no sizes input)")
        }
        let factors = try integers(scales, of: node)
        let layout: Layout
        let size: [Int]
        if factors.last == 1 { layout = .asIs; size = Array(factors.dropFirst().dropLast()) }
        else if factors[1] == 1 { layout = .channelsLast; size = Array(factors.dropFirst(2)) }
        else { throw fail(node, "\(node.opType) scales \(factors) change the channel axis") }
        try add(node, className: "UpSampling\(size.count)D", kind: .upSampling(rank: size.count, size: size),
                input: node.inputName(0), output: node.outputName(0), layout: layout)
    }
}
