import Foundation
import HLSConfig

/// An hls4ml configuration file used as the model, as `hls4ml convert -c config.yml` takes it:
/// its `KerasJson` + `KerasH5`, `KerasH5` alone (a full model), `KerasModel` or `OnnxModel` names
/// the model (relative to the
/// file's folder), and its `HLSConfig` and project settings apply as `--config` does.
///
/// ```swift
/// let entry = try HLS4MLConfigFile(path: "keras-config.yml")
/// print(entry.model, entry.weights ?? "-")   // "models/jet.json", "models/jet_weights.h5"
/// ```
package struct HLS4MLConfigFile: Sendable {
    /// The configuration file.
    package let path: String
    /// The model file it names, resolved against the configuration's folder.
    package let model: String
    /// `KerasH5` beside `KerasJson`, resolved likewise; nil for the other forms.
    package let weights: String?

    /// The keys that name a model, as hls4ml's `convert_from_config` reads them.
    static let modelKeys = ["KerasJson", "KerasModel", "OnnxModel"]

    /// Whether `path` is read as an hls4ml configuration (`.yml`, `.yaml`) rather than a model.
    package static func isConfiguration(_ path: String) -> Bool {
        ["yml", "yaml"].contains((path as NSString).pathExtension.lowercased())
    }

    /// - Throws: ``HLSConfig/ConfigurationError`` naming the file and the key when the file names
    ///   no model, several, one hlsprune cannot read (`PytorchModel`), or a value that is not a path.
    package init(path: String) throws {
        let tree = try ConfigTree(contentsOf: path)
        guard case .mapping = tree else { throw ConfigurationError(file: path, "expected a mapping with KerasJson + KerasH5, KerasModel or OnnxModel") }
        if tree["PytorchModel"] != nil {
            throw ConfigurationError(file: path, key: "PytorchModel", "PyTorch models are not read; give KerasJson + KerasH5, KerasModel or OnnxModel")
        }
        // KerasH5 alone is a full model (hls4ml reads its model_config); beside KerasJson, its weights.
        let named = Self.modelKeys.filter { tree[$0] != nil }
        let modelKey = named.isEmpty && tree["KerasH5"] != nil ? "KerasH5" : named.first
        guard named.count <= 1, let modelKey else {
            let found = named.isEmpty ? "no model" : "\(named.joined(separator: " and ")) together"
            throw ConfigurationError(file: path, "names \(found); an hls4ml configuration used as the model names exactly one of KerasJson (with KerasH5), KerasH5, KerasModel or OnnxModel")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolved(_ key: String) throws -> String {
            guard case .string(let value)? = tree[key], !value.isEmpty else {
                throw ConfigurationError(file: path, key: key, "expected the path of a file (relative to the configuration's folder)")
            }
            return value.hasPrefix("/") ? value : folder.appendingPathComponent(value).path
        }
        self.path = path
        model = try resolved(modelKey)
        switch modelKey {
        case "KerasJson":
            guard tree["KerasH5"] != nil else { throw ConfigurationError(file: path, key: "KerasH5", "KerasJson needs KerasH5, the weights file beside it") }
            weights = try resolved("KerasH5")
        case "KerasH5":
            weights = nil
        default:
            if tree["KerasH5"] != nil { throw ConfigurationError(file: path, key: "KerasH5", "goes with KerasJson, not with \(modelKey)") }
            weights = nil
        }
    }
}
