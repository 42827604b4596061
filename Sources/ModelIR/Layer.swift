/// One node of a ``Graph``: what it computes, where its inputs come from, and its weights.
public struct Layer: Sendable, Equatable {
    /// Unique within the graph. Layers of a nested model are named `outer/inner`.
    public var name: String
    /// The class the layer had in its source framework, such as `Dense` or `PReLU`.
    public var className: String
    public var kind: LayerKind
    /// The layers whose outputs feed this one, in argument order.
    public var inputs: [String]
    /// The activation applied after the layer's own computation (Dense, convolutions), if any.
    public var activation: Activation?
    /// The weights, in ``LayerKind/weightNames`` order.
    public var weights: [Weight]
    /// Penalties the training loss adds for some weights (Keras `kernel_regularizer`, …).
    public var penalties: [WeightPenalty] = []
    /// The QKeras quantizers of some weights, by weight name (`kernel`, `bias`, `depthwise_kernel`,
    /// `gamma`, …): the layer computes with the quantized values, the weights stay float.
    public var weightQuantizers: [String: Quantizer] = [:]
    /// The nested models (Keras) that hold the layer, outermost first; empty at the top level.
    public var nesting: [String] = []
    /// The output shape without the batch dimension, filled in by ``Graph/init(name:layers:inputs:outputs:)``.
    public internal(set) var outputShape: [Int]

    public init(name: String, className: String, kind: LayerKind, inputs: [String], activation: Activation? = nil, weights: [Weight] = []) {
        self.name = name
        self.className = className
        self.kind = kind
        self.inputs = inputs
        self.activation = activation
        self.weights = weights
        self.outputShape = []
    }

    /// The number of weight values (Keras's `count_params`).
    public var parameterCount: Int { weights.reduce(0) { $0 + $1.tensor.count } }

    /// Whether the layer quantizes any weight or its output (a QKeras layer).
    public var isQuantized: Bool {
        if !weightQuantizers.isEmpty { return true }
        if case .quantized = activation { return true }
        if case .activation(.quantized) = kind { return true }
        return false
    }

    /// The weight with this short name.
    public func weight(_ name: String) -> Weight? { weights.first { $0.name == name } }

    /// The shape this layer outputs for inputs of these shapes (batch dimension left out), after
    /// checking its weights against them, as ``Graph/init(name:layers:inputs:outputs:)`` does.
    public func outputShape(forInputs inputShapes: [[Int]]) throws -> [Int] {
        let shape = try ShapeInference.outputShape(of: self, inputShapes: inputShapes)
        try ShapeInference.checkWeights(of: self, inputShapes: inputShapes)
        return shape
    }
}

/// An L1/L2 penalty on one weight, added to the training loss: `l1·Σ|w| + l2·Σw²`.
public struct WeightPenalty: Sendable, Equatable {
    /// The weight's short name (`kernel`, `bias`, …).
    public var weight: String
    public var l1: Double
    public var l2: Double

    public init(weight: String, l1: Double, l2: Double) {
        self.weight = weight
        self.l1 = l1
        self.l2 = l2
    }
}

extension Layer {
    /// For a BatchNormalization layer, its inference form `x·scale + offset` per channel:
    /// scale = γ/√(σ²+ε) and offset = β − scale·μ, computed in float32 (as Keras and hls4ml do);
    /// `nil` for other layers.
    public var batchNormalizationScaleAndOffset: (scale: [Float], offset: [Float])? {
        guard case .batchNormalization(let norm) = kind, let mean = weight("moving_mean")?.tensor.values,
              let variance = weight("moving_variance")?.tensor.values else { return nil }
        let gamma = weight("gamma")?.tensor.values ?? Array(repeating: 1, count: mean.count)
        let beta = weight("beta")?.tensor.values ?? Array(repeating: 0, count: mean.count)
        let scale = (0..<mean.count).map { gamma[$0] / (variance[$0] + norm.epsilon).squareRoot() }
        return (scale, (0..<mean.count).map { beta[$0] - scale[$0] * mean[$0] })
    }

    /// The value of the layer's weight penalties for its current weights.
    public var penaltyValue: Double {
        penalties.reduce(0.0) { total, penalty in
            guard let values = weight(penalty.weight)?.tensor.values else { return total }
            let absolute = values.reduce(0.0) { $0 + abs(Double($1)) }
            let squared = values.reduce(0.0) { $0 + Double($1) * Double($1) }
            return total + penalty.l1 * absolute + penalty.l2 * squared
        }
    }
}
