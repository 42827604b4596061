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

    @Option(help: ArgumentHelp("Default reuse factor (hls4ml's default_reuse_factor), and/or per-layer ones: 4, fc1=4,output=8, or 2,fc1=4.",
                               discussion: "A reuse factor a Resource layer cannot use is replaced by the closest valid one, as hls4ml does, with its warning; give that layer its own with LAYER=RF, or refuse with --strict."))
    var reuseFactor: ReuseFactors?

    @Flag(help: "Refuse reuse factors hls4ml would replace, instead of replacing them as hls4ml does.")
    var strict = false

    @Option(help: "FPGA part written into hls4ml_config.yml (hls4ml's default xcvu13p-flga2577-2-e).")
    var part: String?

    @Option(help: "Clock period in ns written into hls4ml_config.yml (default 5).")
    var clockPeriod: Double?

    @Option(help: "Project name written into hls4ml_config.yml (default myproject).")
    var projectName: String?

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
        settings.reuseFactor = reuseFactor?.model
        settings.layerReuseFactors = reuseFactor?.layers ?? [:]
        settings.refusesInvalidReuseFactors = strict
        settings.part = part
        settings.clockPeriod = clockPeriod
        settings.projectName = projectName
        settings.strategy = strategy
        settings.ioType = ioType
        settings.namespace = namespace
        settings.writesWeightsText = !noWeightsTxt
        return settings
    }
}

extension HLSOptions {
    /// Refuses hls4ml options on a command that uses them only with `--firmware` when it is not given.
    func requireFirmware(_ firmware: Bool) throws {
        guard !firmware, settings != HLSSettings() else { return }
        throw ValidationError("--config and the hls4ml options apply only with --firmware")
    }
}

/// `--reuse-factor`: a model-wide value and/or `LAYER=RF` pairs, comma-separated.
struct ReuseFactors: ExpressibleByArgument {
    var model: Int?
    var layers: [String: Int] = [:]

    init?(argument: String) {
        for part in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pieces.count == 2, let value = Int(pieces[1]), value >= 1 {
                layers[pieces[0]] = value
            } else if pieces.count == 1, let value = Int(pieces[0]), value >= 1, model == nil {
                model = value
            } else {
                return nil
            }
        }
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
