import ModelIR

/// Reads a Permute that keeps the order of every axis larger than 1 (it only moves axes of size 1)
/// as the Reshape it is.
///
/// Pre-condition: Permute whose dims, restricted to the input axes of size other than 1, increase.
/// Post-condition: a Reshape to the Permute's output shape (same name); C order is unchanged, so
/// the values are the same. Reshapes then merge (``MergeReshapeChains``).
///
/// ```swift
/// // (30, 8, 1) → Permute(1, 3, 2) → (30, 1, 8)   becomes   Reshape(30, 1, 8)
/// _ = try ReadUnitAxisPermutesAsReshapes().rewriteOnce(&traced)
/// ```
public struct ReadUnitAxisPermutesAsReshapes: GraphPass {
    public let name = "read-unit-axis-permutes-as-reshapes"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .permute(let dims) = graph.layers[index].kind else { continue }
            let input = graph.inputShape(of: index)
            let moved = dims.filter { input[$0 - 1] != 1 }
            guard moved == moved.sorted() else { continue }
            let shape = graph.shape(index)
            graph.modify(index) {
                $0.kind = .reshape(targetShape: shape)
                $0.className = "Reshape"
            }
            return true
        }
        return false
    }
}
