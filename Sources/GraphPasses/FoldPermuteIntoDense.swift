import ModelIR

/// Folds the Permute before a Flatten into the next Dense's kernel: flattening the unpermuted
/// value gives the same numbers in another order, which reordering the kernel's rows undoes exactly.
///
/// Pre-condition: Permute `P` → Flatten (or a Reshape to one axis) `F` → Dense `D`, each the only
/// reader of the one before, none a model output, `D` unquantized.
/// Post-condition: `F` reads `P`'s input; row `s` of `D`'s kernel is the old row at the position
/// the value flattened at `s` had after `P`; `P` is gone. The kernel's origin records the reordering.
///
/// ```swift
/// // (2, 3, 4) → Permute(3, 1, 2) → Flatten → Dense   becomes   (2, 3, 4) → Flatten → Dense
/// _ = try FoldPermuteIntoDense().rewriteOnce(&traced)
/// ```
public struct FoldPermuteIntoDense: GraphPass {
    public let name = "fold-permute-into-dense"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .permute(let dims) = graph.layers[index].kind, let flatten = graph.soleReader(of: graph.layers[index].name),
                  Self.flattens(graph.layers[flatten], outputShape: graph.shape(flatten)), let dense = graph.soleReader(of: graph.layers[flatten].name),
                  case .dense(let attributes) = graph.layers[dense].kind, graph.layers[dense].weightQuantizers.isEmpty,
                  let kernelPosition = graph.layers[dense].weights.firstIndex(where: { $0.name == "kernel" }) else { continue }
            let rows = Self.rowOrder(inputShape: graph.inputShape(of: index), dims: dims)
            let units = attributes.units
            let positions = rows.flatMap { row in (0..<units).map { row * units + $0 } }
            let kernel = graph.layers[dense].weights[kernelPosition].tensor
            graph.modify(dense) { $0.weights[kernelPosition].tensor.values = positions.map { kernel.values[$0] } }
            let denseName = graph.layers[dense].name
            if let origin = graph.origins.byLayer[denseName]?["kernel"] {
                graph.origins.byLayer[denseName]?["kernel"] = origin.reordered(by: positions)
            }
            graph.bypass(index)
            return true
        }
        return false
    }

    /// Flatten, or a Reshape to one axis.
    static func flattens(_ layer: Layer, outputShape: [Int]) -> Bool {
        switch layer.kind {
        case .flatten: true
        case .reshape: outputShape.count == 1
        default: false
        }
    }

    /// For each flat position `s` of a value of `inputShape`, the flat position of the same value
    /// after Permute `dims`.
    package static func rowOrder(inputShape: [Int], dims: [Int]) -> [Int] {
        let permutedShape = dims.map { inputShape[$0 - 1] }
        let count = inputShape.reduce(1, *)
        var permutedStrides = Array(repeating: 1, count: permutedShape.count)
        for axis in stride(from: permutedShape.count - 2, through: 0, by: -1) { permutedStrides[axis] = permutedStrides[axis + 1] * permutedShape[axis + 1] }
        // The stride, in the permuted value, of each input axis.
        var strideOfInputAxis = Array(repeating: 0, count: inputShape.count)
        for (axis, source) in dims.enumerated() { strideOfInputAxis[source - 1] = permutedStrides[axis] }
        var order = [Int](repeating: 0, count: count)
        var coordinates = Array(repeating: 0, count: inputShape.count)
        for position in 0..<count {
            order[position] = zip(coordinates, strideOfInputAxis).reduce(0) { $0 + $1.0 * $1.1 }
            var axis = inputShape.count - 1
            while axis >= 0 {
                coordinates[axis] += 1
                if coordinates[axis] < inputShape[axis] { break }
                coordinates[axis] = 0
                axis -= 1
            }
        }
        return order
    }
}
