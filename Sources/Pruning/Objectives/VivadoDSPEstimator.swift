/// DSP blocks on Xilinx FPGAs (hls4ml's `VivadoDSPEstimator`): one per multiplier when weights are
/// at least 9 bits wide, `P / RF` multipliers per layer. Resource layers are pruned by pattern (one
/// multiplier's weights, saving one DSP), Latency layers unstructured.
public struct VivadoDSPEstimator: PruningObjective {
    public init() {}

    public var name: String { "dsp" }
    public var dimensions: [String] { ["DSP"] }

    /// Products of narrower weights are built from LUTs.
    static func usesDSPs(_ layer: LayerAttributes) -> Bool { layer.weightPrecision.width >= 9 }

    public func defaultOptimization(for layer: LayerAttributes) -> OptimizationAttributes? {
        guard Self.usesDSPs(layer) else { return nil }
        guard layer.strategy.isResource else { return OptimizationAttributes(structure: .unstructured) }
        return OptimizationAttributes(structure: .pattern, patternOffset: layer.kernelSize / layer.reuseFactor)
    }

    public func resources(of layer: LayerAttributes) -> [Int] {
        Self.usesDSPs(layer) ? [layer.kernelSize / layer.reuseFactor] : [0]
    }

    /// As hls4ml: the weight-sharing flag is ignored, and Latency layers with RF > 1 save nothing.
    public func savings(of layer: LayerAttributes, with optimization: OptimizationAttributes) -> [Int] {
        guard Self.usesDSPs(layer), optimization.pruning else { return [0] }
        let reuse = layer.reuseFactor
        guard layer.strategy.isResource else { return [reuse == 1 ? 1 : 0] }
        switch optimization.structure {
        case .unstructured: return [reuse == 1 ? 1 : 0]
        case .structured: return [reuse == layer.inputCount ? 1 : 0]
        case .pattern:
            return [layer.kernelSize / optimization.patternOffset == reuse ? optimization.consecutivePatterns : 0]
        case .block: return [0]
        }
    }
}
