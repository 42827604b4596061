import HLSConfig
import ModelIR
import Pruning

/// hls4ml's treatment of a reuse factor a Resource layer cannot use: its backend replaces it by the
/// closest valid one and prints a warning; the firmware (and so the weight headers' Resource layout)
/// uses the replacement, while `hls4ml_config.yml` keeps the value asked for.
///
/// ```swift
/// let replacements = try HLSProject.reuseFactorReplacements(in: graph, configuration: configuration, strict: false)
/// // ["output": (requested: 9, used: 8, warning: "Invalid ReuseFactor=9 in layer \"output\"…")]
/// ```
extension HLSProject {
    /// The configuration the firmware of `graph` — this model, or a reduced version of it, whose
    /// layer sizes allow other reuse factors — is built with: ``configuration`` with the reuse
    /// factors hls4ml replaces for `graph`'s layer sizes.
    public func configuration(for graph: Graph) throws -> HLSConfiguration {
        let replacements = try Self.reuseFactorReplacements(in: graph, configuration: requestedConfiguration, strict: false)
        return requestedConfiguration.replacingReuseFactors(replacements.mapValues(\.used))
    }

    /// A reuse factor hls4ml replaces, by IR layer name.
    struct ReuseFactorReplacement {
        var used: Int
        var warning: String
    }

    /// The replacements hls4ml's backend makes in `graph` under `configuration`.
    ///
    /// - Throws: ``PruningError`` naming the first layer whose reuse factor would be replaced when
    ///   `strict`, with the valid values and the per-layer setting to use.
    static func reuseFactorReplacements(in graph: Graph, configuration: HLSConfiguration,
                                        strict: Bool) throws -> [String: ReuseFactorReplacement] {
        let attributes = try LayerAttributes.resolve(graph, configuration: configuration, acceptingInvalidReuseFactors: !strict)
        var replacements: [String: ReuseFactorReplacement] = [:]
        for layer in attributes {
            guard let used = layer.replacementReuseFactor, let warning = layer.reuseFactorReplacementWarning else { continue }
            replacements[layer.name] = ReuseFactorReplacement(used: used, warning: warning)
        }
        return replacements
    }
}

extension HLSConfiguration {
    /// This configuration with `LayerName.<layer>.ReuseFactor` set to `reuseFactors[layer]`.
    func replacingReuseFactors(_ reuseFactors: [String: Int]) -> HLSConfiguration {
        var result = self
        for (layer, reuseFactor) in reuseFactors { result.layerName[layer, default: LayerSettings()].reuseFactor = reuseFactor }
        return result
    }
}
