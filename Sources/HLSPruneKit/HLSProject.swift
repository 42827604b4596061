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
    /// The configuration keyed by the model's layer names, which headers and pruning read.
    public let configuration: HLSConfiguration
    /// Things a user should know about how the configuration was made (one line each).
    public let notes: [String]
    /// The user's configuration file laid over the generated configuration, if any.
    public let settingsFile: String?

    /// The generated configuration, the user's file laid over it, then `settings`; checked
    /// against the model (layer names, strategies, precisions, reuse factors hls4ml would
    /// silently change).
    ///
    /// - Throws: ``ConfigurationError``, or ``PruningError`` for a setting a layer cannot take.
    public init(for model: ModelFile, settings: HLSSettings) throws {
        var notes: [String] = []
        var onnxNames: HLS4MLONNXNames?
        if case .onnx(let onnx) = model.source {
            onnxNames = HLS4MLONNXNames(onnx)
            if onnxNames == nil {
                notes.append("hls4ml reads this ONNX graph only after qonnx rewrites it (channels-last conversion or constant folding), "
                             + "so hls4ml_config.yml is keyed by hlsprune's layer names, not by hls4ml's")
            }
        }
        let graph = model.graph
        var builder = HLSConfigBuilder(graph: graph)
        builder.onnxLayers = onnxNames?.layers
        builder.backend = settings.backend
        builder.granularity = settings.granularity
        if let precision = settings.precision { builder.defaultPrecision = precision }
        if let reuseFactor = settings.reuseFactor { builder.defaultReuseFactor = reuseFactor }
        if let strategy = settings.strategy { builder.strategy = strategy }
        var options = HLSConfigBuilder.WriterOptions(namespace: settings.namespace, writesWeightsText: settings.writesWeightsText)
        if let ioType = settings.ioType { options.ioType = ioType }
        var tree = builder.document(hlsConfig: builder.hlsConfig, options: options)
        if let path = settings.configFile {
            let user = try ConfigTree(contentsOf: path)
            var overlay = user["HLSConfig"] != nil ? user : .mapping([("HLSConfig", user)])
            for key in ["Stamp", "OutputDir", "KerasModel", "OnnxModel", "InputShapes", "OutputShapes"] { overlay[key] = nil }
            tree = tree.merging(overlay)
            // Settings given explicitly win over the file's Model block and writer settings.
            if let strategy = settings.strategy { tree["HLSConfig"]?["Model"]?["Strategy"] = .string(strategy.rawValue) }
            if let reuseFactor = settings.reuseFactor { tree["HLSConfig"]?["Model"]?["ReuseFactor"] = .int(reuseFactor) }
            if let precision = settings.precision { tree["HLSConfig"]?["Model"]?["Precision"] = .mapping([("default", .string(precision))]) }
            if let ioType = settings.ioType { tree["IOType"] = .string(ioType.rawValue) }
            if let namespace = settings.namespace { tree["WriterConfig"]?["Namespace"] = .string(namespace) }
            if !settings.writesWeightsText { tree["WriterConfig"]?["WriteWeightsTxt"] = .bool(false) }
        }
        let configuration = try HLSConfiguration(tree: try onnxNames?.irConfiguration(tree) ?? tree)
        // hls4ml's own checks and ours: known layer names, strategies, precisions, valid reuse factors.
        _ = try LayerAttributes.resolve(graph, configuration: configuration)
        self.tree = tree
        self.configuration = configuration
        self.notes = notes
        settingsFile = settings.configFile
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
        for variable in try WeightVariable.all(in: graph, configuration: configuration) {
            for file in files.files(of: variable) {
                try folder.write(parts: file.parts, to: "firmware/weights/\(file.name)")
            }
        }
    }
}
