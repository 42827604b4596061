import Foundation
import Yams

/// The parts of an hls4ml configuration that pruning reads: `IOType` and the `Model`, `LayerType`
/// and `LayerName` blocks of `HLSConfig`, at any granularity.
///
/// Accepts a whole `hls4ml_config.yml` (tags such as `!keras_model` are ignored), or just the
/// `HLSConfig` part, as YAML or JSON (JSON is read as YAML's flow style).
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("\(path): the configuration is not UTF-8 text")
        }
        do {
            try self.init(yaml: text)
        } catch let error as ConfigurationError {
            throw ConfigurationError("\(path): \(error.message)")
        }
    }

    /// Parses YAML or JSON text.
    public init(yaml text: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            // Yams adds the offending line and a caret below its message; keep one line.
            let message = "\(error)".split(separator: "\n").prefix(2).joined(separator: " ")
            throw ConfigurationError("not valid YAML or JSON: \(message)")
        }
        guard let root, root.mapping != nil else {
            throw ConfigurationError("expected a mapping with HLSConfig (or Model/LayerType/LayerName) at the top")
        }
        let hls = root["HLSConfig"] ?? root
        guard hls.mapping != nil else { throw ConfigurationError("HLSConfig: expected a mapping") }
        let ioType = try (root["IOType"] ?? hls["IOType"]).map { try Self.string($0, key: "IOType") }
        let model = try hls["Model"].map { try LayerSettings($0, context: "HLSConfig.Model") } ?? LayerSettings()
        self.init(ioType: ioType, model: model,
                  layerType: try Self.settingsByKey(hls["LayerType"], context: "HLSConfig.LayerType"),
                  layerName: try Self.settingsByKey(hls["LayerName"], context: "HLSConfig.LayerName"))
    }

    private static func settingsByKey(_ node: Node?, context: String) throws -> [String: LayerSettings] {
        guard let node else { return [:] }
        if case .scalar(let scalar) = node, scalar.string == "null" || scalar.string == "" { return [:] }
        guard let mapping = node.mapping else { throw ConfigurationError("\(context): expected a mapping of layer settings") }
        var result: [String: LayerSettings] = [:]
        for (key, value) in mapping {
            let name = try string(key, key: context)
            result[name] = try LayerSettings(value, context: "\(context).\(name)")
        }
        return result
    }

    static func string(_ node: Node, key: String) throws -> String {
        guard let scalar = node.scalar else { throw ConfigurationError("\(key): expected a single value") }
        return scalar.string
    }
}

/// One block of settings (`Model`, a `LayerType` entry or a `LayerName` entry).
public struct LayerSettings: Sendable, Equatable {
    /// Precision strings by type name (`weight`, `bias`, `result`, …); `Model` uses `default`.
    /// A block whose `Precision` is a single string stores it under `default`.
    public var precision: [String: String] = [:]
    public var reuseFactor: Int?
    public var strategy: String?
    public var parallelizationFactor: Int?

    public init(precision: [String: String] = [:], reuseFactor: Int? = nil, strategy: String? = nil, parallelizationFactor: Int? = nil) {
        self.precision = precision
        self.reuseFactor = reuseFactor
        self.strategy = strategy
        self.parallelizationFactor = parallelizationFactor
    }

    init(_ node: Node, context: String) throws {
        guard node.mapping != nil else { throw ConfigurationError("\(context): expected a mapping") }
        if let precision = node["Precision"] {
            if let mapping = precision.mapping {
                for (key, value) in mapping {
                    self.precision[try HLSConfiguration.string(key, key: "\(context).Precision")] =
                        try HLSConfiguration.string(value, key: "\(context).Precision")
                }
            } else {
                self.precision["default"] = try HLSConfiguration.string(precision, key: "\(context).Precision")
            }
        }
        func integer(_ key: String) throws -> Int? {
            guard let node = node[key] else { return nil }
            let text = try HLSConfiguration.string(node, key: "\(context).\(key)")
            guard let value = Int(text) else { throw ConfigurationError("\(context).\(key): expected a whole number, found '\(text)'") }
            return value
        }
        reuseFactor = try integer("ReuseFactor")
        parallelizationFactor = try integer("ParallelizationFactor")
        strategy = try node["Strategy"].map { try HLSConfiguration.string($0, key: "\(context).Strategy") }
    }
}

/// Why a configuration file cannot be used: the file or key and what was expected.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
