import HDF5
import ModelIR

/// Weights of the `model.weights.h5` inside a Keras 3 `.keras` archive.
///
/// Keras stores each layer's variables as `layers/<key>/vars/0`, `vars/1`, … with keys made from
/// the snake_case class name and a counter (`dense`, `dense_1`), nested models as
/// `layers/<key>/layers/…`. Newer files name the layer in a `vars@name` attribute; those names are
/// used when present, and the key rule applied to the configuration's layer order otherwise.
struct ArchiveWeightSource: WeightSource {
    let root: Group
    let savedLayerOrder: [String: [(name: String, className: String)]]

    func weights(for layer: Layer, at location: WeightLocation) throws -> [StoredWeight] {
        let expected = layer.kind.weightNames
        if expected.isEmpty { return [] }
        var group = root
        var levelPath: [String] = []
        for name in location.nesting + [location.ownName] {
            group = try child(of: group, forLayer: name, level: levelPath.joined(separator: "/"), irLayer: layer.name)
            levelPath.append(name)
        }
        guard try group.kind(of: "vars") == .group else {
            throw ConfigError(layer: layer.name, "no 'vars' in \(group.objectPath) of model.weights.h5")
        }
        let vars = try group.group("vars")
        let count = try vars.childNames().count
        guard count == expected.count else {
            throw ConfigError(layer: layer.name, "\(group.objectPath)/vars holds \(count) variables, expected \(expected.count) (\(expected.joined(separator: ", ")))")
        }
        return try expected.enumerated().map { index, name in
            StoredWeight(weight: Weight(name: name, tensor: try vars.dataset("\(index)").tensor()),
                         path: String("\(vars.objectPath)/\(index)".drop { $0 == "/" }))
        }
    }

    /// The group under `parent/layers` that holds the layer called `name`.
    private func child(of parent: Group, forLayer name: String, level: String, irLayer: String) throws -> Group {
        guard try parent.kind(of: "layers") == .group else {
            throw ConfigError(layer: irLayer, "no 'layers' group in \(parent.objectPath) of model.weights.h5")
        }
        let layers = try parent.group("layers")
        let keys = try layers.childNames()
        var unnamed = false
        for key in keys {
            let vars = "\(key)/vars"
            guard try layers.kind(of: vars) == .group else { continue }
            let holder = try layers.group(vars)
            if try holder.hasAttribute("name") {
                if try holder.attribute("name").readString() == name { return try layers.group(key) }
            } else {
                unnamed = true
            }
        }
        guard unnamed, let key = Self.key(for: name, in: savedLayerOrder[level] ?? []), keys.contains(key) else {
            throw ConfigError(layer: irLayer, "no weights for layer '\(name)' in \(layers.objectPath) of model.weights.h5")
        }
        return try layers.group(key)
    }

    /// Keras's key for a layer: its snake_case class name, with `_1`, `_2`, … for later layers of the same class.
    static func key(for name: String, in order: [(name: String, className: String)]) -> String? {
        var used: [String: Int] = [:]
        for entry in order {
            let base = snakeCase(entry.className)
            let count = used[base, default: 0]
            used[base] = count + 1
            if entry.name == name { return count == 0 ? base : "\(base)_\(count)" }
        }
        return nil
    }

    /// Keras's `to_snake_case`: `BatchNormalization` → `batch_normalization`, `PReLU` → `p_re_lu`.
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character.isUppercase, let previous {
                // Keras applies `(.)([A-Z][a-z]+)` → `\1_\2`, then `([a-z])([A-Z])` → `\1_\2`.
                let startsWord = next?.isLowercase == true
                if (startsWord && previous != "_") || previous.isLowercase {
                    result.append("_")
                }
            }
            result.append(character)
        }
        return result.lowercased()
    }
}
