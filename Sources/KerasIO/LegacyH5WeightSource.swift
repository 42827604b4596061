import HDF5
import ModelIR

/// Weights of a full-model `.h5` file written by `model.save` (Keras 2 or Keras 3 legacy format),
/// or of a weights-only `.h5` written by Keras 2's `model.save_weights` (the same layout at the root).
///
/// Each entry of `model_weights@layer_names` (`@layer_names` of a weights-only file) is a group whose `weight_names` attribute lists its
/// datasets by path. A name such as `fc1/kernel:0` (Keras 2), `cnn2d/fc1/kernel` (Keras 3) or
/// `sub/inner_fc1/kernel` (a nested model) ends with the variable name, preceded by the name of the
/// layer that owns it. Weights are found through these lists, never by searching for substrings.
struct LegacyH5WeightSource: WeightSource {
    let weightsGroup: Group
    /// `layer_names`: the groups that exist, in `model.layers` order.
    let layerNames: [String]
    /// The path of `weightsGroup` from the root of the file, ending in `/` unless it is the root.
    let prefix: String

    /// Variables tfmot's `prune_low_magnitude` adds to the layer it wraps.
    static let pruningWrapperVariables: Set<String> = ["mask", "threshold", "pruning_step"]

    private init(group: Group, layerNames: [String], prefix: String) {
        weightsGroup = group
        self.layerNames = layerNames
        self.prefix = prefix
    }

    init(root: Group) throws {
        guard try root.kind(of: "model_weights") == .group else {
            throw ConfigError("has no 'model_weights' group; expected a full model saved with model.save()")
        }
        let group = try root.group("model_weights")
        self.init(group: group, layerNames: try group.chunkedStringArrayAttribute("layer_names") ?? [], prefix: "model_weights/")
    }

    /// The weights of a weights-only file (`save_weights`), or the `model_weights` group when the
    /// file is a full model, as hls4ml's `KerasH5` accepts either.
    init(weightsFile root: Group) throws {
        if try root.kind(of: "model_weights") == .group {
            try self.init(root: root)
            return
        }
        guard let names = try root.chunkedStringArrayAttribute("layer_names") else {
            throw ConfigError("has no 'layer_names' attribute; expected the weights of a Keras model written by model.save_weights()")
        }
        self.init(group: root, layerNames: names, prefix: "")
    }

    func weights(for layer: Layer, at location: WeightLocation) throws -> [StoredWeight] {
        let expected = layer.kind.weightNames
        guard layerNames.contains(location.topLevelName) else {
            if expected.isEmpty { return [] }
            throw ConfigError(layer: layer.name, "no weight group '\(location.topLevelName)' in \(prefix.isEmpty ? "" : "model_weights")@layer_names")
        }
        let group = try weightsGroup.group(location.topLevelName)
        let allNames = try group.chunkedStringArrayAttribute("weight_names") ?? []
        let isNested = !location.nesting.isEmpty
        var found: [String: String] = [:]  // IR weight name → dataset path in the group
        for storedName in allNames {
            let components = storedName.split(separator: "/").map(String.init)
            guard let last = components.last, let variable = last.split(separator: ":").first.map(String.init) else {
                throw ConfigError(layer: layer.name, "weight_names lists '\(storedName)'; expected the path of a dataset")
            }
            let owner = components.count >= 2 ? components[components.count - 2] : nil
            // Every listed dataset must exist, even the wrapper variables that are not read: a
            // list that names missing data is a damaged file, not a smaller model.
            guard try group.kind(of: storedName) == .dataset else {
                throw ConfigError(layer: layer.name, "weight_names lists '\(storedName)', which is not a dataset in group '\(location.topLevelName)'")
            }
            if location.isPruningWrapped && Self.pruningWrapperVariables.contains(variable) { continue }
            if isNested && owner != location.ownName { continue }
            let name = irWeightName(variable, for: layer.kind)
            guard expected.contains(name) else {
                throw ConfigError(layer: layer.name, "unexpected weight '\(storedName)' for a \(layer.className) layer; expected \(expected)")
            }
            guard found[name] == nil else { throw ConfigError(layer: layer.name, "weight '\(name)' is stored twice") }
            found[name] = storedName
        }
        return try expected.map { name in
            guard let path = found[name] else {
                throw ConfigError(layer: layer.name, "weight '\(name)' not found in group '\(location.topLevelName)' (weight_names: \(allNames))")
            }
            return StoredWeight(weight: Weight(name: name, tensor: try group.dataset(path).tensor()),
                                path: "\(prefix)\(location.topLevelName)/\(path)")
        }
    }
}
