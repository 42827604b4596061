import Foundation
import HDF5
import Training

/// Structure-aware damage to a Keras `.h5`: edits of the `model_config` JSON (field deletions and
/// type changes, sizes the weights do not hold, inbound cycles and dangling references) and of
/// the weight datasets (NaN/Inf, float16, integer, scalar, missing).
enum KerasMutations {
    /// Edits a copy of the fixture at `path` in `scratch` and returns its bytes.
    static func mutant(ofFileAt path: String, named name: String, scratch: URL, using random: inout SeededGenerator) throws -> Mutant {
        let copy = scratch.appendingPathComponent("edit.h5")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy.path)
        let (description, refusedBy): (String, Set<FuzzedCommand>)
        do {
            let file = try File(path: copy.path, mode: .readWrite)
            let root = try file.rootGroup()
            if Bool.random(using: &random) {
                (description, refusedBy) = try editConfig(root, using: &random)
            } else {
                (description, refusedBy) = try editWeights(root, using: &random)
            }
            try file.flush()
        }
        return Mutant("\(name): \(description)", fileExtension: "h5", bytes: try Data(contentsOf: copy), mustBeRefusedBy: refusedBy)
    }

    // MARK: model_config

    private static func editConfig(_ root: Group, using random: inout SeededGenerator) throws -> (String, Set<FuzzedCommand>) {
        let text = try root.attribute("model_config").readString()
        guard var config = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              var inner = config["config"] as? [String: Any], var layers = inner["layers"] as? [[String: Any]], !layers.isEmpty
        else { return ("model_config left alone (no layer list)", []) }
        let index = Int.random(in: 0..<layers.count, using: &random)
        var layer = layers[index]
        var layerConfig = layer["config"] as? [String: Any] ?? [:]
        let layerName = layerConfig["name"] as? String ?? "?"
        let result: (String, Set<FuzzedCommand>)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            guard let key = layerConfig.keys.sorted().randomElement(using: &random) else { return ("layer without config", []) }
            layerConfig.removeValue(forKey: key)
            result = ("layer '\(layerName)' config field '\(key)' deleted", [])
        case 1:
            guard let key = layerConfig.keys.sorted().randomElement(using: &random) else { return ("layer without config", []) }
            layerConfig[key] = retyped(layerConfig[key]!)
            result = ("layer '\(layerName)' config field '\(key)' retyped", [])
        case 2:
            let sizeKeys = ["units", "filters", "kernel_size", "pool_size", "strides"].filter { layerConfig[$0] != nil }
            guard let key = sizeKeys.randomElement(using: &random) else { return try editConfig(root, using: &random) }
            let size = [0, -3, 1_000_000_000_000, 1 << 40].randomElement(using: &random)!
            layerConfig[key] = layerConfig[key] is [Any] ? [size, size] : size
            let mustFail = key == "units" || key == "filters" || key == "kernel_size"
            result = ("layer '\(layerName)' \(key) = \(size)", mustFail ? .all : [])
        case 3:
            guard layer["inbound_nodes"] is [Any], let inbound = layer["inbound_nodes"] as? [Any], !inbound.isEmpty else {
                return try editConfig(root, using: &random)
            }
            layer["inbound_nodes"] = renamingInbound(inbound, to: layerName)
            result = ("layer '\(layerName)' reads itself", .all)
        default:
            guard let inbound = layer["inbound_nodes"] as? [Any], !inbound.isEmpty else { return try editConfig(root, using: &random) }
            layer["inbound_nodes"] = renamingInbound(inbound, to: "no_such_layer")
            result = ("layer '\(layerName)' reads a layer that does not exist", .all)
        }
        layer["config"] = layerConfig
        layers[index] = layer
        inner["layers"] = layers
        config["config"] = inner
        let edited = String(decoding: try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys]), as: UTF8.self)
        try root.setStringAttribute("model_config", [edited], scalar: true)
        return result
    }

    /// The same value as another JSON type.
    private static func retyped(_ value: Any) -> Any {
        switch value {
        case is String: return 3
        case is NSNumber: return "3"
        case is [Any]: return ["nested": true]
        default: return [1, 2]
        }
    }

    /// Inbound nodes (Keras 2 lists or Keras 3 `keras_history` objects) with every layer name replaced.
    private static func renamingInbound(_ value: Any, to name: String) -> Any {
        switch value {
        case let list as [Any]:
            if list.first is String, list.count >= 3, list[1] is NSNumber { return [name] + list.dropFirst() as [Any] }
            return list.map { renamingInbound($0, to: name) }
        case var object as [String: Any]:
            if var history = object["keras_history"] as? [Any], !history.isEmpty {
                history[0] = name
                object["keras_history"] = history
                return object
            }
            return object.mapValues { renamingInbound($0, to: name) }
        default:
            return value
        }
    }

    // MARK: weights

    private static func editWeights(_ root: Group, using random: inout SeededGenerator) throws -> (String, Set<FuzzedCommand>) {
        var datasets: [(Group, String)] = []
        // Only the model's weights: a Keras 2 file's optimizer state is not read.
        let weights = try root.kind(of: "model_weights") == .group ? try root.group("model_weights") : root
        collectDatasets(in: weights, into: &datasets)
        guard let (group, name) = datasets.randomElement(using: &random) else { return ("no weights", []) }
        let dataset = try group.dataset(name)
        let values = try dataset.read(as: Float.self)
        let shape = dataset.shape
        let path = dataset.objectPath
        // tfmot's wrapper state (mask, threshold, step) is listed but not read: its shape is no
        // part of the model, so only its absence must be refused.
        let isRead = !["mask", "threshold", "pruning_step"].contains(String(name.split(separator: ":").first ?? ""))
        try group.removeChild(name)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            var poisoned = values
            if !poisoned.isEmpty { poisoned[Int.random(in: 0..<poisoned.count, using: &random)] = [.nan, .infinity, -.infinity].randomElement(using: &random)! }
            try group.createDataset(name, values: poisoned, shape: shape)
            return ("\(path) holds a NaN or Inf", values.isEmpty ? [] : [.emit])
        case 1:
            try group.createDataset(name, values: values, shape: shape, elementType: .float(bits: 16))
            return ("\(path) stored as float16", [])
        case 2:
            try group.createDataset(name, values: values.map { Int32($0 * 100) }, shape: shape)
            return ("\(path) stored as int32", [])
        case 3:
            try group.createDataset(name, values: [values.first ?? 0], shape: [])
            return ("\(path) replaced by a scalar", values.count == 1 || !isRead ? [] : .all)
        case 4:
            try group.createDataset(name, values: Array(values.prefix(values.count / 2)), shape: [values.count / 2])
            return ("\(path) cut to half its values", values.count < 2 || !isRead ? [] : .all)
        default:
            return ("\(path) deleted", .all)
        }
    }

    private static func collectDatasets(in group: Group, into datasets: inout [(Group, String)]) {
        for name in (try? group.childNames()) ?? [] {
            switch try? group.kind(of: name) {
            case .dataset?: datasets.append((group, name))
            case .group?: if let child = try? group.group(name) { collectDatasets(in: child, into: &datasets) }
            default: break
            }
        }
    }
}
