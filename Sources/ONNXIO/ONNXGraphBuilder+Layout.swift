import ModelIR
import ONNXProto

/// Which IR layer holds an ONNX value, and in which layout (as-is or channels-last), with the
/// Permute layers that convert between the two.
extension ONNXGraphBuilder {
    func source(_ value: String, of node: Onnx_NodeProto) throws -> String {
        guard let layer = producer[value] else { throw fail(node, "its input '\(value)' is not computed by a supported node") }
        return layer
    }

    /// The IR layer holding `value` in `layout`, adding a Permute layer when the layouts differ
    /// (and reusing the input of a Permute that did the opposite).
    mutating func source(_ value: String, in layout: Layout, of node: Onnx_NodeProto) throws -> String {
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

    /// The output shape of the layer producing `value`.
    func shape(of value: String) throws -> [Int] {
        producer[value].flatMap { shapes[$0] } ?? []
    }

    /// The shape ONNX sees for a value (without the batch): the IR shape, permuted back when the IR
    /// holds it channels-last.
    func onnxShape(of value: String) throws -> [Int] {
        let shape = try shape(of: value)
        guard layouts[value] == .channelsLast, shape.count >= 2 else { return shape }
        return [shape[shape.count - 1]] + shape.dropLast()
    }
}
