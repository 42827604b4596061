import HLSConfig
import HLSEmit
import ModelIR
import ONNXIO
import OutputFiles
import Pruning

/// The hls4ml configuration of a model — what `hls4ml_config.yml` says and what it resolves to —
/// and the writer of that file and of `firmware/weights/*`.
///
/// ```swift
/// let model = try ModelFile.open("jet.h5")
/// let project = try HLSProject(for: model, settings: HLSSettings())
/// try project.write(model.graph, to: "jet_hls", inputs: model.inputFiles)   // what `hlsprune emit` writes
/// ```
public struct HLSProject: Sendable {
    /// The document written as `hls4ml_config.yml` (keyed by hls4ml's layer names).
    public let tree: ConfigTree
    /// The configuration keyed by the model's layer names, which headers and pruning read: the
    /// reuse factors are those the firmware uses (hls4ml replaces invalid ones, see `warnings`).
    public let configuration: HLSConfiguration
    /// Things a user should know about how the configuration was made (one line each).
    public let notes: [String]
    /// Settings of the user's file that do not take effect as written (one line each).
    public let warnings: [String]
    /// The user's configuration file laid over the generated configuration, if any.
    public let settingsFile: String?
    /// `configuration` before hls4ml's reuse factor replacements, which depend on the layer sizes
    /// of the graph written (a reduced model's differ).
    let requestedConfiguration: HLSConfiguration
    /// What the weight headers are resolved against: `requestedConfiguration`, or for an ONNX model
    /// the configuration keyed by hls4ml's names, with the layers hls4ml renames.
    private let requestedHeaderConfiguration: HLSConfiguration
    private let renamedLayers: [String: (name: String, className: String, index: Int)]
    /// Set for an architecture JSON, which hls4ml reads through its Keras 2 route.
    private let splitsLinearActivations: Bool

    /// The generated configuration, the user's file laid over it, then `settings`; checked
    /// against the model (layer names, strategies, precisions), with the reuse factors hls4ml
    /// would replace replaced as it does (a warning each) or refused when
    /// ``HLSSettings/refusesInvalidReuseFactors``.
    ///
    /// - Throws: ``ConfigurationError``, ``PruningError`` for a setting a layer cannot take, or
    ///   ``ModelIR/GraphError`` for a QONNX quantizer (``ModelIR/Graph/requireNoQONNXQuantizers()``).
    public init(for model: ModelFile, settings: HLSSettings) throws {
        try model.graph.requireNoQONNXQuantizers()
        var notes: [String] = []
        var warnings: [String] = []
        var onnxNames: HLS4MLONNXNames?
        if case .onnx(let onnx) = model.source {
            onnxNames = HLS4MLONNXNames(onnx)
            if onnxNames == nil {
                notes.append("hls4ml reads this ONNX graph only after qonnx rewrites it (channels-last conversion or constant folding), "
                             + "so hls4ml_config.yml is keyed by hlsprune's layer names, not by hls4ml's")
            }
        }
        let graph = model.graph
        // The hls4ml configuration the model was opened through, then --config over it.
        let files = [model.hlsConfigFile, settings.configFile].compactMap { $0 }
        let user = try files.map { try Self.wholeDocument(ConfigTree(contentsOf: $0)) }.reduce(ConfigTree?.none) { merged, next in merged?.merging(next) ?? next }
        // The user's Model block seeds the generated per-layer entries, so that its reuse factor
        // reaches every layer the file does not name; explicit settings win over both.
        let userModel = try user.map { try HLSConfiguration(tree: $0).model } ?? LayerSettings()
        var builder = HLSConfigBuilder(graph: graph)
        builder.onnxLayers = onnxNames?.layers
        // hls4ml reads an architecture JSON only through its Keras 2 route (keras_v2_to_hls).
        // hls4ml reads an architecture JSON, and a model with layers only Keras 2 has, through its Keras 2 route.
        builder.splitsLinearActivations = model.format == .kerasJSON || graph.layers.contains { $0.className == "ThresholdedReLU" }
        builder.backend = settings.backend
        builder.granularity = settings.granularity
        if let precision = settings.precision ?? userModel.precision["default"] { builder.defaultPrecision = precision }
        if let reuseFactor = settings.reuseFactor ?? userModel.reuseFactor { builder.defaultReuseFactor = reuseFactor }
        if let strategy = try settings.strategy ?? userModel.strategy.map(Self.strategy) { builder.strategy = strategy }
        var options = HLSConfigBuilder.WriterOptions(namespace: settings.namespace, writesWeightsText: settings.writesWeightsText)
        if let ioType = settings.ioType { options.ioType = ioType }
        var tree = builder.document(hlsConfig: builder.hlsConfig, options: options)
        if let user {
            let (known, unknown) = UnknownConfigurationKeys.removing(from: user, knownFrom: tree)
            warnings = (unknown + Self.shadowedSettings(in: known, generated: tree, layers: builder.hlsLayers)).map { "\(files.joined(separator: " + ")): \($0)" }
            var overlay = known["HLSConfig"] != nil ? known : .mapping([("HLSConfig", known)])
            for key in ["Stamp", "OutputDir", "KerasModel", "KerasJson", "KerasH5", "OnnxModel", "InputShapes", "OutputShapes"] { overlay[key] = nil }
            tree = tree.merging(overlay)
            // Settings given explicitly win over the file's Model block and writer settings.
            if let strategy = settings.strategy { tree["HLSConfig"]?["Model"]?["Strategy"] = .string(strategy.rawValue) }
            if let reuseFactor = settings.reuseFactor { tree["HLSConfig"]?["Model"]?["ReuseFactor"] = .int(reuseFactor) }
            if let precision = settings.precision { tree["HLSConfig"]?["Model"]?["Precision"] = .mapping([("default", .string(precision))]) }
            if let ioType = settings.ioType { tree["IOType"] = .string(ioType.rawValue) }
            if let namespace = settings.namespace { tree["WriterConfig"]?["Namespace"] = .string(namespace) }
            if !settings.writesWeightsText { tree["WriterConfig"]?["WriteWeightsTxt"] = .bool(false) }
        }
        try Self.apply(settings, to: &tree, layers: builder.hlsLayers.map(\.name))
        let requested = try HLSConfiguration(tree: try onnxNames?.irConfiguration(tree) ?? tree)
        // hls4ml's own checks and ours: known layer names, strategies, precisions; reuse factors
        // hls4ml would replace are replaced as it does (refused when strict).
        let replacements = try Self.reuseFactorReplacements(in: graph, configuration: requested, strict: settings.refusesInvalidReuseFactors)
        self.tree = tree
        requestedConfiguration = requested
        configuration = requested.replacingReuseFactors(replacements.mapValues(\.used))
        self.notes = notes
        self.warnings = warnings + graph.layers.compactMap { replacements[$0.name]?.warning }
        requestedHeaderConfiguration = try onnxNames?.headerConfiguration(tree) ?? requested
        renamedLayers = onnxNames?.denseLayers.mapValues { ($0.name, "Dense", $0.index) } ?? [:]
        settingsFile = settings.configFile
        splitsLinearActivations = builder.splitsLinearActivations
    }

    /// The per-layer reuse factors and the project settings of `settings`, written into `tree`.
    private static func apply(_ settings: HLSSettings, to tree: inout ConfigTree, layers: [String]) throws {
        for (layer, reuseFactor) in settings.layerReuseFactors.sorted(by: { $0.key < $1.key }) {
            guard layers.contains(layer) else {
                throw ConfigurationError(layer: layer, key: "ReuseFactor", "is not a layer of the model (layers: \(layers.joined(separator: ", ")))")
            }
            if tree["HLSConfig"]?["LayerName"] == nil { tree["HLSConfig"]?["LayerName"] = .mapping([]) }
            if tree["HLSConfig"]?["LayerName"]?[layer] == nil { tree["HLSConfig"]?["LayerName"]?[layer] = .mapping([]) }
            tree["HLSConfig"]?["LayerName"]?[layer]?["ReuseFactor"] = .int(reuseFactor)
        }
        if let part = settings.part { tree["Part"] = .string(part) }
        if let period = settings.clockPeriod { tree["ClockPeriod"] = period == period.rounded() ? .int(Int(period)) : .string(String(period)) }
        if let name = settings.projectName { tree["ProjectName"] = .string(name) }
    }

    /// A configuration file as a whole `hls4ml_config.yml`: one that is only the `HLSConfig`
    /// part goes under that key, so that several files merge. A file naming a model is whole.
    private static func wholeDocument(_ tree: ConfigTree) -> ConfigTree {
        tree["HLSConfig"] != nil || HLS4MLConfigFile.modelKeys.contains(where: { tree[$0] != nil }) ? tree : .mapping([("HLSConfig", tree)])
    }

    private static func strategy(_ text: String) throws -> Strategy {
        guard let strategy = Strategy(spelling: text) else {
            throw ConfigurationError(key: "HLSConfig.Model.Strategy", "strategy '\(text)' is not one of Latency, Resource, Resource_Unrolled")
        }
        return strategy
    }

    /// The user's `LayerType` settings that generated `LayerName` entries override (hls4ml gives
    /// LayerName precedence), one sentence each. `layers` are hls4ml's layers with their classes.
    static func shadowedSettings(in user: ConfigTree, generated: ConfigTree, layers: [(name: String, className: String)]) -> [String] {
        let hls = user["HLSConfig"] ?? user
        guard case .mapping(let types)? = hls["LayerType"] else { return [] }
        let generatedNames = generated["HLSConfig"]?["LayerName"]
        var sentences: [String] = []
        for (className, entry) in types {
            guard case .mapping(let keys) = entry else { continue }
            for (key, _) in keys where key != "Precision" {
                let shadowing = layers.filter { $0.className == className && generatedNames?[$0.name]?[key] != nil && hls["LayerName"]?[$0.name]?[key] == nil }
                    .map(\.name)
                guard !shadowing.isEmpty else { continue }
                sentences.append("LayerType.\(className).\(key) is shadowed by the generated LayerName entries of "
                                 + "\(shadowing.prefix(4).joined(separator: ", "))\(shadowing.count > 4 ? ", …" : "") (LayerName wins in hls4ml); "
                                 + "set it per layer, use --granularity type, or put it in the Model block")
            }
        }
        return sentences
    }

    /// The weight files as the document's `WriterConfig` asks.
    public var weightFiles: WeightFiles {
        var namespace: String?
        if case .string(let name)? = tree["WriterConfig"]?["Namespace"] { namespace = name }
        var writesText = true
        if case .bool(let value)? = tree["WriterConfig"]?["WriteWeightsTxt"] { writesText = value }
        return WeightFiles(namespace: namespace, writesText: writesText)
    }

    /// Writes the output folder `path` with `hls4ml_config.yml` and `firmware/weights/*` for
    /// `graph`, as `hlsprune emit` does: complete or not at all, never over an input (see
    /// ``OutputFolder``); `force` replaces hlsprune's own earlier outputs there.
    public func write(_ graph: Graph, to path: String, force: Bool = false, inputs: [String]) throws {
        let folder = try OutputFolder(path, force: force, inputs: RunInputs(inputs + [settingsFile].compactMap { $0 }))
        do {
            try write(graph, into: folder)
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Writes `hls4ml_config.yml` and `firmware/weights/*` for `graph` (the model, or a pruned or
    /// reduced version of it) into `folder`; a NaN or infinite weight is an error naming its layer.
    public func write(_ graph: Graph, into folder: OutputFolder) throws {
        try graph.requireFiniteWeights()
        try folder.write(Array(tree.yaml().utf8), to: "hls4ml_config.yml")
        let files = weightFiles
        // The Resource layout follows the reuse factors hls4ml uses for this graph's layer sizes.
        let replacements = try Self.reuseFactorReplacements(in: graph, configuration: requestedConfiguration, strict: false)
        let headerNames = replacements.keys.map { (renamedLayers[$0]?.name ?? $0, replacements[$0]!.used) }
        let headerConfiguration = requestedHeaderConfiguration.replacingReuseFactors(Dictionary(uniqueKeysWithValues: headerNames))
        for variable in try WeightVariable.all(in: graph, configuration: headerConfiguration, splitsLinearActivations: splitsLinearActivations,
                                                           renamed: renamedLayers) {
            for file in files.files(of: variable) {
                try folder.write(parts: file.parts, to: "firmware/weights/\(file.name)")
            }
        }
    }
}
