import HLSConfig
import ModelIR

/// What the objectives need to know about one prunable layer (Dense, Conv1D, Conv2D): hls4ml's
/// `LayerAttributes` with its `hls4mlAttributes`.
public struct LayerAttributes: Sendable, Equatable {
    /// The kind of prunable layer.
    public enum Kind: Sendable, Equatable {
        case dense
        /// Conv1D (`rank` 1) or Conv2D (`rank` 2).
        case convolution(rank: Int)
    }

    public var name: String
    public var kind: Kind
    /// The kernel's shape as Keras stores it: Dense `(n_in, n_out)`, Conv `(k…, c_in, c_out)`.
    public var kernelShape: [Int]
    /// Input and output shapes without the batch dimension.
    public var inputShape: [Int]
    public var outputShape: [Int]
    /// hls4ml's pruning `n_in`/`n_out`: Dense ∏input/∏output shape; Conv ∏kernel[0..<-2] (the
    /// input channels are left out, as in hls4ml) and the filter count.
    public var inputCount: Int
    public var outputCount: Int
    public var ioType: IOType
    public var strategy: Strategy
    public var weightPrecision: Precision.FixedPoint
    public var outputPrecision: Precision.FixedPoint
    public var reuseFactor: Int
    public var parallelizationFactor: Int

    /// The number of kernel weights, P.
    public var kernelSize: Int { kernelShape.reduce(1, *) }

    /// `(n_in, n_out)` of hls4ml's backend for this layer (Dense: kernel rows × columns; Conv:
    /// `k…·c_in` × filters), used to check reuse factors.
    public var multiplierShape: (inputs: Int, outputs: Int) {
        (kernelShape.dropLast().reduce(1, *), kernelShape.last ?? 1)
    }
}

/// Command-line values that replace the `Model` block of the configuration (per-layer entries
/// of the configuration still win), and hls4ml's defaults when neither gives one.
public struct ModelDefaults: Sendable, Equatable {
    public var precision: String?
    public var reuseFactor: Int?
    public var strategy: String?
    public var ioType: String?

    public init(precision: String? = nil, reuseFactor: Int? = nil, strategy: String? = nil, ioType: String? = nil) {
        self.precision = precision
        self.reuseFactor = reuseFactor
        self.strategy = strategy
        self.ioType = ioType
    }
}

extension HLSConfiguration {
    /// This configuration with the `Model` block's settings replaced by those `defaults` gives
    /// (per-layer entries still win over them).
    public func replacingModelSettings(with defaults: ModelDefaults) -> HLSConfiguration {
        var result = self
        if let precision = defaults.precision { result.model.precision["default"] = precision }
        if let reuseFactor = defaults.reuseFactor { result.model.reuseFactor = reuseFactor }
        if let strategy = defaults.strategy { result.model.strategy = strategy }
        if let ioType = defaults.ioType { result.ioType = ioType }
        return result
    }
}

extension LayerAttributes {
    /// The attributes of every prunable layer of `graph`, in graph order.
    ///
    /// Every setting comes from ``ConfigurationResolver`` — the precedence the weight headers use
    /// too — over `configuration` with its `Model` block replaced by `defaults`. Unlike hls4ml,
    /// `auto` precisions resolve to the model default (hls4ml does so for weights; for results it
    /// infers wider types, which only the ff objective reads), and `IOType` and `LayerName` may be
    /// missing. A reuse factor hls4ml would replace (``replacementReuseFactor``) is an error
    /// unless `acceptingInvalidReuseFactors`.
    public static func resolve(_ graph: Graph, configuration: HLSConfiguration = HLSConfiguration(),
                               defaults: ModelDefaults = ModelDefaults(), acceptingInvalidReuseFactors: Bool = false) throws -> [LayerAttributes] {
        try checkLayerNames(configuration, graph: graph)
        let resolver = try ConfigurationResolver(configuration.replacingModelSettings(with: defaults))
        let ioType = try resolver.ioType()
        let shapes = Dictionary(uniqueKeysWithValues: graph.layers.map { ($0.name, $0.outputShape) })
        var result: [LayerAttributes] = []
        for layer in graph.layers {
            let kind: Kind
            switch layer.kind {
            case .dense: kind = .dense
            case .convolution(let conv) where !conv.isDepthwise && conv.groups == 1: kind = .convolution(rank: conv.rank)
            default: continue
            }
            guard let kernel = layer.weight("kernel") else { continue }
            // A QKeras kernel quantizer fixes the weight type (as in the headers); the index only names the type.
            let weightType = try resolver.type(of: "weight", layer: layer.name, className: layer.className, index: 0,
                                               quantizer: layer.weightQuantizers["kernel"])
            let resultType = try resolver.type(of: "result", layer: layer.name, className: layer.className)
            let inputShape = layer.inputs.first.flatMap { shapes[$0] } ?? []
            let kernelShape = kernel.tensor.shape
            let counts: (Int, Int) = kind == .dense
                ? (inputShape.reduce(1, *), layer.outputShape.reduce(1, *))
                : (kernelShape.dropLast(2).reduce(1, *), kernelShape.last ?? 1)
            let attributes = LayerAttributes(
                name: layer.name, kind: kind, kernelShape: kernelShape, inputShape: inputShape, outputShape: layer.outputShape,
                inputCount: counts.0, outputCount: counts.1, ioType: ioType,
                strategy: try resolver.strategy(layer: layer.name, className: layer.className),
                weightPrecision: try fixedPoint(weightType.precision, layer: layer.name, role: "weight"),
                outputPrecision: try fixedPoint(resultType.precision, layer: layer.name, role: "result"),
                reuseFactor: resolver.reuseFactor(layer: layer.name, className: layer.className),
                parallelizationFactor: resolver.parallelizationFactor(layer: layer.name, className: layer.className))
            try attributes.checkReuseFactor(acceptingInvalid: acceptingInvalidReuseFactors)
            result.append(attributes)
        }
        return result
    }

    /// A `LayerName` entry must name a layer of the model, a nested model, one of hls4ml's split
    /// activations (`<layer>_<activation>`) or an input.
    private static func checkLayerNames(_ configuration: HLSConfiguration, graph: Graph) throws {
        // Nested Keras models are layers of hls4ml's configuration too.
        let names = Set(graph.layers.map(\.name) + graph.layers.flatMap(\.nesting))
        let activated = graph.layers.filter { $0.activation != nil }.map { $0.name + "_" }
        for name in configuration.layerName.keys.sorted() where !names.contains(name) {
            if activated.contains(where: { name.hasPrefix($0) }) { continue }
            // hls4ml's names: the layers, and the activations it splits off as <layer>_<activation>.
            let split = graph.layers.compactMap { layer in
                layer.activation.flatMap { $0 == .linear ? nil : "\(layer.name)_\($0.splitLayerSuffix)" }
            }
            let known = graph.layers.map(\.name) + split
            throw PruningError(layer: name, "named in the configuration's LayerName but the model has no such layer (layers: \(known.joined(separator: ", ")))")
        }
    }

    private static func fixedPoint(_ precision: Precision, layer: String, role: String) throws -> Precision.FixedPoint {
        switch precision {
        case .fixed(let type): return type
        case .unspecified: throw PruningError(layer: layer, "\(role) precision is auto and so is the model default; give a concrete one with --precision")
        case .floatingPoint(let text): throw PruningError(layer: layer, "\(role) precision '\(text)' is floating point; pruning needs a fixed-point or integer type")
        }
    }
}
