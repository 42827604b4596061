import ModelIR

/// A named IR → IR rewrite that keeps the model's predictions: each pass documents the pattern it
/// needs (its pre-condition) and what holds after it (its post-condition).
///
/// ```swift
/// // one pass alone, to a fixed point (the pipeline checks the graph after each rewrite)
/// let merged = try PassPipeline(passes: [MergePermutes(), DropIdentityLayers()]).run(on: graph).graph
/// ```
public protocol GraphPass: Sendable {
    /// The pass's name, as error messages and `inspect` show it.
    var name: String { get }
    /// Rewrites one occurrence of the pass's pattern; `false` when there is none. Output shapes
    /// are those of the last check: the pipeline checks the graph again after each rewrite.
    func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool
}

/// An ordered list of passes run to a fixed point: every pass is applied until none finds its
/// pattern any more.
///
/// ```swift
/// let canonical = try PassPipeline.standard.run(on: graph)
/// print(canonical.graph.layers.map(\.className), canonical.rewrites)
/// ```
public struct PassPipeline: Sendable {
    public var passes: [any GraphPass]

    public init(passes: [any GraphPass]) {
        self.passes = passes
    }

    /// The passes that turn a node-by-node reading of an exported graph back into the layers of
    /// the model it was exported from.
    public static let standard = PassPipeline(passes: [
        DropIdentityLayers(), MergePermutes(), ReadUnitAxisPermutesAsReshapes(), MovePermutesPastUnitReshapes(),
        MovePermutesThroughElementwiseLayers(), FoldPermuteIntoDense(), MergeReshapeChains(), DropKeptPoolingAxes(),
        RecogniseOneDimensionalWindows(), FoldPaddingIntoConvolution(), FuseBias(),
    ])

    /// A graph after the pipeline, with the origin of each weight and how often each pass fired.
    public struct Result: Sendable {
        public var graph: Graph
        public var origins: WeightOrigins
        /// The number of rewrites of each pass that fired, in pipeline order.
        public var rewrites: [(pass: String, count: Int)]
    }

    /// Runs every pass until none changes the graph.
    ///
    /// - Throws: ``GraphPassError`` when a pass makes a graph that does not check, or the
    ///   passes keep rewriting (more rewrites than four per layer: a pass undoing another).
    public func run(on graph: Graph) throws -> Result {
        var traced = TracedGraph(graph)
        var counts = Array(repeating: 0, count: passes.count)
        let limit = 4 * graph.layers.count + 16
        var changed = true
        while changed {
            changed = false
            for (position, pass) in passes.enumerated() {
                while try pass.rewriteOnce(&traced) {
                    try traced.recheck(after: pass.name)
                    counts[position] += 1
                    changed = true
                    guard counts.reduce(0, +) <= limit else {
                        throw GraphPassError(pass: pass.name, "the passes did not reach a fixed point within \(limit) rewrites")
                    }
                }
            }
        }
        let rewrites = zip(passes, counts).filter { $0.1 > 0 }.map { (pass: $0.0.name, count: $0.1) }
        return Result(graph: try traced.checked(), origins: traced.origins, rewrites: rewrites)
    }
}
