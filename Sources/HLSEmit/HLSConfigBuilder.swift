import HLSConfig
import ModelIR

/// At what level `config_from_keras_model` writes per-layer settings.
public enum Granularity: String, Sendable, CaseIterable {
    case model, type, name
}

/// The hls4ml backends whose weight files and configurations we write (they write the same weights).
public enum Backend: String, Sendable, CaseIterable {
    case vivado = "Vivado"
    case vitis = "Vitis"

    /// hls4ml's default clock uncertainty for the backend.
    var clockUncertainty: String { self == .vitis ? "27%" : "12.5%" }
}

/// The equivalent of hls4ml's `config_from_keras_model(model, granularity, backend, default_precision,
/// default_reuse_factor)` and of the `hls4ml_config.yml` that `write()` produces for it.
///
/// Per-layer entries follow hls4ml 1.3.0 with a Vivado/Vitis backend: the configurable attributes of
/// each hls4ml layer class (precisions `auto` unless they have a default, `ReuseFactor`, table sizes,
/// implementations), split-off activations as `<layer>_<activation>`, Dropout left out.
public struct HLSConfigBuilder: Sendable {
    public var graph: Graph
    public var granularity: Granularity = .name
    public var backend: Backend = .vitis
    public var defaultPrecision = "fixed<16,6>"
    public var defaultReuseFactor = 1
    public var strategy: Strategy = .latency
    /// For an ONNX model, the layers `config_from_onnx_model` lists, by hls4ml name and class
    /// (`InputLayer`, `Constant`, `MatMul`, `Merge`, `Activation`, `ELU`, `Softmax`), in place of the
    /// ones `graph` gives; the `Model` block then has no `BitExact`, as in hls4ml's ONNX configuration.
    public var onnxLayers: [(name: String, className: String)]?
    /// Whether hls4ml reads the model through its Keras 2 route (an architecture JSON + weights),
    /// which splits a linear activation off every Dense and convolution too (see ``HLSLayerNumbering``).
    public var splitsLinearActivations = false

    public init(graph: Graph) {
        self.graph = graph
    }

    /// One layer of hls4ml's parsed layer list.
    struct ParsedLayer {
        var name: String
        var className: String
        var entry: ConfigTree
    }

    private static let table = ConfigTree.string("fixed<18,8,TRN,WRAP,0>")
    private static let softmaxPrecision = ConfigTree.string("fixed<18,8,RND,SAT,0>")
    private static let auto = ConfigTree.string("auto")

    /// hls4ml's layers (names and classes, split activations included), in model order.
    public var hlsLayers: [(name: String, className: String)] {
        parsedLayers.map { ($0.name, $0.className) }
    }

    /// hls4ml's parsed layers with their configuration entries, in model order.
    var parsedLayers: [ParsedLayer] {
        if let onnxLayers {
            return onnxLayers.compactMap { layer in entry(forONNXClass: layer.className).map { ParsedLayer(name: layer.name, className: layer.className, entry: $0) } }
        }
        var layers: [ParsedLayer] = []
        let includingLinear = graph.splitsLinearActivations(asked: splitsLinearActivations)
        for layer in graph.layers {
            // hls4ml's Keras 2 route configures a nested model as one layer (its own layers take the
            // model defaults).
            if let model = layer.nesting.first {
                if !layers.contains(where: { $0.name == model }) {
                    layers.append(ParsedLayer(name: model, className: "Model", entry: .mapping([Self.trace, precision(["result"])])))
                }
                continue
            }
            guard let (className, settings) = entry(for: layer) else { continue }
            layers.append(ParsedLayer(name: layer.name, className: className, entry: withQuantizerPrecisions(settings, of: layer)))
            // hls4ml's Keras 2 route (architecture JSON, nested models, QKeras layers) splits a linear activation off too.
            if let activation = layer.activation, layer.hasSplitActivation(includingLinear: includingLinear), layer.kind.isSplittingActivation {
                let (activationClass, activationEntry) = entry(forActivation: activation)
                layers.append(ParsedLayer(name: "\(layer.name)_\(activation.splitLayerSuffix)", className: activationClass, entry: activationEntry))
            }
        }
        return layers
    }

    /// A QKeras layer's weight and bias types, as `config_from_keras_model` writes them from the
    /// quantizers (`fixed<6,1,TRN,WRAP,0>`); quantizers hls4ml types otherwise stay `auto`.
    private func withQuantizerPrecisions(_ entry: ConfigTree, of layer: Layer) -> ConfigTree {
        var entry = entry
        for (weight, key) in [(layer.kind.weightNames.first, "weight"), ("bias", "bias")] {
            guard let weight, let quantizer = layer.weightQuantizers[weight], let precision = Precision(weightQuantizer: quantizer) else { continue }
            entry["Precision"]?[key] = .string(precision.withModesSpelledOut.description)
        }
        return entry
    }

    private func precision(_ keys: [String], extra: [(String, ConfigTree)] = []) -> (String, ConfigTree) {
        ("Precision", .mapping(keys.map { ($0, Self.auto) } + extra))
    }

    private var reuse: (String, ConfigTree) { ("ReuseFactor", .int(defaultReuseFactor)) }
    private static let trace: (String, ConfigTree) = ("Trace", .bool(false))

    private func entry(for layer: Layer) -> (String, ConfigTree)? {
        switch layer.kind {
        case .input:
            return ("InputLayer", .mapping([Self.trace, precision(["result"])]))
        case .dense:
            return ("Dense", .mapping([Self.trace, precision(["result", "weight", "bias", "accum"]), reuse]))
        case .convolution(let conv):
            let className = conv.isDepthwise ? "DepthwiseConv2D" : "Conv\(conv.rank)D"
            return (className, .mapping([Self.trace, precision(["result", "weight", "bias", "accum"]), reuse,
                                         ("ParallelizationFactor", .int(1)), ("ConvImplementation", .string("LineBuffer"))]))
        case .batchNormalization:
            return ("BatchNormalization", .mapping([Self.trace, precision(["result", "scale", "bias"]), reuse]))
        case .activation(let activation):
            return entry(forActivation: activation)
        case .relu(let relu):
            // hls4ml's Keras 3 reader makes a ReLU layer a LeakyReLU when it has a negative slope,
            // else a ThresholdedReLU (threshold 0 for a plain ReLU), both with a param type.
            return (relu.negativeSlope != 0 ? "LeakyReLU" : "ThresholdedReLU", parametrisedActivation)
        case .leakyReLU:
            return ("LeakyReLU", parametrisedActivation)
        case .prelu:
            return ("PReLU", parametrisedActivation)
        case .softmax:
            return entry(forActivation: .softmax)
        case .pooling:
            return (layer.className, .mapping([Self.trace, precision(["result", "accum"]), reuse, ("ConvImplementation", .string("LineBuffer"))]))
        case .globalPooling:
            return (layer.className, .mapping([Self.trace, precision(["result", "accum"]), reuse]))
        case .upSampling:
            return (layer.className, .mapping([Self.trace, precision(["result"]), ("Algorithm", .string("nearest"))]))
        case .zeroPadding:
            return (layer.className, .mapping([Self.trace, precision(["result"])]))
        case .flatten, .reshape:
            return ("Reshape", .mapping([Self.trace, precision(["result"])]))
        case .permute:
            return ("Transpose", .mapping([Self.trace, precision(["result"])]))
        case .merge, .concatenate:
            return (layer.className, .mapping([Self.trace, precision(["result"]), reuse]))
        case .dropout:
            return nil
        }
    }

    /// The entry of a layer class of hls4ml's ONNX reader; `nil` for classes we do not mirror.
    private func entry(forONNXClass className: String) -> ConfigTree? {
        switch className {
        case "InputLayer", "Constant": .mapping([Self.trace, precision(["result"])])
        case "MatMul": .mapping([Self.trace, precision(["result", "accum"]), reuse])
        case "Merge": .mapping([Self.trace, precision(["result"]), reuse])
        case "Activation": entry(forActivation: .relu).1
        case "ELU": parametrisedActivation
        case "Softmax": entry(forActivation: .softmax).1
        default: nil
        }
    }

    private var parametrisedActivation: ConfigTree {
        .mapping([Self.trace, precision(["result"], extra: [("table", Self.table), ("param", Self.auto)]), reuse, ("TableSize", .int(1024))])
    }

    private func entry(forActivation activation: Activation) -> (String, ConfigTree) {
        switch activation {
        case .softmax:
            let precisions: [(String, ConfigTree)] = [("result", Self.auto), ("table", Self.table), ("exp_table", Self.softmaxPrecision),
                                                      ("inv_table", Self.softmaxPrecision), ("inv_inp", Self.softmaxPrecision),
                                                      ("accum", Self.softmaxPrecision)]
            return ("Softmax", .mapping([Self.trace, ("Precision", .mapping(precisions)), reuse, ("TableSize", .int(1024)),
                                         ("Implementation", .string("stable")), ("Skip", .bool(false))]))
        case .elu:
            return ("ELU", parametrisedActivation)
        case .leakyReLU:
            return ("LeakyReLU", parametrisedActivation)
        case .hardSigmoid:
            return ("HardActivation", .mapping([Self.trace, precision(["result"], extra: [("table", Self.table), ("slope", Self.auto), ("shift", Self.auto)]),
                                                reuse, ("TableSize", .int(1024))]))
        case .quantized(let quantizer):
            let result = Precision(activationQuantizer: quantizer)?.description ?? "auto"
            return ("Activation", .mapping([Self.trace, ("Precision", .mapping([("result", .string(result)), ("table", Self.table)])), reuse,
                                            ("TableSize", .int(1024))]))
        default:
            return ("Activation", .mapping([Self.trace, precision(["result"], extra: [("table", Self.table)]), reuse, ("TableSize", .int(1024))]))
        }
    }

    /// The `HLSConfig` part: `Model` and, by granularity, `LayerType` or `LayerName`.
    public var hlsConfig: ConfigTree {
        let model = ConfigTree.mapping([
            ("Precision", .mapping([("default", .string(defaultPrecision))])),
            ("ReuseFactor", .int(defaultReuseFactor)),
            ("Strategy", .string(strategy.rawValue)),
            ("BramFactor", .int(1_000_000_000)),
            ("TraceOutput", .bool(false)),
        ] + (onnxLayers == nil ? [("BitExact", .null)] : []))
        var config = ConfigTree.mapping([("Model", model)])
        switch granularity {
        case .model: break
        case .type:
            var types: [(String, ConfigTree)] = []
            for layer in parsedLayers where !types.contains(where: { $0.0 == layer.className }) { types.append((layer.className, layer.entry)) }
            config["LayerType"] = .mapping(types)
        case .name:
            config["LayerName"] = .mapping(parsedLayers.map { ($0.name, $0.entry) })
        }
        return config
    }

    /// Writer options of `hls4ml_config.yml`.
    public struct WriterOptions: Sendable {
        public var namespace: String?
        public var writesWeightsText = true
        public var ioType: IOType = .parallel

        public init(namespace: String? = nil, writesWeightsText: Bool = true, ioType: IOType = .parallel) {
            self.namespace = namespace
            self.writesWeightsText = writesWeightsText
            self.ioType = ioType
        }
    }

    /// The whole `hls4ml_config.yml` tree for `hlsConfig` (hls4ml's run-specific `Stamp`,
    /// `OutputDir` and `KerasModel` keys are left out).
    public func document(hlsConfig: ConfigTree, options: WriterOptions) -> ConfigTree {
        let numbering = HLSLayerNumbering(graph, splitsLinearActivations: splitsLinearActivations)
        let inputs = graph.inputs.compactMap(graph.layer(named:)).map { ($0.name, ConfigTree.sequence($0.outputShape.map { .int($0) })) }
        let outputs = graph.outputs.compactMap(graph.layer(named:)).map { layer -> (String, ConfigTree) in
            var index = numbering.index[layer.name] ?? 0
            // A split-off linear activation is removed again: the output stays the layer's own.
            if let activation = layer.activation, activation != .linear, layer.kind.isSplittingActivation { index += 1 }
            return ("layer\(index)_out", .sequence(layer.outputShape.map { .int($0) }))
        }
        return .mapping([
            ("Backend", .string(backend.rawValue)),
            ("ClockPeriod", .int(5)),
            ("ClockUncertainty", .string(backend.clockUncertainty)),
            ("HLSConfig", hlsConfig),
            ("IOType", .string(options.ioType.rawValue)),
            ("InputData", .null),
            ("InputShapes", .mapping(inputs)),
            ("OutputPredictions", .null),
            ("OutputShapes", .mapping(outputs)),
            ("Part", .string("xcvu13p-flga2577-2-e")),
            ("ProjectName", .string("myproject")),
            ("Version", .string("1.0.0")),
            ("WriterConfig", .mapping([
                ("Namespace", options.namespace.map { .string($0) } ?? .null),
                ("TBOutputStream", .string("both")),
                ("WriteEmulationConstants", .bool(false)),
                ("WriteTar", .bool(false)),
                ("WriteWeightsTxt", .bool(options.writesWeightsText)),
            ])),
        ])
    }
}

extension LayerKind {
    /// Dense and convolutions carry an activation that hls4ml splits into a layer of its own.
    var isSplittingActivation: Bool {
        switch self {
        case .dense, .convolution: true
        default: false
        }
    }
}
