import ModelIR

/// Drops the size-1 axes a global pooling keeps when a Reshape or Flatten reads it (ONNX's
/// GlobalAveragePool/ReduceMean keep them, Keras's GlobalAveragePooling does not), and names the
/// layer with Keras's class.
///
/// Pre-condition: a global pooling with `keepDimensions` whose only reader is a Reshape or
/// Flatten, the pooling no model output.
/// Post-condition: the pooling outputs (channels,) as `GlobalAveragePooling<r>D` or
/// `GlobalMaxPooling<r>D`; the reader reshapes that, the same values in the same order.
///
/// ```swift
/// // GlobalAveragePool (1, 4) → Flatten   becomes   GlobalAveragePooling1D (4,) → Flatten (then dropped)
/// _ = try DropKeptPoolingAxes().rewriteOnce(&traced)
/// ```
public struct DropKeptPoolingAxes: GraphPass {
    public let name = "drop-kept-pooling-axes"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .globalPooling(let operation, let rank, true) = graph.layers[index].kind,
                  let reader = graph.soleReader(of: graph.layers[index].name), MergeReshapeChains.isReshape(graph.layers[reader]) else { continue }
            graph.modify(index) {
                $0.kind = .globalPooling(operation: operation, rank: rank, keepDimensions: false)
                $0.className = "Global\(operation == .max ? "Max" : "Average")Pooling\(rank)D"
            }
            return true
        }
        return false
    }
}
