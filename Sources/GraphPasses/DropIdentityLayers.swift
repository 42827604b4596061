import ModelIR

/// Removes layers that compute the identity at inference.
///
/// Pre-condition: a one-input layer that is Dropout, a linear `Activation`, a Permute whose dims
/// keep every axis in place, a Reshape to its input's shape, a Flatten of a one-axis input, or a
/// ZeroPadding that pads nothing; it is not a model input.
/// Post-condition: its readers (and the model outputs it was) read its input instead.
///
/// ```swift
/// // in → Dropout → Dense   becomes   in → Dense
/// _ = try DropIdentityLayers().rewriteOnce(&traced)
/// ```
public struct DropIdentityLayers: GraphPass {
    public let name = "drop-identity-layers"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        guard let index = graph.layers.indices.first(where: { isIdentity($0, in: graph) }) else { return false }
        graph.bypass(index)
        return true
    }

    private func isIdentity(_ index: Int, in graph: TracedGraph) -> Bool {
        let layer = graph.layers[index]
        guard layer.inputs.count == 1, !graph.inputs.contains(layer.name) else { return false }
        let input = graph.inputShape(of: index)
        switch layer.kind {
        case .dropout: return true
        case .activation(.linear): return layer.activation == nil || layer.activation == .linear
        case .permute(let dims): return dims == Array(1..<dims.count + 1)
        case .reshape: return graph.shape(index) == input
        case .flatten: return input.count == 1
        case .zeroPadding(_, let padding): return padding.allSatisfy { $0.allSatisfy { $0 == 0 } }
        default: return false
        }
    }
}
