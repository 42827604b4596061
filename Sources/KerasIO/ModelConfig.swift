import ModelIR

/// Where one IR layer's weights are stored, independent of the file format.
struct WeightLocation: Sendable {
    /// The names of the nested models that hold the layer, outermost first (empty at the top level).
    var nesting: [String]
    /// The entry of the outermost model's `model.layers` holding the weights (an `.h5` weight group).
    var topLevelName: String
    /// The layer's own name inside its model, as it appears in weight paths.
    var ownName: String
    /// Set when the layer came wrapped in tfmot's `prune_low_magnitude`: the wrapper's own variables are skipped.
    var isPruningWrapped: Bool
}

/// A Keras `model_config` turned into IR layers (without weights), nested models flattened.
struct ModelConfig {
    var name: String
    var layers: [Layer] = []
    var locations: [WeightLocation] = []
    var inputs: [String] = []
    var outputs: [String] = []
    /// For each model level (`""` for the outermost, `"sub"`, `"sub/inner"` for nested ones), the
    /// layers whose state Keras 3 saves, in order: the key rule of `.keras` weight files.
    var savedLayerOrder: [String: [(name: String, className: String)]] = [:]

    /// The name of the input a top-level Sequential model without an InputLayer gets (Keras
    /// 2.0–2.3 wrote none): Keras's `<first layer>_input`, or `input1` as hls4ml's KerasJson reader
    /// names it (`hls4mlInputName`), so that hls4ml configurations for such files apply.
    private let hls4mlInputName: Bool

    /// Parses `{"class_name": "Sequential" | "Functional" | "Model", "config": {…}}`.
    init(parsing json: JSONValue, isKeras3: Bool, hls4mlInputName: Bool = false) throws {
        self.hls4mlInputName = hls4mlInputName
        name = json["config"]?["name"]?.string ?? "model"
        let result = try parseModel(json, nesting: [], externalInputs: nil, isKeras3: isKeras3)
        inputs = result.inputs
        outputs = result.outputs
    }

    private struct ModelResult {
        var inputs: [String]
        var outputs: [String]
    }

    private static let modelClasses: Set<String> = ["Sequential", "Functional", "Model"]

    private mutating func parseModel(_ json: JSONValue, nesting: [String], externalInputs: [String]?, isKeras3: Bool) throws -> ModelResult {
        guard let className = json["class_name"]?.string, Self.modelClasses.contains(className) else {
            throw ConfigError("model_config is not a Sequential or Functional model (class_name \(json["class_name"]?.string ?? "missing"))")
        }
        let config = json["config"] ?? .null
        let layerList = config["layers"]?.array ?? config.array
        guard let layerList else { throw ConfigError("model_config has no layer list") }
        let level = nesting.joined(separator: "/")
        savedLayerOrder[level] = []
        return className == "Sequential"
            ? try parseSequential(layerList, nesting: nesting, externalInputs: externalInputs, isKeras3: isKeras3)
            : try parseFunctional(config, layerList, nesting: nesting, externalInputs: externalInputs, isKeras3: isKeras3)
    }

    private mutating func parseSequential(_ list: [JSONValue], nesting: [String], externalInputs: [String]?, isKeras3: Bool) throws -> ModelResult {
        var previous: String? = externalInputs?.first
        var inputs: [String] = []
        for entry in list {
            let (layerName, className, layerConfig) = try Self.describe(entry)
            if className == "InputLayer" {
                if externalInputs == nil {
                    previous = try addLayer(entry, inputs: [], nesting: nesting, isKeras3: isKeras3, saved: false)
                    inputs.append(previous!)
                }
                continue
            }
            if previous == nil {
                let declared = LayerConfig(name: layerName, className: className, values: layerConfig, isKeras3: isKeras3)
                guard let shape = try declared.declaredInputShape() else {
                    throw ConfigError(layer: layerName, "the first layer of a Sequential model declares no input shape")
                }
                let inputName = hls4mlInputName && nesting.isEmpty ? "input1" : "\(layerName)_input"
                appendLayer(Layer(name: prefixed(inputName, nesting), className: "InputLayer", kind: .input(shape: shape), inputs: []),
                            WeightLocation(nesting: nesting, topLevelName: inputName, ownName: inputName, isPruningWrapped: false))
                previous = prefixed(inputName, nesting)
                inputs.append(previous!)
            }
            previous = try addLayer(entry, inputs: [previous!], nesting: nesting, isKeras3: isKeras3, saved: true)
        }
        guard let output = previous else { throw ConfigError("the Sequential model has no layers") }
        return ModelResult(inputs: inputs, outputs: [output])
    }

    private mutating func parseFunctional(_ config: JSONValue, _ list: [JSONValue], nesting: [String], externalInputs: [String]?, isKeras3: Bool) throws -> ModelResult {
        let declaredInputs = try Self.endpoints(config["input_layers"], "input_layers")
        let declaredOutputs = try Self.endpoints(config["output_layers"], "output_layers")
        var produced: [String: String] = [:]  // Keras layer name → IR layer whose output it is
        for entry in list {
            let (layerName, className, _) = try Self.describe(entry)
            if className == "InputLayer", let externalInputs {
                guard let position = declaredInputs.firstIndex(of: layerName), position < externalInputs.count else {
                    throw ConfigError(layer: layerName, "input of a nested model that the outer model does not feed")
                }
                produced[layerName] = externalInputs[position]
                continue
            }
            let sources = try Self.inboundLayers(entry, layerName).map { source in
                guard let irName = produced[source] else {
                    throw ConfigError(layer: layerName, "its input '\(source)' is not an earlier layer of the model")
                }
                return irName
            }
            produced[layerName] = try addLayer(entry, inputs: sources, nesting: nesting, isKeras3: isKeras3, saved: true)
        }
        let resolve = { (names: [String]) throws -> [String] in
            try names.map { name in
                guard let irName = produced[name] else { throw ConfigError(layer: name, "named in input_layers/output_layers but not defined") }
                return irName
            }
        }
        return ModelResult(inputs: externalInputs == nil ? try resolve(declaredInputs) : [], outputs: try resolve(declaredOutputs))
    }

    /// Adds one configuration entry (a layer, a tfmot wrapper or a nested model) and returns the
    /// name of the IR layer that produces its output.
    private mutating func addLayer(_ entry: JSONValue, inputs: [String], nesting: [String], isKeras3: Bool, saved: Bool) throws -> String {
        let (layerName, className, layerConfig) = try Self.describe(entry)
        if saved { savedLayerOrder[nesting.joined(separator: "/"), default: []].append((layerName, className)) }
        if Self.modelClasses.contains(className) {
            return try parseModel(entry, nesting: nesting + [layerName], externalInputs: inputs, isKeras3: isKeras3).outputs[0]
        }
        var wrapped = false
        var effective = (layerName, className, layerConfig)
        if className == "PruneLowMagnitude" {
            guard let inner = layerConfig["layer"] else { throw ConfigError(layer: layerName, "prune_low_magnitude wrapper without an inner layer") }
            let (innerName, innerClass, innerConfig) = try Self.describe(inner)
            effective = (innerName, innerClass, innerConfig)
            wrapped = true
        }
        let config = LayerConfig(name: prefixed(effective.0, nesting), className: effective.1, values: effective.2, isKeras3: isKeras3)
        let layer = try LayerFactory.layer(config, inputs: inputs)
        appendLayer(layer, WeightLocation(nesting: nesting, topLevelName: nesting.first ?? layerName, ownName: effective.0, isPruningWrapped: wrapped))
        return layer.name
    }

    private mutating func appendLayer(_ layer: Layer, _ location: WeightLocation) {
        var layer = layer
        layer.nesting = location.nesting
        layers.append(layer)
        locations.append(location)
    }

    private func prefixed(_ name: String, _ nesting: [String]) -> String {
        (nesting + [name]).joined(separator: "/")
    }

    /// The name, class and config object of a layer entry.
    private static func describe(_ entry: JSONValue) throws -> (String, String, JSONValue) {
        guard let className = entry["class_name"]?.string else { throw ConfigError("a layer entry has no class_name") }
        let config = entry["config"] ?? .null
        guard let name = config["name"]?.string ?? entry["name"]?.string else {
            throw ConfigError("a \(className) layer has no name")
        }
        return (name, className, config)
    }

    /// The source layer names of a Functional layer entry, from Keras 2 lists or Keras 3 `args`.
    private static func inboundLayers(_ entry: JSONValue, _ layerName: String) throws -> [String] {
        let nodes = entry["inbound_nodes"]?.array ?? []
        guard nodes.count <= 1 else {
            throw ConfigError(layer: layerName, "the layer is shared (called \(nodes.count) times); shared layers are not supported")
        }
        guard let node = nodes.first else { return [] }
        if let arguments = node["args"] {
            var names: [String] = []
            collectHistory(arguments, into: &names)
            return names
        }
        return (node.array ?? []).compactMap { $0.array?.first?.string }
    }

    /// Collects `keras_history` layer names of Keras 3 tensor references, in argument order.
    private static func collectHistory(_ value: JSONValue, into names: inout [String]) {
        if let history = value["config"]?["keras_history"]?.array?.first?.string, value["class_name"]?.string == "__keras_tensor__" {
            names.append(history)
        } else if let list = value.array {
            for item in list { collectHistory(item, into: &names) }
        }
    }

    /// `input_layers` / `output_layers`: `[[name, node, tensor], …]` or a single `[name, node, tensor]`.
    private static func endpoints(_ value: JSONValue?, _ key: String) throws -> [String] {
        guard let list = value?.array else { throw ConfigError("the Functional model has no \(key)") }
        if list.first?.string != nil { return [list[0].string!] }
        return try list.map { item in
            guard let name = item.array?.first?.string else { throw ConfigError("cannot read \(key)") }
            return name
        }
    }
}
