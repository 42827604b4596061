import FixtureSupport
import GraphPasses
import Inference
import ModelIR
import Testing

/// Hand-built graphs for the pass tests: a chain of layers after one input, with random weights.
struct GraphSketch {
    var layers: [Layer]
    var generator = SeededGenerator(seed: 17)

    init(input shape: [Int]) {
        layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: shape), inputs: [])]
    }

    /// Appends a layer reading the previous one (or `inputs`).
    mutating func add(_ name: String, _ className: String, _ kind: LayerKind, inputs: [String]? = nil, weights: [[Int]] = [],
                      activation: Activation? = nil) {
        let tensors = zip(kind.weightNames, weights).map { name, shape in
            Weight(name: name, tensor: Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -1...1, using: &generator) }))
        }
        layers.append(Layer(name: name, className: className, kind: kind, inputs: inputs ?? [layers.last!.name], activation: activation, weights: tensors))
    }

    /// Replaces the values of one weight.
    mutating func set(_ layer: String, _ weight: String, _ values: [Float]) {
        let position = layers.firstIndex { $0.name == layer }!
        let slot = layers[position].weights.firstIndex { $0.name == weight }!
        layers[position].weights[slot].tensor.values = values
    }

    func graph(outputs: [String]? = nil) throws -> Graph {
        try Graph(name: "sketch", layers: layers, inputs: ["in"], outputs: outputs ?? [layers.last!.name])
    }
}

/// What the pass tests compare: the outputs of `graph` on `count` random samples (seeded).
func predictions(_ graph: Graph, count: Int = 3, seed: UInt64 = 5) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    let pass = ForwardPass(graph: graph)
    let inputs = pass.inputSizes.map { size in (0..<size * count).map { _ in Float.random(in: -2...2, using: &generator) } }
    return pass.run(inputs: inputs, count: count).flatMap { $0 }
}

/// Runs `passes` to a fixed point on `graph`.
func canonical(_ graph: Graph, _ passes: [any GraphPass]) throws -> PassPipeline.Result {
    try PassPipeline(passes: passes).run(on: graph)
}

/// Whether the largest difference is within float32 rounding of sums of a few products.
func close(_ left: [Float], _ right: [Float], tolerance: Float = 1e-5) -> Bool {
    left.count == right.count && zip(left, right).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0)) }
}

/// The classes of a graph's layers after the input.
func classes(_ graph: Graph) -> [String] { graph.layers.dropFirst().map(\.className) }

/// `graph` with every weight scaled by position-dependent factors (so that a misplaced value shows).
func perturbed(_ graph: Graph) throws -> Graph {
    var result = graph
    for layer in graph.layers {
        for weight in layer.weights {
            let values = weight.tensor.values.enumerated().map { $0.element * (1 + 0.01 * Float($0.offset % 7)) - 0.001 * Float($0.offset) }
            try result.setValues(values, ofWeight: weight.name, inLayer: layer.name)
        }
    }
    return result
}

/// The write-back property: weights changed in the rewritten graph, written back to their
/// origins, make the original graph predict what the changed rewritten graph predicts.
func expectWriteBackKeepsPredictions(_ original: Graph, _ result: PassPipeline.Result, tolerance: Float = 1e-5) throws {
    let changed = try perturbed(result.graph)
    let restored = try result.origins.writing(changed, onto: original)
    #expect(restored != original)
    #expect(close(predictions(restored), predictions(changed), tolerance: tolerance))
}
