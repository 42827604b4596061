import ModelIR

/// Composes a Permute read only by another Permute into one; a composition that keeps every axis
/// in place is then dropped by ``DropIdentityLayers`` (an inverse pair cancels).
///
/// Pre-condition: Permute `P` whose only reader is Permute `Q`, and `P` is no model output.
/// Post-condition: `Q` reads `P`'s input with dims `q.map { p[$0 − 1] }`; `P` is gone.
///
/// ```swift
/// // Permute(3, 1, 2) → Permute(2, 3, 1)   becomes   Permute(1, 2, 3), then nothing
/// _ = try MergePermutes().rewriteOnce(&traced)
/// ```
public struct MergePermutes: GraphPass {
    public let name = "merge-permutes"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .permute(let first) = graph.layers[index].kind, let reader = graph.soleReader(of: graph.layers[index].name),
                  case .permute(let second) = graph.layers[reader].kind else { continue }
            graph.modify(reader) { $0.kind = .permute(dims: second.map { first[$0 - 1] }) }
            graph.bypass(index)
            return true
        }
        return false
    }
}
