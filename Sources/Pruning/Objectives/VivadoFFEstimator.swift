/// Flip-flop bits on Xilinx FPGAs (hls4ml's `VivadoFFEstimator`): registered weights and, in
/// io_parallel, registered outputs.
public struct VivadoFFEstimator: PruningObjective {
    public init() {}

    public var name: String { "ff" }
    public var dimensions: [String] { ["FF"] }

    public func defaultOptimization(for layer: LayerAttributes) -> OptimizationAttributes? {
        switch (layer.ioType, layer.strategy.isResource) {
        case (.stream, true): nil
        case (.parallel, true): OptimizationAttributes(structure: .structured)
        case (_, false): OptimizationAttributes(structure: .unstructured)
        }
    }

    public func resources(of layer: LayerAttributes) -> [Int] {
        let weightBits = layer.kernelSize * layer.weightPrecision.width
        let outputBits = layer.outputShape.reduce(1, *) * layer.outputPrecision.width
        switch (layer.ioType, layer.strategy.isResource) {
        case (.stream, true): return [0]
        case (.stream, false): return [weightBits]
        case (.parallel, true): return [outputBits]
        case (.parallel, false): return [weightBits + outputBits]
        }
    }

    public func savings(of layer: LayerAttributes, with optimization: OptimizationAttributes) -> [Int] {
        savingsUnlessDisabled(optimization, sharingSaves: false) {
            let weight = layer.weightPrecision.width
            let output = layer.outputPrecision.width
            let pattern = layer.kernelSize / optimization.patternOffset * optimization.consecutivePatterns * weight
            let block = optimization.blockShape.rows * optimization.blockShape.columns * weight
            switch (layer.ioType, layer.strategy.isResource, optimization.structure) {
            case (.stream, true, _): return [0]
            case (.parallel, true, .structured): return [output]
            case (.parallel, true, _): return [0]
            case (_, false, .unstructured): return [weight]
            case (.stream, false, .structured): return [layer.inputCount * weight]
            case (.parallel, false, .structured): return [layer.inputCount * weight + output]
            case (_, false, .pattern): return [pattern]
            case (_, false, .block): return [block]
            }
        }
    }
}
