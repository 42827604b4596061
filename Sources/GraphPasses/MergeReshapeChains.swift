import ModelIR

/// Merges a Reshape or Flatten read only by another Reshape or Flatten into the second one, and
/// names a Reshape to one axis of a multi-axis value a Flatten (what Keras's Flatten exports as).
///
/// Pre-condition: Reshape/Flatten `A` whose only reader is Reshape/Flatten `B`, `A` no model
/// output; or a Reshape whose output has one axis and whose input has more.
/// Post-condition: `B` reads `A`'s input (C order is kept by both, so `B`'s values are the same);
/// `A` is gone. A Reshape that flattens is a `Flatten` layer.
///
/// ```swift
/// // (4, 8) → Reshape(1, 4, 8) → Reshape(32)   becomes   (4, 8) → Flatten
/// _ = try MergeReshapeChains().rewriteOnce(&traced)
/// ```
public struct MergeReshapeChains: GraphPass {
    public let name = "merge-reshape-chains"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices where Self.isReshape(graph.layers[index]) {
            if case .reshape = graph.layers[index].kind, graph.shape(index).count == 1, graph.inputShape(of: index).count > 1 {
                graph.modify(index) {
                    $0.kind = .flatten
                    $0.className = "Flatten"
                }
                return true
            }
            guard let reader = graph.soleReader(of: graph.layers[index].name), Self.isReshape(graph.layers[reader]) else { continue }
            graph.bypass(index)
            return true
        }
        return false
    }

    static func isReshape(_ layer: Layer) -> Bool {
        switch layer.kind {
        case .reshape, .flatten: layer.inputs.count == 1
        default: false
        }
    }
}
