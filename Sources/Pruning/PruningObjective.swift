/// A resource model for pruning (hls4ml's `ObjectiveEstimator`): what a layer costs and what
/// removing one group saves, in one or more resource dimensions. Conform to add your own.
public protocol PruningObjective: Sendable {
    /// The name used on the command line and in reports (`dsp`, `parameters`, …).
    var name: String { get }
    /// One name per resource dimension (`DSP`, `BRAM`, …).
    var dimensions: [String] { get }
    /// How the layer is pruned by default, or `nil` when this objective does not prune it.
    func defaultOptimization(for layer: LayerAttributes) -> OptimizationAttributes?
    /// The resources the unpruned layer uses, one entry per dimension.
    func resources(of layer: LayerAttributes) -> [Int]
    /// The resources removing one group of `optimization`'s structure saves, one entry per dimension.
    func savings(of layer: LayerAttributes, with optimization: OptimizationAttributes) -> [Int]
}

extension PruningObjective {
    /// `savings`, with hls4ml's common checks first: nothing is saved by a layer that is neither pruned
    /// nor (where `sharingSaves` is false) by shared groups.
    func savingsUnlessDisabled(_ optimization: OptimizationAttributes, sharingSaves: Bool, dimensions: Int = 1,
                               _ rule: () -> [Int]) -> [Int] {
        if !sharingSaves && optimization.weightSharing { return Array(repeating: 0, count: dimensions) }
        if !optimization.pruning { return Array(repeating: 0, count: dimensions) }
        return rule()
    }
}
