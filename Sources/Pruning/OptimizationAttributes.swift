/// Which weights form one "group" that is kept or removed together.
public enum PruningStructure: String, Sendable, Equatable, CaseIterable {
    /// One weight.
    case unstructured
    /// A Dense neuron (kernel column) or a Conv filter.
    case structured
    /// `consecutivePatterns` runs of `P / patternOffset` consecutive weights of the transposed
    /// (Resource-layout) kernel: the weights one multiplier processes over its reuse cycles.
    case pattern
    /// A `rows × columns` tile of a Dense kernel.
    case block
}

/// How one layer is pruned (hls4ml's `OptimizationAttributes`).
public struct OptimizationAttributes: Sendable, Equatable {
    public var structure: PruningStructure
    /// Whether groups may be zeroed.
    public var pruning: Bool
    /// Whether groups may be replaced by their mean instead.
    public var weightSharing: Bool
    /// Tile shape for ``PruningStructure/block``.
    public var blockShape: (rows: Int, columns: Int)
    /// The number of patterns for ``PruningStructure/pattern``; each has `P / patternOffset` weights.
    public var patternOffset: Int
    /// How many consecutive patterns form one group.
    public var consecutivePatterns: Int

    public init(structure: PruningStructure = .unstructured, pruning: Bool = true, weightSharing: Bool = false,
                blockShape: (rows: Int, columns: Int) = (1, 1), patternOffset: Int = 1, consecutivePatterns: Int = 1) {
        self.structure = structure
        self.pruning = pruning
        self.weightSharing = weightSharing
        self.blockShape = blockShape
        self.patternOffset = patternOffset
        self.consecutivePatterns = consecutivePatterns
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.structure == rhs.structure && lhs.pruning == rhs.pruning && lhs.weightSharing == rhs.weightSharing
            && lhs.blockShape == rhs.blockShape && lhs.patternOffset == rhs.patternOffset
            && lhs.consecutivePatterns == rhs.consecutivePatterns
    }
}
