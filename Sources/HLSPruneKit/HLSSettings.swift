import HLSConfig
import HLSEmit

/// The hls4ml settings of a run, with hls4ml's defaults: what `config_from_keras_model` is given
/// (granularity, backend, default precision and reuse factor), the Model-level strategy and
/// `IOType`, writer options, and optionally a user's configuration file laid over the generated
/// configuration.
///
/// ```swift
/// var settings = HLSSettings()
/// settings.strategy = .resource
/// settings.reuseFactor = 4
/// let project = try HLSProject(for: model, settings: settings)
/// ```
public struct HLSSettings: Sendable, Equatable {
    /// An hls4ml configuration (YAML or JSON): a whole `hls4ml_config.yml` or its `HLSConfig`
    /// part, merged over the generated one; the settings below win over its `Model` block.
    public var configFile: String?
    public var backend: Backend = .vitis
    public var granularity: Granularity = .name
    /// The default precision (hls4ml's `default_precision`), `fixed<16,6>` when nil.
    public var precision: String?
    /// The default reuse factor (hls4ml's `default_reuse_factor`), 1 when nil.
    public var reuseFactor: Int?
    /// The Model-level strategy, Latency when nil.
    public var strategy: Strategy?
    /// `IOType`, io_parallel when nil.
    public var ioType: IOType?
    /// A C++ namespace around the weight arrays.
    public var namespace: String?
    /// Whether `firmware/weights/*.txt` are written (hls4ml's `WriteWeightsTxt`).
    public var writesWeightsText = true
    /// Reuse factors of single layers (`LayerName.<layer>.ReuseFactor`), over everything else.
    public var layerReuseFactors: [String: Int] = [:]
    /// Whether a reuse factor a Resource layer cannot use is an error. When false (hls4ml's
    /// behaviour), it is replaced by the closest valid one and ``HLSProject/warnings`` says so.
    public var refusesInvalidReuseFactors = false
    /// The FPGA part, clock period (ns) and project name written into `hls4ml_config.yml`
    /// (hls4ml's `part`, `clock_period`, `project_name`; defaults xcvu13p-flga2577-2-e, 5, myproject).
    public var part: String?
    public var clockPeriod: Double?
    public var projectName: String?

    public init() {}
}
