import Foundation

/// The parts of an hls4ml configuration that decide a layer's types and implementation: `IOType`
/// and the `Model`, `LayerType` and `LayerName` blocks of `HLSConfig`, at any granularity. Read
/// it with ``ConfigurationResolver``, the one implementation of hls4ml's precedence.
///
/// Accepts a whole `hls4ml_config.yml` (tags such as `!keras_model` are ignored), or just the
/// `HLSConfig` part, as YAML or JSON, or a ``ConfigTree`` already in memory.
///
/// ```swift
/// let configuration = try HLSConfiguration(contentsOf: "hls4ml_config.yml")
/// let resolver = ConfigurationResolver(configuration)
/// let weight = try resolver.type(of: "weight", layer: "fc1", className: "Dense")   // fc1_weight_t, fixed<8,3>
/// ```
public struct HLSConfiguration: Sendable, Equatable {
    /// The `IOType` key, if present.
    public var ioType: String?
    /// `HLSConfig.Model`.
    public var model: LayerSettings
    /// `HLSConfig.LayerType`, by hls4ml class name (`Dense`, `Conv2D`).
    public var layerType: [String: LayerSettings]
    /// `HLSConfig.LayerName`, by layer name.
    public var layerName: [String: LayerSettings]

    public init(ioType: String? = nil, model: LayerSettings = LayerSettings(), layerType: [String: LayerSettings] = [:],
                layerName: [String: LayerSettings] = [:]) {
        self.ioType = ioType
        self.model = model
        self.layerType = layerType
        self.layerName = layerName
    }

    /// Reads a configuration file; errors name the file and the offending key.
    public init(contentsOf path: String) throws {
        do {
            try self.init(tree: try ConfigTree(contentsOf: path))
        } catch let error as ConfigurationError where error.file == nil {
            throw error.in(file: path)
        }
    }

    /// Parses YAML or JSON text.
    public init(yaml text: String) throws {
        try self.init(tree: try ConfigTree(yaml: text))
    }

    /// Reads the configuration held in `tree` (a whole document, or its `HLSConfig` part).
    public init(tree root: ConfigTree) throws {
        guard case .mapping = root else {
            throw ConfigurationError(key: nil, "expected a mapping with HLSConfig (or Model/LayerType/LayerName) at the top")
        }
        let hls = root["HLSConfig"] ?? root
        guard case .mapping = hls else { throw ConfigurationError(key: "HLSConfig", "expected a mapping") }
        let ioType = try (root["IOType"] ?? hls["IOType"]).map { try $0.text(key: "IOType") }
        let model = try hls["Model"].map { try LayerSettings($0, key: "HLSConfig.Model") } ?? LayerSettings()
        self.init(ioType: ioType, model: model,
                  layerType: try Self.settingsByKey(hls["LayerType"], key: "HLSConfig.LayerType"),
                  layerName: try Self.settingsByKey(hls["LayerName"], key: "HLSConfig.LayerName"))
    }

    private static func settingsByKey(_ tree: ConfigTree?, key: String) throws -> [String: LayerSettings] {
        switch tree {
        case nil, .null?: return [:]
        case .mapping(let entries)?:
            var result: [String: LayerSettings] = [:]
            for (name, value) in entries { result[name] = try LayerSettings(value, key: "\(key).\(name)") }
            return result
        default: throw ConfigurationError(key: key, "expected a mapping of layer settings")
        }
    }
}

extension ConfigTree {
    /// A scalar as text (`16`, `true`, `fixed<16,6>`).
    func text(key: String) throws -> String {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        default: throw ConfigurationError(key: key, "expected a single value")
        }
    }
}
