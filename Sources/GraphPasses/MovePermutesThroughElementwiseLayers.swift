import ModelIR

/// Moves a Permute after an element-wise layer to before it when, past element-wise layers only,
/// another Permute follows, so that the two Permutes meet and ``MergePermutes`` composes them.
///
/// Pre-condition: Permute `P` whose only reader is an element-wise layer `E` (an activation other
/// than softmax, ReLU, LeakyReLU, Dropout), followed — each the only reader of the one before,
/// none a model output — by more element-wise layers or Reshapes that only add or remove axes of
/// size 1 (which ``MovePermutesPastUnitReshapes`` moves `P` past), and then a Permute.
/// Post-condition: `E` reads `P`'s input and `P` reads `E` (same names, so `E`'s readers now read
/// `P`). Element-wise layers commute with any reordering of the axes, so predictions are unchanged.
///
/// ```swift
/// // Permute(2, 1) → ReLU → Permute(2, 1)   becomes   ReLU → Permute(2, 1) → Permute(2, 1)
/// _ = try MovePermutesThroughElementwiseLayers().rewriteOnce(&traced)
/// ```
public struct MovePermutesThroughElementwiseLayers: GraphPass {
    public let name = "move-permutes-through-elementwise-layers"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .permute = graph.layers[index].kind, let first = graph.soleReader(of: graph.layers[index].name),
                  Self.isElementwise(graph.layers[first]) else { continue }
            var current = first
            while let next = graph.soleReader(of: graph.layers[current].name),
                  Self.isElementwise(graph.layers[next]) || Self.onlyMovesUnitAxes(graph.layers[next], from: graph.shape(current), to: graph.shape(next)) {
                current = next
            }
            guard let next = graph.soleReader(of: graph.layers[current].name), case .permute = graph.layers[next].kind else { continue }
            graph.exchange(index, withReader: first)
            return true
        }
        return false
    }

    /// Whether `layer` is a Reshape from `input` to `output` that only adds or removes 1s.
    static func onlyMovesUnitAxes(_ layer: Layer, from input: [Int], to output: [Int]) -> Bool {
        guard case .reshape = layer.kind else { return false }
        return output.filter { $0 != 1 } == input.filter { $0 != 1 }
    }

    /// Layers that act on each value alone, whatever its position.
    static func isElementwise(_ layer: Layer) -> Bool {
        guard layer.inputs.count == 1, layer.weights.isEmpty else { return false }
        switch layer.kind {
        case .activation(let function): return function != .softmax
        case .relu, .leakyReLU, .dropout: return true
        default: return false
        }
    }
}
