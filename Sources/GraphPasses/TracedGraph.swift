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
    /// The layers in topological order (their ``Layer/outputShape`` is the one read; passes use
    /// ``shape(_:)``, kept current by the pipeline).
    public private(set) var layers: [Layer]
    public internal(set) var inputs: [String]
    public internal(set) var outputs: [String]
    /// Where each weight of ``layers`` came from.
    public internal(set) var origins: WeightOrigins
    /// The positions of the layers that read each layer (one entry per input slot), as of the
    /// last change of the connections.
    private var readerPositions: [String: [Int]] = [:]
    /// Each layer's output shape as of the last ``recheck(after:)``, and the layers changed since.
    private var shapes: [String: [Int]]
    private var changed: Set<String> = []

    /// A graph no pass has rewritten yet: every weight is its own origin.
    public init(_ graph: Graph) {
        name = graph.name
        layers = graph.layers
        inputs = graph.inputs
        outputs = graph.outputs
        origins = WeightOrigins(identityOf: graph.layers)
        shapes = Dictionary(graph.layers.map { ($0.name, $0.outputShape) }, uniquingKeysWith: { first, _ in first })
        reindex()
    }

    /// Recomputes ``readerPositions`` after the connections changed.
    private mutating func reindex() {
        readerPositions = [:]
        for (position, layer) in layers.enumerated() {
            for input in layer.inputs { readerPositions[input, default: []].append(position) }
        }
    }

    /// The layers as a checked ``Graph`` (output shapes computed again).
    public func checked() throws -> Graph {
        try Graph(name: name, layers: layers, inputs: inputs, outputs: outputs)
    }

    /// Checks the layers a rewrite changed, and those whose inputs' shapes changed in turn,
    /// against their inputs (as ``Graph`` does), keeping their output shapes: linear in the
    /// layers, with shape inference only where something changed.
    mutating func recheck(after pass: String) throws {
        var reshaped = Set<String>()
        for layer in layers where changed.contains(layer.name) || layer.inputs.contains(where: reshaped.contains) {
            let shape: [Int]
            do {
                shape = try layer.outputShape(forInputs: layer.inputs.map { shapes[$0] ?? [] })
            } catch let error as GraphError {
                throw GraphPassError(pass: pass, layer: error.layer, "made a graph that does not check: \(error.message)")
            }
            if shapes[layer.name] != shape { reshaped.insert(layer.name) }
            shapes[layer.name] = shape
        }
        changed = []
    }

    /// The output shape of the layer at `index`.
    func shape(_ index: Int) -> [Int] { shapes[layers[index].name] ?? [] }

    /// Changes the layer at `index` (not its name) and marks it for ``recheck(after:)``.
    mutating func modify(_ index: Int, _ change: (inout Layer) -> Void) {
        change(&layers[index])
        changed.insert(layers[index].name)
    }

    /// The position of the one layer that reads `name`'s output, when exactly one does (once)
    /// and it is not a model output either.
    func soleReader(of name: String) -> Int? {
        guard let list = readerPositions[name], list.count == 1, !outputs.contains(name) else { return nil }
        return list[0]
    }

    /// The shape of the first input of the layer at `index`.
    func inputShape(of index: Int) -> [Int] {
        guard let source = layers[index].inputs.first else { return [] }
        return shapes[source] ?? []
    }

    /// Removes the one-input layer at `index`: its readers and the model outputs take its input
    /// instead, and its weights' origins are forgotten.
    mutating func bypass(_ index: Int) {
        let removed = layers.remove(at: index)
        let replacement = removed.inputs[0]
        for position in layers.indices where layers[position].inputs.contains(removed.name) {
            layers[position].inputs = layers[position].inputs.map { $0 == removed.name ? replacement : $0 }
            changed.insert(layers[position].name)
        }
        shapes[removed.name] = nil
        outputs = outputs.map { $0 == removed.name ? replacement : $0 }
        origins.byLayer[removed.name] = nil
        reindex()
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
        changed.formUnion([first.name, second.name])
        reindex()
    }
}
