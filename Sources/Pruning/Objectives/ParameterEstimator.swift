/// Counts non-zero weights (hls4ml's `ParameterEstimator`). Every layer is pruned unstructured by default.
public struct ParameterEstimator: PruningObjective {
    public init() {}

    public var name: String { "parameters" }
    public var dimensions: [String] { ["parameters"] }

    public func defaultOptimization(for layer: LayerAttributes) -> OptimizationAttributes? {
        OptimizationAttributes(structure: .unstructured)
    }

    public func resources(of layer: LayerAttributes) -> [Int] { [layer.kernelSize] }

    public func savings(of layer: LayerAttributes, with optimization: OptimizationAttributes) -> [Int] {
        savingsUnlessDisabled(optimization, sharingSaves: false) {
            switch optimization.structure {
            case .unstructured: [1]
            case .structured: [layer.kernelShape.dropLast().reduce(1, *)]
            case .pattern: [layer.kernelSize / optimization.patternOffset * optimization.consecutivePatterns]
            case .block: [optimization.blockShape.rows * optimization.blockShape.columns]
            }
        }
    }
}
