import ModelIR
import ONNXProto

/// Ops that only move or relabel values: Identity and Dropout (no layer), Transpose (Permute),
/// Flatten, Reshape, Squeeze and Unsqueeze (Reshape), in the forms keras2onnx writes too
/// (Transpose without perm, Flatten at any axis that keeps samples apart).
extension ONNXGraphBuilder {
    mutating func readShape(_ node: Onnx_NodeProto) throws {
        switch node.opType {
        case "Identity", "Dropout":
            producer[node.outputName(0)] = try source(node.inputName(0), of: node)
            layouts[node.outputName(0)] = layouts[node.inputName(0)]
        case "Transpose":
            // Without perm, Transpose reverses every axis (ONNX's default), the batch axis included.
            let rank = try onnxShape(of: node.inputName(0)).count + 1
            let given = attribute(node, "perm")?.ints.map(Int.init)
            let perm = given ?? Array((0..<rank).reversed())
            guard perm.first == 0, perm.count >= 2 else {
                let what = given == nil ? "Transpose without perm reverses all \(rank) axes (perm \(perm))" : "Transpose with perm \(perm)"
                throw fail(node, "\(what) moves the batch axis; it must stay first")
            }
            try add(node, className: "Permute", kind: .permute(dims: Array(perm.dropFirst())), input: node.inputName(0), output: node.outputName(0), layout: .asIs)
            permutes[producer[node.outputName(0)]!] = (try source(node.inputName(0), in: .asIs, of: node), Array(perm.dropFirst()))
        case "Flatten": try readFlatten(node)
        case "Reshape":
            guard let target = constants[node.inputName(1)] else { throw fail(node, "Reshape needs a constant shape") }
            let all = try integers(target.values, of: node)
            let dims = Array(all.dropFirst())
            // A graph with a fixed batch of 1 (keras2onnx) spells the batch as 1.
            guard all.first.map({ $0 == -1 || $0 == 0 || ($0 == 1 && hasBatchOfOne) }) ?? false, !dims.contains(0) else {
                throw fail(node, "Reshape to \(all) must keep the batch dimension first (-1 or 0\(hasBatchOfOne ? ", or 1 for this batch of 1" : ""))")
            }
            try add(node, className: "Reshape", kind: .reshape(targetShape: dims), input: node.inputName(0), output: node.outputName(0), layout: .asIs)
        case "Squeeze", "Unsqueeze": try readSqueeze(node)
        default: throw unsupported(node)
        }
    }

    /// Flatten at `axis`: the same as at axis 1 when the axes it would fold into the batch have
    /// size 1 (or, at axis 0, when the batch is fixed at 1); anything else mixes samples.
    private mutating func readFlatten(_ node: Onnx_NodeProto) throws {
        let shape = try onnxShape(of: node.inputName(0))
        let given = Int(attribute(node, "axis")?.i ?? 1)
        let rank = shape.count + 1
        let axis = given < 0 ? given + rank : given
        guard (0...rank).contains(axis) else { throw fail(node, "Flatten axis \(given) is outside -\(rank)…\(rank) for its input of \(rank) axes") }
        if axis == 0, !hasBatchOfOne {
            throw fail(node, "Flatten with axis 0 folds the batch into the features; only a graph with a fixed batch of 1 can do that per sample")
        }
        if axis > 1, let folded = (1..<axis).first(where: { shape[$0 - 1] != 1 }) {
            throw fail(node, "Flatten with axis \(given) folds axis \(folded) (size \(shape[folded - 1])) into the batch; only axes of size 1 can be")
        }
        try add(node, className: "Flatten", kind: .flatten, input: node.inputName(0), output: node.outputName(0), layout: .asIs)
    }

    /// Squeeze and Unsqueeze (axes from the attribute, or a constant second input since opset 13)
    /// as a Reshape of the value in ONNX's own axis order.
    private mutating func readSqueeze(_ node: Onnx_NodeProto) throws {
        let shape = try onnxShape(of: node.inputName(0))
        var axes = attribute(node, "axes")?.ints.map(Int.init) ?? []
        if axes.isEmpty, node.input.count > 1, let constant = constants[node.inputName(1)] { axes = try integers(constant.values, of: node) }
        let rank = shape.count + 1 + (node.opType == "Unsqueeze" ? axes.count : 0)
        let positions = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
        guard !positions.contains(0) else { throw fail(node, "\(node.opType) of the batch axis is not supported") }
        var target: [Int]
        if node.opType == "Squeeze" {
            guard !positions.isEmpty, positions.allSatisfy({ $0 >= 1 && $0 - 1 < shape.count && shape[$0 - 1] == 1 }) else {
                throw fail(node, "Squeeze needs explicit axes of size 1 (shape \(shape), axes \(axes))")
            }
            target = shape.enumerated().filter { !positions.contains($0.offset + 1) }.map(\.element)
        } else {
            target = []
            var remaining = shape[...]
            for axis in 1..<rank { target.append(positions.contains(axis) ? 1 : remaining.popFirst() ?? 1) }
        }
        try add(node, className: "Reshape", kind: .reshape(targetShape: target), input: node.inputName(0), output: node.outputName(0), layout: .asIs)
    }
}
