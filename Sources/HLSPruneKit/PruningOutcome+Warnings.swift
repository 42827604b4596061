import Foundation
import Pruning

extension PruningOutcome {
    /// Whether the run removed nothing: every resource is what it was.
    public var prunedNothing: Bool {
        result.resourcesAfter == result.resourcesBefore && result.layers.allSatisfy { $0.keptWeights == $0.weights }
    }

    /// Why a run that "succeeded" may not have done what was wanted, one sentence each: nothing
    /// pruned (and why), every weight of the optimised layers zeroed, a layer with no unit left.
    public var warnings: [String] {
        var warnings: [String] = []
        let optimized = result.layers.filter { $0.groups > 0 }
        if prunedNothing {
            warnings.append("nothing was pruned: \(result.objective) stays \(list(result.resourcesBefore)); \(reasonForNothing(optimized))")
            return warnings
        }
        if !optimized.isEmpty, optimized.allSatisfy({ $0.keptWeights == 0 }) {
            warnings.append("every weight of the optimised layers is zero (sparsity \(formatted(result.sparsity))): the model's outputs no longer depend on its inputs")
        } else {
            for layer in optimized where layer.keptWeights == 0 {
                warnings.append("layer \(layer.attributes.name) lost all its weights: the layers after it see only its biases")
            }
        }
        return warnings
    }

    private func reasonForNothing(_ optimized: [LayerPruning]) -> String {
        let dsp = ["dsp", "dsp-bram"].contains(result.objective)
        if dsp, let narrow = result.layers.first, result.layers.allSatisfy({ $0.attributes.weightPrecision.width < 9 }) {
            return "weights narrower than 9 bits use no DSPs (weight precision \(narrow.attributes.weightPrecision.width) bits), so there are none to save"
        }
        if optimized.isEmpty { return "no layer can be pruned with these settings" }
        if let search, search.best?.sparsity ?? 0 == 0 {
            let tried = search.steps.map { formatted($0.sparsity) }.joined(separator: ", ")
            return "no step kept the metric within rtol \(settings.search?.tolerance ?? 0) (steps tried: \(tried))"
        }
        if dsp, optimized.allSatisfy({ $0.optimization?.structure == .structured && !$0.attributes.strategy.isResource && $0.attributes.reuseFactor == 1 }) {
            return "structured pruning cannot remove DSPs under Latency at reuse factor 1 (hls4ml counts multipliers per layer); use --structure unstructured or the Resource strategy"
        }
        if result.sparsity == 0 { return "the sparsity is 0" }
        return "no group's removal saves a resource under these settings (structure, strategy, reuse factor)"
    }

    private func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
    private func formatted(_ value: Double) -> String { String(format: "%.4g", value) }
}
