import ModelIR

/// A graph while passes rewrite it: its layers (with output shapes as of the last check) and
/// where each weight came from in the graph the passes started from.
///
/// ```swift
/// var traced = TracedGraph(graph)
/// if let reader = traced.soleReader(of: "conv") { print(traced.layers[reader].className) }
/// ```
public struct TracedGraph: Sendable {
    public private(set) var name: String
    /// The layers in topological order; ``Layer/outputShape`` is as of the last ``checked()``.
    public internal(set) var layers: [Layer]
    public internal(set) var inputs: [String]
    public internal(set) var outputs: [String]
    /// Where each weight of ``layers`` came from.
    public internal(set) var origins: WeightOrigins

    /// A graph no pass has rewritten yet: every weight is its own origin.
    public init(_ graph: Graph) {
        name = graph.name
        layers = graph.layers
        inputs = graph.inputs
        outputs = graph.outputs
        origins = WeightOrigins(identityOf: graph.layers)
    }

    /// The layers as a checked ``Graph`` (output shapes computed again).
    public func checked() throws -> Graph {
        try Graph(name: name, layers: layers, inputs: inputs, outputs: outputs)
    }

    /// Replaces the layers by the checked ones, so that output shapes are current.
    mutating func recheck(after pass: String) throws {
        do {
            layers = try checked().layers
        } catch let error as GraphError {
            throw GraphPassError(pass: pass, layer: error.layer, "made a graph that does not check: \(error.message)")
        }
    }

    /// The positions of the layers that read `name`'s output.
    func readers(of name: String) -> [Int] { layers.indices.filter { layers[$0].inputs.contains(name) } }

    /// The position of the one layer that reads `name`'s output, when exactly one does (once)
    /// and it is not a model output either.
    func soleReader(of name: String) -> Int? {
        let list = readers(of: name)
        guard list.count == 1, layers[list[0]].inputs.filter({ $0 == name }).count == 1, !outputs.contains(name) else { return nil }
        return list[0]
    }

    /// The shape of the first input of the layer at `index`.
    func inputShape(of index: Int) -> [Int] {
        guard let source = layers[index].inputs.first else { return [] }
        return layers.first { $0.name == source }?.outputShape ?? []
    }

    /// Removes the one-input layer at `index`: its readers and the model outputs take its input
    /// instead, and its weights' origins are forgotten.
    mutating func bypass(_ index: Int) {
        let removed = layers.remove(at: index)
        let replacement = removed.inputs[0]
        for position in layers.indices {
            layers[position].inputs = layers[position].inputs.map { $0 == removed.name ? replacement : $0 }
        }
        outputs = outputs.map { $0 == removed.name ? replacement : $0 }
        origins.byLayer[removed.name] = nil
    }

    /// Exchanges the one-input layer at `index` with its only reader at `reader`: the reader's
    /// layer moves to `index` and reads the first one's input, the first moves to `reader` and
    /// reads it, and whatever read the reader (model outputs included) reads the first. Names and
    /// weights stay with their layers; the caller adjusts the kinds.
    mutating func exchange(_ index: Int, withReader reader: Int) {
        var first = layers[index]
        var second = layers[reader]
        for position in layers.indices {
            layers[position].inputs = layers[position].inputs.map { $0 == second.name ? first.name : $0 }
        }
        outputs = outputs.map { $0 == second.name ? first.name : $0 }
        second.inputs = first.inputs
        first.inputs = [second.name]
        layers[index] = second
        layers[reader] = first
    }
}
