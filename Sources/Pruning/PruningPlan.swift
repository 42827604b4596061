import ModelIR

/// Which prunable layers an objective optimises and how: hls4ml's marking step of `optimize_model`.
public struct PruningPlan: Sendable {
    /// One prunable layer and how it is pruned (`nil`: the objective leaves it alone).
    public struct Entry: Sendable, Equatable {
        public var attributes: LayerAttributes
        public var optimization: OptimizationAttributes?

        /// Whether the layer takes part in selection: optimised, and pruned or (for a structure that
        /// allows it) shared.
        public var isIncluded: Bool {
            guard let optimization else { return false }
            return optimization.pruning || (optimization.weightSharing && optimization.structure != .unstructured)
        }
    }

    public var objective: any PruningObjective
    public var entries: [Entry]

    /// How to override the objective's default structure.
    public struct StructureChoice: Sendable, Equatable {
        public var structure: PruningStructure
        /// Tile shape for ``PruningStructure/block``.
        public var blockShape: (rows: Int, columns: Int)

        public init(_ structure: PruningStructure, blockShape: (rows: Int, columns: Int) = (1, 1)) {
            self.structure = structure
            self.blockShape = blockShape
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.structure == rhs.structure && lhs.blockShape == rhs.blockShape
        }
    }

    /// Marks the layers of `graph` described by `attributes`.
    ///
    /// Each layer gets the objective's default optimisation (`is_layer_optimizable`), with the
    /// structure replaced when `structure` is given: a pattern then has `P / RF` patterns and, unless
    /// the objective chose a pattern itself, one consecutive pattern per group. As in hls4ml's
    /// `optimize_model`, the last layer with a kernel is never pruned structurally.
    ///
    /// - Throws: ``PruningError`` when the structure does not fit a layer's kernel.
    public init(graph: Graph, attributes: [LayerAttributes], objective: any PruningObjective,
                structure: StructureChoice? = nil, weightSharing: Bool = false) throws {
        self.objective = objective
        let lastWeighted = graph.layers.last { $0.weight("kernel") != nil }?.name
        entries = try attributes.map { layer in
            guard var optimization = objective.defaultOptimization(for: layer) else { return Entry(attributes: layer, optimization: nil) }
            if let structure, structure.structure != optimization.structure {
                optimization.structure = structure.structure
                if structure.structure == .pattern {
                    optimization.patternOffset = layer.kernelSize / layer.reuseFactor
                    optimization.consecutivePatterns = 1
                }
            }
            if let structure, structure.structure == .block { optimization.blockShape = structure.blockShape }
            optimization.weightSharing = weightSharing || optimization.weightSharing
            if layer.name == lastWeighted && optimization.structure == .structured {
                optimization.pruning = false
            }
            _ = try WeightGroups(layer, optimization)  // checks that the structure fits the kernel
            return Entry(attributes: layer, optimization: optimization)
        }
    }
}
