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

extension VivadoDSPEstimator {
    /// The DSPs a layer with this kernel uses once zeros are exploited: Latency layers as hls4ml's
    /// `multiplier_limit` (⌈P/RF⌉ − ⌊zeros/RF⌋), Resource layers (with Resource_Unrolled, which drops
    /// multipliers whose weights are all zero) as the multipliers that still hold a non-zero weight;
    /// 0 for weights narrower than 9 bits.
    public static func dspCount(_ layer: LayerAttributes, kernel: [Float]) -> Int {
        guard usesDSPs(layer) else { return 0 }
        let reuse = max(layer.reuseFactor, 1)
        let size = kernel.count
        guard layer.strategy.isResource else {
            let zeros = kernel.reduce(0) { $1 == 0 ? $0 + 1 : $0 }
            return (size + reuse - 1) / reuse - zeros / reuse
        }
        // Multiplier m owns positions m·RF ..< (m+1)·RF of the kernel with its output axis first.
        let outputs = layer.kernelShape.last ?? 1
        let rest = size / max(outputs, 1)
        var used = Set<Int>()
        for (index, value) in kernel.enumerated() where value != 0 {
            let position = (index % outputs) * rest + index / outputs
            used.insert(position / reuse)
        }
        return used.count
    }
}
