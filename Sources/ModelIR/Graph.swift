/// A neural network as a directed acyclic graph of named layers.
///
/// Creating a graph checks it: names are unique, every input refers to an earlier layer, every
/// layer's input shapes suit it, and every weight has the shape the layer's attributes require.
/// Each layer's ``Layer/outputShape`` is computed on the way.
public struct Graph: Sendable, Equatable {
    /// The model's name.
    public var name: String
    /// The layers in topological order (for Keras models: `model.layers` order, nested models expanded).
    public private(set) var layers: [Layer]
    /// The names of the input layers, in the model's argument order.
    public var inputs: [String]
    /// The names of the layers whose outputs are the model's outputs.
    public var outputs: [String]

    /// Creates and checks a graph.
    ///
    /// - Throws: ``GraphError`` naming the first layer that does not fit.
    public init(name: String, layers: [Layer], inputs: [String], outputs: [String]) throws {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        var shapes: [String: [Int]] = [:]
        var checked: [Layer] = []
        checked.reserveCapacity(layers.count)
        for var layer in layers {
            guard shapes[layer.name] == nil else { throw GraphError(layer: layer.name, "the name is used by more than one layer") }
            let inputShapes = try layer.inputs.map { source in
                guard let shape = shapes[source] else {
                    throw GraphError(layer: layer.name, "its input '\(source)' is not an earlier layer of the model")
                }
                return shape
            }
            layer.outputShape = try ShapeInference.outputShape(of: layer, inputShapes: inputShapes)
            try ShapeInference.checkWeights(of: layer, inputShapes: inputShapes)
            shapes[layer.name] = layer.outputShape
            checked.append(layer)
        }
        for name in inputs + outputs where shapes[name] == nil {
            throw GraphError(layer: name, "named as a model input or output but not a layer of the model")
        }
        self.layers = checked
    }

    /// The graph as it computes: every layer ``Layer/withQuantizedWeights()`` (QKeras weights
    /// replaced by their quantized values, as QKeras quantizes them on every call).
    public func withQuantizedWeights() -> Graph {
        var result = self
        result.layers = layers.map { $0.withQuantizedWeights() }
        return result
    }

    /// The layer with this name.
    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }

    /// The number of weight values in the model.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Replaces the values of one weight, keeping its shape and stored type.
    ///
    /// - Throws: ``GraphError`` when the layer or weight does not exist or the count differs.
    public mutating func setValues(_ values: [Float], ofWeight weight: String, inLayer layer: String) throws {
        guard let layerIndex = layers.firstIndex(where: { $0.name == layer }) else {
            throw GraphError(layer: layer, "no such layer")
        }
        guard let weightIndex = layers[layerIndex].weights.firstIndex(where: { $0.name == weight }) else {
            throw GraphError(layer: layer, "the layer has no weight '\(weight)'")
        }
        guard layers[layerIndex].weights[weightIndex].tensor.count == values.count else {
            throw GraphError(layer: layer, "weight '\(weight)' holds \(layers[layerIndex].weights[weightIndex].tensor.count) values, not \(values.count)")
        }
        layers[layerIndex].weights[weightIndex].tensor.values = values
    }
}
