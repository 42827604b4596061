import ArgumentParser
import HLSConfig
import HLSEmit
import HLSPruneKit

/// The hls4ml settings `emit` and `prune` share, with hls4ml's defaults.
struct HLSOptions: ParsableArguments {
    @Option(help: "An hls4ml configuration (YAML or JSON): a whole hls4ml_config.yml or its HLSConfig part, merged over the generated one. Its Model block's ReuseFactor, Strategy and Precision reach every layer it does not name; the options below win over it.")
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
    var strategy: Strategy?

    @Option(help: "io_parallel or io_stream.")
    var ioType: IOType?

    @Option(help: "Wrap the weight arrays in this C++ namespace.")
    var namespace: String?

    @Flag(help: "Do not write the .txt weight files (hls4ml's WriteWeightsTxt: false).")
    var noWeightsTxt = false

    /// The options as the library takes them.
    var settings: HLSSettings {
        var settings = HLSSettings()
        settings.configFile = config
        settings.backend = backend
        settings.granularity = granularity
        settings.precision = precision
        settings.reuseFactor = reuseFactor
        settings.strategy = strategy
        settings.ioType = ioType
        settings.namespace = namespace
        settings.writesWeightsText = !noWeightsTxt
        return settings
    }
}

extension Backend: ExpressibleByArgument {}
extension Granularity: ExpressibleByArgument {}

extension Strategy: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }
}

extension IOType: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
