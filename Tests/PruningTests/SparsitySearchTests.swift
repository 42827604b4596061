import ModelIR
import Testing
@testable import Pruning

/// The training-free search loop (§1.12 without fine-tuning) with a metric whose answer is known.
struct SparsitySearchTests {
    static let graph = try! TestModels.denseChain(inputs: 16, kernels: [([16, 64], TestModels.ramp(1024)), ([64, 4], TestModels.ramp(256, seed: 2))])

    /// The fraction of kernel weights still non-zero: good while at least 60 % remain.
    static func keptFraction(_ graph: Graph) -> Double {
        let kernels = graph.layers.compactMap { $0.weight("kernel")?.tensor }
        let total = kernels.reduce(0) { $0 + $1.count }
        return Double(total - kernels.reduce(0) { $0 + $1.zeroCount }) / Double(total)
    }

    static func plan() throws -> PruningPlan {
        try PruningPlan(graph: graph, attributes: try LayerAttributes.resolve(graph), objective: ParameterEstimator())
    }

    @Test func binarySearchFindsTheLargestSparsityWithinTolerance() throws {
        let search = SparsitySearch(plan: try Self.plan(), increasing: true, tolerance: 0.6, cutoff: 10)
        var scheduler = try BinaryScheduler()
        let outcome = try search.run(on: Self.graph, scheduler: &scheduler, evaluate: { .init(float: Self.keptFraction($0)) })
        #expect(outcome.baseline == 1)
        let best = try #require(outcome.best)
        #expect(best.sparsity > 0.39 && best.sparsity <= 0.4, "\(best.sparsity)")
        #expect(outcome.steps.map(\.sparsity).prefix(4) == [0, 0.5, 0.25, 0.375])
        #expect(outcome.steps.map(\.accepted).prefix(4) == [true, false, true, true])
        #expect(outcome.steps.allSatisfy { $0.accepted == ($0.metric >= 0.6) })
        #expect(outcome.bestMetric! >= 0.6)
    }

    @Test func cutoffStopsAfterTooManyBadSteps() throws {
        let search = SparsitySearch(plan: try Self.plan(), increasing: true, tolerance: 0.6, cutoff: 1)
        var scheduler = try ConstantScheduler(initialSparsity: 0.5, step: 0.1)
        var calls = 0
        let outcome = try search.run(on: Self.graph, scheduler: &scheduler) { graph in
            calls += 1
            return .init(float: calls == 1 ? 1 : 0)  // the baseline, then every step is bad
        }
        #expect(outcome.steps.count == 2)
        #expect(outcome.best == nil)
    }

    @Test func decreasingMetricsUseTheUpperTolerance() throws {
        // An error that grows with sparsity: good while at most 1.5 × the baseline 1.0.
        let search = SparsitySearch(plan: try Self.plan(), increasing: false, tolerance: 1.5, cutoff: 10)
        var scheduler = try PolynomialScheduler(maximumSteps: 4)
        let outcome = try search.run(on: Self.graph, scheduler: &scheduler) { .init(float: 1 + (1 - Self.keptFraction($0))) }
        #expect(outcome.steps.allSatisfy { $0.accepted == ($0.metric <= 1.5) })
        #expect(outcome.best.map { $0.sparsity <= 0.5 } ?? false)
    }

    @Test func aFirmwareScoreDecidesAndBothAreKept() throws {
        // The float model never degrades; the firmware's metric is the kept fraction: the search
        // must follow the firmware, and every step must keep both numbers.
        let search = SparsitySearch(plan: try Self.plan(), increasing: true, tolerance: 0.6, cutoff: 10)
        var scheduler = try BinaryScheduler()
        let outcome = try search.run(on: Self.graph, scheduler: &scheduler) { .init(float: 0.9, firmware: Self.keptFraction($0)) }
        #expect(outcome.baselineScore == .init(float: 0.9, firmware: 1))
        #expect(outcome.steps.contains { !$0.accepted }, "a float-judged search would accept every step")
        #expect(outcome.steps.allSatisfy { $0.accepted == ($0.score.firmware! >= 0.6) && $0.score.float == 0.9 })
        let best = try #require(outcome.best)
        #expect(best.sparsity > 0.39 && best.sparsity <= 0.4, "\(best.sparsity)")
    }
}
