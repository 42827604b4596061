import ModelIR
import Testing
@testable import Pruning

/// Weight sharing and the masking fixes of docs/deviations.md.
struct WeightSharingTests {
    /// Two 4×4 Dense layers and an output layer; column 0 of each hidden kernel is constant
    /// (variance 0 below its norm), so it is shared to its mean rather than zeroed.
    static func model() throws -> Graph {
        func kernel(_ constant: Float, seed: Int) -> [Float] {
            let ramp = TestModels.ramp(16, seed: seed)
            return (0..<16).map { $0 % 4 == 0 ? constant : ramp[$0] * 3 }
        }
        return try TestModels.denseChain(inputs: 4, kernels: [([4, 4], kernel(0.5, seed: 1)), ([4, 4], kernel(-0.25, seed: 2)),
                                                               ([4, 2], TestModels.ramp(8, seed: 3))])
    }

    /// DSP objective, Resource RF 4 = n_in, structured: each neuron saves one DSP.
    static func plan(_ graph: Graph) throws -> PruningPlan {
        let attributes = try LayerAttributes.resolve(graph, defaults: ModelDefaults(reuseFactor: 4, strategy: "Resource"))
        return try PruningPlan(graph: graph, attributes: attributes, objective: VivadoDSPEstimator(), structure: .init(.structured), weightSharing: true)
    }

    @Test(arguments: [true, false])
    func constantNeuronIsSharedToItsOwnMean(local: Bool) throws {
        let graph = try Self.model()
        let plan = try Self.plan(graph)
        // The last weighted layer is never pruned structurally (hls4ml's rule), but may still share.
        #expect(plan.entries[2].optimization?.pruning == false)
        let result = try plan.masks(for: graph, sparsity: 0.5, local: local)
        for (layer, constant) in zip(result.layers.prefix(2), [Float(0.5), -0.25]) {
            #expect(layer.sharedGroups >= 1, "\(layer.attributes.name)")
            // Column 0 (kernel indices 0, 4, 8, 12): masked, offset = the column's mean. hls4ml's global
            // mode takes the mean of column <global group index> instead, which for dense_2 is column 4 of 4.
            for index in [0, 4, 8, 12] {
                #expect(layer.mask[index] == 0)
                #expect(layer.offsets[index] == constant)
            }
        }
        // Applying the masks leaves the shared columns as they were.
        let pruned = try result.apply(to: graph)
        #expect(pruned.layers[1].weights[0].tensor.values[8] == 0.5)
        #expect(pruned.layers[2].weights[0].tensor.values[12] == -0.25)
    }

    @Test func appliedMasksZeroExactlyTheRemovedWeights() throws {
        let graph = try TestModels.denseChain(inputs: 16, kernels: [([16, 64], TestModels.ramp(1024)), ([64, 5], TestModels.ramp(320, seed: 2))])
        let attributes = try LayerAttributes.resolve(graph)
        let result = try PruningPlan(graph: graph, attributes: attributes, objective: ParameterEstimator())
            .masks(for: graph, sparsity: 0.6, local: false)
        let pruned = try result.apply(to: graph)
        #expect(result.resourcesAfter == [Int(0.4 * Double(1024 + 320))])
        for (layer, outcome) in zip(pruned.layers.dropFirst(), result.layers) {
            let kernel = layer.weights[0].tensor
            #expect(kernel.zeroCount == outcome.weights - outcome.keptWeights)
            #expect(layer.weights[1] == graph.layer(named: layer.name)!.weights[1])  // biases untouched
        }
    }

    @Test func allZeroLayerDoesNotPoisonGlobalValues() throws {
        let graph = try TestModels.denseChain(inputs: 4, kernels: [([4, 4], Array(repeating: 0, count: 16)), ([4, 4], TestModels.ramp(16))])
        let result = try PruningPlan(graph: graph, attributes: try LayerAttributes.resolve(graph), objective: ParameterEstimator())
            .masks(for: graph, sparsity: 0.5, local: false)
        // The zero layer's weights are worth nothing and go first; no NaN reaches the solver.
        #expect(result.layers[0].keptWeights == 0)
        #expect(result.layers[1].keptWeights == 16)
    }

    @Test func structureThatDoesNotFitIsAnError() throws {
        let graph = try TestModels.denseChain(inputs: 4, kernels: [([4, 6], TestModels.ramp(24))])
        let attributes = try LayerAttributes.resolve(graph)
        let error = try #require(throws: PruningError.self) {
            try PruningPlan(graph: graph, attributes: attributes, objective: ParameterEstimator(), structure: .init(.block, blockShape: (4, 4)))
        }
        #expect(error.layer == "dense_1" && error.message.contains("4x4"))
    }
}

/// Oracle ranking follows |W ⊙ ∂L/∂W|, not |W|.
struct OracleRankingTests {
    @Test func oracleRanksByWeightTimesGradient() throws {
        // Weights 4, 3, 2, 1 with gradients 0.1, 0.1, 1, 1: |W·G| = 0.4, 0.3, 2, 1.
        let graph = try TestModels.denseChain(inputs: 4, kernels: [([4, 1], [4, 3, 2, 1]), ([1, 1], [1])])
        let attributes = try LayerAttributes.resolve(graph)
        let plan = try PruningPlan(graph: graph, attributes: attributes, objective: ParameterEstimator())
        let byNorm = try plan.masks(for: graph, sparsity: 0.5, local: true)
        let byOracle = try plan.masks(for: graph, sparsity: 0.5, local: true,
                                      metric: .oracle(gradients: ["dense_1": [0.1, 0.1, 1, 1], "dense_2": [1]]))
        #expect(byNorm.layers[0].mask == [1, 1, 0, 0])
        #expect(byOracle.layers[0].mask == [0, 0, 1, 1])
        #expect(throws: PruningError.self) { try plan.masks(for: graph, sparsity: 0.5, local: true, metric: .oracle(gradients: [:])) }
    }
}

/// The weight groups of hls4ml's regularizers (§1.7) per structure.
struct RegularizerGroupTests {
    @Test func groupsFollowTheStructure() throws {
        let dense = try TestModels.denseChain(inputs: 2, kernels: [([2, 3], [1, 2, 3, 4, 5, 6]), ([3, 1], [1, 1, 1])])
        let attributes = try LayerAttributes.resolve(dense)
        let unstructured = try PruningPlan(graph: dense, attributes: attributes, objective: ParameterEstimator()).entries[0].regularizerGroups
        #expect(unstructured == RegularizerGroups(alpha: (0..<6).map { [$0] }, beta: [Array(0..<6)]))
        let structured = try PruningPlan(graph: dense, attributes: attributes, objective: ParameterEstimator(), structure: .init(.structured))
        #expect(structured.entries[0].regularizerGroups == RegularizerGroups(alpha: [[0, 3], [1, 4], [2, 5]], beta: [[0, 3], [1, 4], [2, 5]]))
        // The last layer is not pruned structurally, but its groups are still defined.
        #expect(structured.entries[1].regularizerGroups?.alpha == [[0, 1, 2]])
    }

    @Test func convolutionFiltersSplitByChannelForAlpha() throws {
        let layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [4, 2]), inputs: []),
                      Layer(name: "conv", className: "Conv1D",
                            kind: .convolution(.init(rank: 1, filters: 2, kernelSize: [2], strides: [1], dilation: [1], padding: .valid, useBias: false)),
                            inputs: ["in"], weights: [Weight(name: "kernel", tensor: Tensor(shape: [2, 2, 2], values: (0..<8).map(Float.init)))]),
                      Layer(name: "flat", className: "Flatten", kind: .flatten, inputs: ["conv"]),
                      Layer(name: "out", className: "Dense", kind: .dense(.init(units: 1, useBias: false)), inputs: ["flat"],
                            weights: [Weight(name: "kernel", tensor: Tensor(shape: [6, 1], values: Array(repeating: 1, count: 6)))])]
        let graph = try Graph(name: "c", layers: layers, inputs: ["in"], outputs: ["out"])
        let plan = try PruningPlan(graph: graph, attributes: try LayerAttributes.resolve(graph), objective: GPUFLOPEstimator())
        // Kernel (k=2, c=2, f=2): filter 0 is indices 0, 2, 4, 6 (k0c0, k0c1, k1c0, k1c1).
        let groups = try #require(plan.entries[0].regularizerGroups)
        #expect(groups.beta == [[0, 2, 4, 6], [1, 3, 5, 7]])
        #expect(groups.alpha == [[0, 4], [2, 6], [1, 5], [3, 7]])
    }
}
