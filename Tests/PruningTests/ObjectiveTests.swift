import HLSConfig
import ModelIR
import Testing
@testable import Pruning

/// The objectives' formulas on the worked examples of the behaviour doc (§1.6, §1.13).
struct ObjectiveTests {
    static func dense16x64(_ precision: String, strategy: String, reuseFactor: Int) throws -> (Graph, LayerAttributes) {
        let graph = try TestModels.denseChain(inputs: 16, kernels: [([16, 64], TestModels.ramp(1024))])
        let attributes = try LayerAttributes.resolve(graph, defaults: ModelDefaults(precision: precision, reuseFactor: reuseFactor, strategy: strategy))
        return (graph, attributes[0])
    }

    /// Example A: Dense 16×64, fixed<16,6>, RF 4, Resource, DSP.
    @Test func dspResourcePatterns() throws {
        let (graph, layer) = try Self.dense16x64("fixed<16,6>", strategy: "Resource", reuseFactor: 4)
        #expect(layer.inputCount == 16 && layer.outputCount == 64)
        let objective = VivadoDSPEstimator()
        let optimization = try #require(objective.defaultOptimization(for: layer))
        #expect(optimization == OptimizationAttributes(structure: .pattern, patternOffset: 256, consecutivePatterns: 1))
        #expect(objective.resources(of: layer) == [256])
        #expect(objective.savings(of: layer, with: optimization) == [1])
        // Group g is output neuron g / 4, inputs 4·(g % 4) ..< 4·(g % 4) + 4: kernel indices i·64 + o.
        let groups = try WeightGroups(layer, optimization)
        #expect(groups.count == 256 && groups.size == 4)
        #expect(Array(groups.group(0)) == [0, 64, 128, 192])
        #expect(Array(groups.group(5)) == [4 * 64 + 1, 5 * 64 + 1, 6 * 64 + 1, 7 * 64 + 1])
        // At 50 %: 128 groups survive, none with a smaller L1 norm than a removed one.
        let result = try PruningPlan(graph: graph, attributes: [layer], objective: objective).masks(for: graph, sparsity: 0.5, local: true)
        let kernel = graph.layers[1].weights[0].tensor.values
        let mask = result.layers[0].mask
        let norms = (0..<256).map { g in groups.group(g).reduce(0.0) { $0 + Double(abs(kernel[$1])) } }
        let kept = (0..<256).filter { g in groups.group(g).allSatisfy { mask[$0] == 1 } }
        let removed = (0..<256).filter { g in groups.group(g).allSatisfy { mask[$0] == 0 } }
        #expect(kept.count == 128 && removed.count == 128)
        #expect(kept.map { norms[$0] }.min()! >= removed.map { norms[$0] }.max()!)
        #expect(result.resourcesAfter == [128])
    }

    @Test func dspLatencyNeedsReuseFactorOne() throws {
        let objective = VivadoDSPEstimator()
        let (_, slow) = try Self.dense16x64("fixed<16,6>", strategy: "Latency", reuseFactor: 4)
        let slowOptimization = try #require(objective.defaultOptimization(for: slow))
        #expect(slowOptimization.structure == .unstructured)
        #expect(objective.resources(of: slow) == [256])
        #expect(objective.savings(of: slow, with: slowOptimization) == [0])
        let (_, fast) = try Self.dense16x64("fixed<16,6>", strategy: "latency", reuseFactor: 1)
        #expect(objective.resources(of: fast) == [1024])
        #expect(objective.savings(of: fast, with: try #require(objective.defaultOptimization(for: fast))) == [1])
        let (_, narrow) = try Self.dense16x64("ap_fixed<8,3>", strategy: "Resource", reuseFactor: 4)
        #expect(objective.defaultOptimization(for: narrow) == nil)
        #expect(objective.resources(of: narrow) == [0])
    }

    /// Example B with 18-bit weights, where hls4ml works: 2 consecutive patterns save [2 DSP, 1 BRAM].
    @Test func multiObjectiveAt18Bits() throws {
        let (graph, layer) = try Self.dense16x64("ap_fixed<18,8>", strategy: "Resource", reuseFactor: 4)
        let objective = VivadoMultiObjectiveEstimator()
        let optimization = try #require(objective.defaultOptimization(for: layer))
        #expect(optimization.consecutivePatterns == 2 && optimization.patternOffset == 256)
        #expect(objective.resources(of: layer) == [256, 128])
        #expect(objective.savings(of: layer, with: optimization) == [2, 1])
        let result = try PruningPlan(graph: graph, attributes: [layer], objective: objective).masks(for: graph, sparsity: 0.5, local: true)
        #expect(result.layers[0].groups == 128 && result.layers[0].keptGroups == 64)
        #expect(result.resourcesAfter == [128, 64])
    }

    /// Example B at 16 bits, where hls4ml raises: our rule picks 8 consecutive patterns (9 does not
    /// divide 256) and counts the one whole 72-bit BRAM word they free.
    @Test func multiObjectiveAt16BitsWorks() throws {
        let (graph, layer) = try Self.dense16x64("fixed<16,6>", strategy: "Resource", reuseFactor: 4)
        let objective = VivadoMultiObjectiveEstimator()
        let optimization = try #require(objective.defaultOptimization(for: layer))
        #expect(optimization.consecutivePatterns == 8)
        #expect(objective.resources(of: layer) == [256, 114])
        #expect(objective.savings(of: layer, with: optimization) == [8, 1])
        let result = try PruningPlan(graph: graph, attributes: [layer], objective: objective).masks(for: graph, sparsity: 0.5, local: true)
        #expect(result.layers[0].keptWeights == 512)
    }

    @Test(arguments: [(1, 36), (2, 18), (3, 12), (4, 9), (6, 6), (8, 9), (9, 4), (12, 3), (18, 2), (24, 3), (36, 1), (16, 9), (10, 18), (32, 9)])
    func consecutivePatternRule(_ bits: Int, _ expected: Int) {
        // With an offset every count divides, the rule gives hls4ml's 36/bw or ⌈72/bw⌉ wherever hls4ml works.
        #expect(VivadoMultiObjectiveEstimator.consecutivePatterns(weightBits: bits, patternOffset: 36 * 4096) == expected)
    }

    /// Example D: ParameterEstimator with a manual pattern on a 3×4 kernel keeps 2 of 4 columns at 33 %.
    @Test func parameterPatternOnSmallKernel() throws {
        let graph = try TestModels.denseChain(inputs: 3, kernels: [([3, 4], [1, -9, 2, 8, 1, 9, -2, 8, 1, 9, 2, 8])])
        let attributes = try LayerAttributes.resolve(graph, defaults: ModelDefaults(reuseFactor: 3))
        let plan = try PruningPlan(graph: graph, attributes: attributes, objective: ParameterEstimator(), structure: .init(.pattern))
        let optimization = try #require(plan.entries[0].optimization)
        #expect(optimization.patternOffset == 4)
        #expect(ParameterEstimator().savings(of: attributes[0], with: optimization) == [3])
        let result = try plan.masks(for: graph, sparsity: 0.33, local: true)
        // Columns 1 and 3 (norms 27 and 24) survive; columns 0 and 2 (3 and 6) are zeroed.
        #expect(result.layers[0].mask == [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
    }

    @Test func flipFlopsByIOAndStrategy() throws {
        let graph = try TestModels.denseChain(inputs: 16, kernels: [([16, 64], TestModels.ramp(1024))])
        let objective = VivadoFFEstimator()
        func layer(_ io: String, _ strategy: String) throws -> LayerAttributes {
            try LayerAttributes.resolve(graph, defaults: ModelDefaults(precision: "fixed<16,6>", reuseFactor: 4, strategy: strategy, ioType: io))[0]
        }
        let latency = try layer("io_parallel", "Latency")
        #expect(objective.resources(of: latency) == [1024 * 16 + 64 * 16])
        #expect(objective.savings(of: latency, with: OptimizationAttributes(structure: .structured)) == [16 * 16 + 16])
        let resource = try layer("io_parallel", "Resource")
        #expect(objective.defaultOptimization(for: resource)?.structure == .structured)
        #expect(objective.resources(of: resource) == [64 * 16])
        let streamed = try layer("io_stream", "Resource")
        #expect(objective.defaultOptimization(for: streamed) == nil)
        #expect(objective.resources(of: streamed) == [0])
    }

    @Test func gpuFlopsForDense() throws {
        let (_, layer) = try Self.dense16x64("fixed<16,6>", strategy: "Latency", reuseFactor: 1)
        let objective = GPUFLOPEstimator()
        #expect(objective.resources(of: layer) == [2 * 1024 + 64])
        #expect(objective.savings(of: layer, with: OptimizationAttributes(structure: .structured)) == [2 * 16 + 1])
        #expect(objective.savings(of: layer, with: OptimizationAttributes(structure: .pattern)) == [0])
    }
}
