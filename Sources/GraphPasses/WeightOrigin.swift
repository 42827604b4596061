import ModelIR

/// Where one weight of a rewritten graph came from in the graph the passes started from.
///
/// ```swift
/// // value i of the canonical kernel is value order[i] of layer "fc"'s kernel before the passes
/// let origin = WeightOrigin(layer: "fc", weight: "kernel", order: [2, 3, 0, 1])
/// ```
public struct WeightOrigin: Sendable, Equatable {
    /// The layer of the original graph that holds the weight.
    public var layer: String
    /// The weight's name in that layer.
    public var weight: String
    /// For each value of the rewritten weight (C order), the position of the original value it
    /// holds; `nil` when the positions are the same (a pure reshape or a copy).
    public var order: [Int]?

    public init(layer: String, weight: String, order: [Int]? = nil) {
        self.layer = layer
        self.weight = weight
        self.order = order
    }

    /// This origin after a rewrite that made value i of the weight from value `positions[i]`.
    func reordered(by positions: [Int]) -> WeightOrigin {
        var result = self
        result.order = positions.map { order?[$0] ?? $0 }
        return result
    }
}

/// Where every weight of a rewritten graph came from, so that changed weights (pruned, trained)
/// can be written back into the graph the passes started from.
///
/// ```swift
/// let canonical = try PassPipeline.standard.run(on: raw)
/// var pruned = canonical.graph          // … weights changed …
/// let rawPruned = try canonical.origins.writing(pruned, onto: raw)
/// ```
public struct WeightOrigins: Sendable, Equatable {
    /// By rewritten layer name, then weight name.
    public var byLayer: [String: [String: WeightOrigin]]

    public init(byLayer: [String: [String: WeightOrigin]]) {
        self.byLayer = byLayer
    }

    /// Every weight of `graph` where it is, unmoved.
    init(identityOf layers: [Layer]) {
        var byLayer: [String: [String: WeightOrigin]] = [:]
        for layer in layers where !layer.weights.isEmpty {
            byLayer[layer.name] = Dictionary(uniqueKeysWithValues: layer.weights.map { ($0.name, WeightOrigin(layer: layer.name, weight: $0.name)) })
        }
        self.byLayer = byLayer
    }

    /// `original` with the values of every weight of `rewritten` written to where they came from.
    ///
    /// - Throws: ``GraphPassError`` when a weight of `rewritten` has no origin, its origin is not
    ///   in `original`, or their value counts differ (a reduced model no longer maps back).
    public func writing(_ rewritten: Graph, onto original: Graph) throws -> Graph {
        var result = original
        var values: [String: [String: [Float]]] = [:]
        for layer in rewritten.layers {
            for weight in layer.weights {
                guard let origin = byLayer[layer.name]?[weight.name] else {
                    throw GraphPassError(layer: layer.name, "weight '\(weight.name)' has no origin in the graph as read")
                }
                guard let target = original.layer(named: origin.layer)?.weight(origin.weight) else {
                    throw GraphPassError(layer: layer.name, "weight '\(weight.name)' comes from '\(origin.layer)/\(origin.weight)', which the graph as read lacks")
                }
                guard target.tensor.count == weight.tensor.count, origin.order.map({ $0.count == weight.tensor.count }) ?? true else {
                    throw GraphPassError(layer: layer.name, "weight '\(weight.name)' holds \(weight.tensor.count) values; "
                                         + "'\(origin.layer)/\(origin.weight)' holds \(target.tensor.count)")
                }
                var stored = values[origin.layer]?[origin.weight] ?? target.tensor.values
                if let order = origin.order {
                    for (index, position) in order.enumerated() { stored[position] = weight.tensor.values[index] }
                } else {
                    stored = weight.tensor.values
                }
                values[origin.layer, default: [:]][origin.weight] = stored
            }
        }
        for (layer, weights) in values.sorted(by: { $0.key < $1.key }) {
            for (weight, stored) in weights.sorted(by: { $0.key < $1.key }) {
                try result.setValues(stored, ofWeight: weight, inLayer: layer)
            }
        }
        return result
    }
}
