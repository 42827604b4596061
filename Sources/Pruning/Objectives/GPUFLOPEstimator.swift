/// Floating-point operations on a GPU (hls4ml's `GPUFLOPEstimator`): two per weight and output
/// position plus one per bias; only whole neurons and filters save anything.
public struct GPUFLOPEstimator: PruningObjective {
    public init() {}

    public var name: String { "gpu-flops" }
    public var dimensions: [String] { ["FLOPs"] }

    public func defaultOptimization(for layer: LayerAttributes) -> OptimizationAttributes? {
        OptimizationAttributes(structure: .structured)
    }

    /// Output positions per filter: 1 for Dense, the spatial output size for Conv1D and Conv2D
    /// (hls4ml covers Dense and Conv2D; Conv1D follows the same formula).
    private func positions(_ layer: LayerAttributes) -> Int {
        layer.kind == .dense ? 1 : layer.outputShape.dropLast().reduce(1, *)
    }

    public func resources(of layer: LayerAttributes) -> [Int] {
        [2 * layer.kernelSize * positions(layer) + (layer.kernelShape.last ?? 0)]
    }

    public func savings(of layer: LayerAttributes, with optimization: OptimizationAttributes) -> [Int] {
        savingsUnlessDisabled(optimization, sharingSaves: false) {
            guard optimization.structure == .structured else { return [0] }
            return [2 * layer.kernelShape.dropLast().reduce(1, *) * positions(layer) + 1]
        }
    }
}
