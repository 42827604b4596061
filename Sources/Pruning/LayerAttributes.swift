import HLSEmit
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

extension LayerAttributes {
    /// The attributes of every prunable layer of `graph`, in graph order.
    ///
    /// Resolution per setting: `LayerName.<layer>`, then `LayerType.<class>`, then the command line,
    /// then `Model`, then hls4ml's defaults (`fixed<16,6>`, RF 1, Latency, io_parallel). Unlike
    /// hls4ml, `auto` precisions resolve to the model default, a dict-valued `Model.Precision`
    /// works, and `IOType` and `LayerName` may be missing.
    public static func resolve(_ graph: Graph, configuration: HLSConfiguration = HLSConfiguration(),
                               defaults: ModelDefaults = ModelDefaults()) throws -> [LayerAttributes] {
        try checkLayerNames(configuration, graph: graph)
        let ioText = defaults.ioType ?? configuration.ioType ?? IOType.parallel.rawValue
        guard let ioType = IOType(rawValue: ioText.lowercased()) else {
            throw PruningError("IOType '\(ioText)' is not one of io_parallel, io_stream")
        }
        let modelPrecision = defaults.precision ?? configuration.model.precision["default"] ?? "fixed<16,6>"
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
            let blocks = [configuration.layerName[layer.name], configuration.layerType[layer.className]].compactMap { $0 }
            func setting<T>(_ value: (LayerSettings) -> T?, commandLine: T?, fallback: T) -> T {
                blocks.lazy.compactMap(value).first ?? commandLine ?? value(configuration.model) ?? fallback
            }
            func precision(_ key: String) throws -> Precision.FixedPoint {
                let text = blocks.lazy.compactMap { $0.precision[key] ?? $0.precision["default"] }.first ?? modelPrecision
                return try fixedPoint(text.lowercased() == "auto" ? modelPrecision : text, layer: layer.name, role: key)
            }
            let strategyText = setting({ $0.strategy }, commandLine: defaults.strategy, fallback: Strategy.latency.rawValue)
            guard let strategy = Strategy(spelling: strategyText) else {
                throw PruningError(layer: layer.name, "strategy '\(strategyText)' is not one of Latency, Resource, Resource_Unrolled")
            }
            let inputShape = layer.inputs.first.flatMap { shapes[$0] } ?? []
            let kernelShape = kernel.tensor.shape
            let counts: (Int, Int) = kind == .dense
                ? (inputShape.reduce(1, *), layer.outputShape.reduce(1, *))
                : (kernelShape.dropLast(2).reduce(1, *), kernelShape.last ?? 1)
            let attributes = LayerAttributes(
                name: layer.name, kind: kind, kernelShape: kernelShape, inputShape: inputShape, outputShape: layer.outputShape,
                inputCount: counts.0, outputCount: counts.1, ioType: ioType, strategy: strategy,
                weightPrecision: try precision("weight"), outputPrecision: try precision("result"),
                reuseFactor: setting({ $0.reuseFactor }, commandLine: defaults.reuseFactor, fallback: 1),
                parallelizationFactor: setting({ $0.parallelizationFactor }, commandLine: nil, fallback: 1))
            try attributes.checkReuseFactor()
            result.append(attributes)
        }
        return result
    }

    /// A `LayerName` entry must name a layer of the model, one of hls4ml's split activations
    /// (`<layer>_<activation>`) or an input.
    private static func checkLayerNames(_ configuration: HLSConfiguration, graph: Graph) throws {
        let names = Set(graph.layers.map(\.name))
        let activated = graph.layers.filter { $0.activation != nil }.map { $0.name + "_" }
        for name in configuration.layerName.keys.sorted() where !names.contains(name) {
            if activated.contains(where: { name.hasPrefix($0) }) { continue }
            throw PruningError(layer: name, "named in the configuration's LayerName but the model has no such layer (layers: \(graph.layers.map(\.name).joined(separator: ", ")))")
        }
    }

    private static func fixedPoint(_ text: String, layer: String, role: String) throws -> Precision.FixedPoint {
        guard let precision = Precision(text) else {
            throw PruningError(layer: layer, "\(role) precision '\(text)' is not a precision hls4ml understands (such as fixed<16,6> or ap_int<8>)")
        }
        switch precision {
        case .fixed(let type): return type
        case .unspecified: throw PruningError(layer: layer, "\(role) precision is auto and so is the model default; give a concrete one with --precision")
        case .floatingPoint: throw PruningError(layer: layer, "\(role) precision '\(text)' is floating point; pruning needs a fixed-point or integer type")
        }
    }

    /// hls4ml's backends accept a reuse factor for a Resource layer only when it divides the
    /// multiplications evenly over the inputs and outputs; otherwise they silently pick another one.
    /// We refuse and list the valid values instead.
    func checkReuseFactor() throws {
        guard reuseFactor >= 1 else { throw PruningError(layer: name, "reuse factor \(reuseFactor) must be at least 1") }
        guard strategy.isResource else { return }
        let shape = multiplierShape
        guard !Self.isValidReuseFactor(reuseFactor, inputs: shape.inputs, outputs: shape.outputs) else { return }
        let valid = Self.validReuseFactors(inputs: shape.inputs, outputs: shape.outputs)
        throw PruningError(layer: name, "reuse factor \(reuseFactor) is not one hls4ml accepts for \(shape.inputs) inputs × \(shape.outputs) outputs with the \(strategy.rawValue) strategy; valid: \(valid.map(String.init).joined(separator: ", "))")
    }

    /// hls4ml's `_validate_reuse_factor` rule.
    static func isValidReuseFactor(_ reuseFactor: Int, inputs: Int, outputs: Int) -> Bool {
        let perInput = min(inputs, reuseFactor)
        let multipliers = (inputs * outputs + perInput - 1) / perInput
        return (multipliers % outputs == 0 || reuseFactor >= inputs)
            && (reuseFactor % inputs == 0 || reuseFactor < inputs)
            && (inputs * outputs) % reuseFactor == 0
    }

    /// Every reuse factor hls4ml accepts for a Resource layer of this size, ascending.
    static func validReuseFactors(inputs: Int, outputs: Int) -> [Int] {
        (1...max(1, inputs * outputs)).filter { isValidReuseFactor($0, inputs: inputs, outputs: outputs) }
    }
}
