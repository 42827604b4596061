import ArgumentParser
import HLSConfig
import HLSEmit
import ModelIR
import ONNXIO
import Pruning

/// The hls4ml settings `emit` and `prune` share, with hls4ml's defaults.
struct HLSOptions: ParsableArguments {
    @Option(help: "An hls4ml configuration (YAML or JSON): a whole hls4ml_config.yml or its HLSConfig part; merged over the generated one.")
    var config: String?

    @Option(help: "Vivado or Vitis (they write the same weights).")
    var backend: Backend = .vitis

    @Option(help: "model, type or name: where per-layer settings are written.")
    var granularity: Granularity = .name

    @Option(help: "Default precision (hls4ml's default_precision).")
    var precision: String?

    @Option(help: "Default reuse factor (hls4ml's default_reuse_factor).")
    var reuseFactor: Int?

    @Option(help: "Latency, Resource or Resource_Unrolled.")
    var strategy: String?

    @Option(help: "io_parallel or io_stream.")
    var ioType: String?

    @Option(help: "Wrap the weight arrays in this C++ namespace.")
    var namespace: String?

    @Flag(help: "Do not write the .txt weight files (hls4ml's WriteWeightsTxt: false).")
    var noWeightsTxt = false

    /// The configuration document: the generated one, the user's laid over it, then the options
    /// given on the command line; checked against the model. With `onnxNames` the document is
    /// `config_from_onnx_model`'s (hls4ml's ONNX layer names); the returned configuration is keyed
    /// by the IR's layer names either way.
    func document(for graph: Graph, onnxNames: HLS4MLONNXNames? = nil) throws -> (tree: ConfigTree, configuration: HLSConfiguration) {
        var builder = HLSConfigBuilder(graph: graph)
        builder.onnxLayers = onnxNames?.layers
        builder.backend = backend
        builder.granularity = granularity
        if let precision { builder.defaultPrecision = precision }
        if let reuseFactor { builder.defaultReuseFactor = reuseFactor }
        if let strategy {
            guard let parsed = Strategy(spelling: strategy) else {
                throw ConfigurationError("strategy '\(strategy)' is not one of Latency, Resource, Resource_Unrolled")
            }
            builder.strategy = parsed
        }
        var options = HLSConfigBuilder.WriterOptions(namespace: namespace, writesWeightsText: !noWeightsTxt)
        if let ioType {
            guard let parsed = IOType(rawValue: ioType.lowercased()) else { throw ConfigurationError("IOType '\(ioType)' is not one of io_parallel, io_stream") }
            options.ioType = parsed
        }
        var tree = builder.document(hlsConfig: builder.hlsConfig, options: options)
        if let config {
            let user = try ConfigTree(contentsOf: config)
            let isWholeFile = user["HLSConfig"] != nil
            var overlay = isWholeFile ? user : .mapping([("HLSConfig", user)])
            for key in ["Stamp", "OutputDir", "KerasModel", "OnnxModel", "InputShapes", "OutputShapes"] { overlay[key] = nil }
            tree = tree.merging(overlay)
            // Options given on the command line win over the file's Model block and writer settings.
            if let strategy { tree["HLSConfig"]?["Model"]?["Strategy"] = .string(Strategy(spelling: strategy)!.rawValue) }
            if let reuseFactor { tree["HLSConfig"]?["Model"]?["ReuseFactor"] = .int(reuseFactor) }
            if let precision { tree["HLSConfig"]?["Model"]?["Precision"] = .mapping([("default", .string(precision))]) }
            if let ioType { tree["IOType"] = .string(ioType.lowercased()) }
            if let namespace { tree["WriterConfig"]?["Namespace"] = .string(namespace) }
            if noWeightsTxt { tree["WriterConfig"]?["WriteWeightsTxt"] = .bool(false) }
        }
        let configuration = try HLSConfiguration(yaml: (try onnxNames?.irConfiguration(tree) ?? tree).yaml())
        // hls4ml's own checks and ours: known layer names, strategies, precisions, valid reuse factors.
        _ = try LayerAttributes.resolve(graph, configuration: configuration)
        return (tree, configuration)
    }

    /// Weight files as the document's WriterConfig asks.
    func weightFiles(_ tree: ConfigTree) -> WeightFiles {
        var namespace: String?
        if case .string(let name)? = tree["WriterConfig"]?["Namespace"] { namespace = name }
        var writesText = true
        if case .bool(let value)? = tree["WriterConfig"]?["WriteWeightsTxt"] { writesText = value }
        return WeightFiles(namespace: namespace, writesText: writesText)
    }
}

extension Backend: ExpressibleByArgument {}
extension Granularity: ExpressibleByArgument {}
