import ModelIR

/// The outcome of pruning one prunable layer.
public struct LayerPruning: Sendable {
    public var attributes: LayerAttributes
    /// How the layer was pruned; `nil` when the objective left it alone.
    public var optimization: OptimizationAttributes?
    /// 1 for every kernel weight that is kept (trainable), 0 for those zeroed or shared; kernel layout.
    public var mask: [Float]
    /// The value a removed weight takes: its group's mean for shared groups, 0 otherwise; empty
    /// when no group of the layer is shared (every offset 0).
    public var offsets: [Float]
    public var groups: Int
    public var keptGroups: Int
    /// Groups replaced by their mean instead of zeroed.
    public var sharedGroups: Int
    public var resourcesBefore: [Int]
    public var resourcesAfter: [Int]

    public var weights: Int { mask.count }
    public var keptWeights: Int { mask.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
}

/// The masks of all prunable layers for one target sparsity, with the resource totals.
public struct PruningResult: Sendable {
    public var objective: String
    public var sparsity: Double
    public var layers: [LayerPruning]

    /// Σ over layers of the resources before and after, per dimension.
    public var resourcesBefore: [Int] { Self.total(layers.map(\.resourcesBefore)) }
    public var resourcesAfter: [Int] { Self.total(layers.map(\.resourcesAfter)) }

    private static func total(_ rows: [[Int]]) -> [Int] {
        rows.reduce(into: [Int]()) { sum, row in
            if sum.count < row.count { sum += Array(repeating: 0, count: row.count - sum.count) }
            for (index, value) in row.enumerated() { sum[index] += value }
        }
    }

    /// `graph` with every pruned kernel set to `W ⊙ mask + offset`.
    public func apply(to graph: Graph) throws -> Graph {
        var pruned = graph
        for layer in layers where layer.optimization != nil {
            guard let kernel = graph.layer(named: layer.attributes.name)?.weight("kernel") else { continue }
            let values = kernel.tensor.values.masked(by: layer.mask, offsets: layer.offsets)
            try pruned.setValues(values, ofWeight: "kernel", inLayer: layer.attributes.name)
        }
        return pruned
    }
}
