import Foundation
import ModelIR

/// Rewrites a Keras `model_config` (or `.keras` `config.json`) for a model whose Dense units or
/// Conv filters were reduced: the layer's `units`/`filters`, and every recorded tensor shape that
/// changed with it (Keras 3's `build_config.input_shape` and the `__keras_tensor__` shapes of
/// functional `inbound_nodes`), from the reduced graph's shapes.
enum ReducedModelConfig {
    static func rewrite(_ text: String, reduced: Graph) throws -> String {
        guard var root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw ConfigError("model_config is not a JSON object")
        }
        let shapes = Dictionary(uniqueKeysWithValues: reduced.layers.map { ($0.name, $0.outputShape) })
        let inputs = Dictionary(uniqueKeysWithValues: reduced.layers.map { layer in (layer.name, layer.inputs) })
        root = rewriteValue(root, layers: reduced, shapes: shapes, inputs: inputs) as! [String: Any]
        let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func shape(_ dims: [Int]) -> [Any] { [NSNull()] + dims.map { $0 as Any } }

    private static func rewriteValue(_ value: Any, layers: Graph, shapes: [String: [Int]], inputs: [String: [String]]) -> Any {
        if let array = value as? [Any] { return array.map { rewriteValue($0, layers: layers, shapes: shapes, inputs: inputs) } }
        guard var object = value as? [String: Any] else { return value }
        for (key, member) in object { object[key] = rewriteValue(member, layers: layers, shapes: shapes, inputs: inputs) }
        // A recorded tensor (Keras 3 functional inbound nodes): its shape is its producer's output.
        if object["class_name"] as? String == "__keras_tensor__", var config = object["config"] as? [String: Any],
           let history = config["keras_history"] as? [Any], let producer = history.first as? String, let dims = shapes[producer] {
            config["shape"] = shape(dims)
            object["config"] = config
        }
        // A layer entry: units/filters and the input shape it was built with.
        if var config = object["config"] as? [String: Any], let name = config["name"] as? String, object["class_name"] is String,
           let layer = layers.layer(named: name) {
            switch layer.kind {
            case .dense(let dense) where config["units"] != nil: config["units"] = dense.units
            case .convolution(let conv) where config["filters"] != nil && !conv.isDepthwise: config["filters"] = conv.filters
            default: break
            }
            object["config"] = config
            if var build = object["build_config"] as? [String: Any], build["input_shape"] != nil,
               let sources = inputs[name], sources.count == 1, let dims = shapes[sources[0]] {
                build["input_shape"] = shape(dims)
                object["build_config"] = build
            }
        }
        return object
    }
}
