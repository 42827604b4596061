import ModelIR

/// Moves a Permute past a Reshape that only adds or removes axes of size 1 (ONNX's Squeeze and
/// Unsqueeze between tf2onnx's Transposes), so that the Permute meets the next one.
///
/// Pre-condition: Permute `P` (input shape `S`, output `T`) whose only reader is a Reshape `R` to
/// `Y`, where `T` and `Y` have the same sizes once the 1s are left out, and `P` is no model output.
/// Post-condition: `R` reads `P`'s input and reshapes it to `S`'s sizes other than 1 (in `S`'s
/// order) followed by as many 1s as `Y` has; `P` reads `R` and permutes that to `Y`. Reshapes keep
/// C order and axes of size 1 hold no order, so the values are the same.
///
/// ```swift
/// // (1, 30, 8) → Permute(3, 1, 2) → Reshape(8, 30)   becomes   (1, 30, 8) → Reshape(30, 8) → Permute(2, 1)
/// _ = try MovePermutesPastUnitReshapes().rewriteOnce(&traced)
/// ```
public struct MovePermutesPastUnitReshapes: GraphPass {
    public let name = "move-permutes-past-unit-reshapes"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .permute(let dims) = graph.layers[index].kind, let reader = graph.soleReader(of: graph.layers[index].name) else { continue }
            let input = graph.inputShape(of: index)
            let permuted = graph.shape(index)
            let target = graph.shape(reader)
            guard MovePermutesThroughElementwiseLayers.onlyMovesUnitAxes(graph.layers[reader], from: permuted, to: target) else { continue }
            let kept = input.indices.filter { input[$0] != 1 }
            let units = target.filter { $0 == 1 }.count
            // The input axis each non-unit axis of the permuted value comes from, in order.
            var sources = permuted.indices.filter { permuted[$0] != 1 }.map { dims[$0] - 1 }[...]
            var nextUnit = kept.count
            let newDims = target.map { size -> Int in
                guard size == 1 else { return kept.firstIndex(of: sources.popFirst()!)! + 1 }
                nextUnit += 1
                return nextUnit
            }
            graph.exchange(index, withReader: reader)
            graph.modify(index) { $0.kind = .reshape(targetShape: kept.map { input[$0] } + Array(repeating: 1, count: units)) }
            graph.modify(reader) { $0.kind = .permute(dims: newDims) }
            return true
        }
        return false
    }
}
