import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import Testing
@testable import Pruning

/// Reduction removes zeroed neurons and filters and keeps the function (issue 5).
struct ReductionTests {
    /// Zeroes half the neurons/filters of every layer (GPU-FLOPs objective, structured) and checks
    /// that the reduced model predicts what the masked one predicts.
    @Test(arguments: ["jet_mlp.k2.h5", "jet_mlp_bn.k2.h5", "cnn2d.k2.h5", "conv1d.k2.h5", "global_pooling2d.k2.h5", "branches.k2.h5"])
    func reducedModelPredictsTheSame(model: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path(model)).graph
        let attributes = try LayerAttributes.resolve(graph)
        let masked = try PruningPlan(graph: graph, attributes: attributes, objective: GPUFLOPEstimator())
            .masks(for: graph, sparsity: 0.5, local: true).apply(to: graph)
        let reduction = try Reduction(masked)
        let inputs = try NumpyArray.read(path: Fixtures.path(Fixtures.inputsFile(for: model)))
        let before = ForwardPass(graph: masked).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let after = ForwardPass(graph: reduction.graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(before, after).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-5, "\(model): largest difference \(worst)")
        #expect(reduction.graph.parameterCount <= masked.parameterCount)
        let removed = reduction.removedUnits.values.map(\.count).reduce(0, +)
        print(model, "removed", reduction.removedUnits.mapValues(\.count), "parameters", masked.parameterCount, "→", reduction.graph.parameterCount)
        if ["jet_mlp.k2.h5", "jet_mlp_bn.k2.h5", "cnn2d.k2.h5"].contains(model) { #expect(removed > 0, "\(model)") }
    }

    /// A zero neuron with a non-zero bias: hls4ml deletes it and changes the output; we fold its
    /// activated bias (through a BatchNormalization) into the next layer's bias.
    @Test func nonZeroBiasIsFolded() throws {
        let first: [Float] = [1, 0, -2, 0.5, 0, 3]  // 2×3: column 1 is zero
        let second: [Float] = [0.5, -1, 2, 0.25, -3, 1]  // 3×2
        var layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [2]), inputs: [])]
        layers.append(Layer(name: "a", className: "Dense", kind: .dense(.init(units: 3, useBias: true)), inputs: ["in"], activation: .tanh,
                            weights: [Weight(name: "kernel", tensor: Tensor(shape: [2, 3], values: first)),
                                      Weight(name: "bias", tensor: Tensor(shape: [3], values: [0.1, 0.7, -0.2]))]))
        layers.append(Layer(name: "bn", className: "BatchNormalization",
                            kind: .batchNormalization(.init(axis: -1, epsilon: 1e-3, center: true, scale: true)), inputs: ["a"],
                            weights: [Weight(name: "gamma", tensor: Tensor(shape: [3], values: [1.5, 2, 0.5])),
                                      Weight(name: "beta", tensor: Tensor(shape: [3], values: [0.1, -0.3, 0.2])),
                                      Weight(name: "moving_mean", tensor: Tensor(shape: [3], values: [0.2, 0.1, 0])),
                                      Weight(name: "moving_variance", tensor: Tensor(shape: [3], values: [1, 4, 0.25]))]))
        layers.append(Layer(name: "b", className: "Dense", kind: .dense(.init(units: 2, useBias: true)), inputs: ["bn"],
                            weights: [Weight(name: "kernel", tensor: Tensor(shape: [3, 2], values: second)),
                                      Weight(name: "bias", tensor: Tensor(shape: [2], values: [0, 0]))]))
        let graph = try Graph(name: "g", layers: layers, inputs: ["in"], outputs: ["b"])
        let reduction = try Reduction(graph)
        #expect(reduction.removedUnits == ["a": [1]])
        #expect(reduction.graph.layer(named: "bn")!.weight("gamma")!.tensor.values == [1.5, 0.5])
        #expect(reduction.graph.layer(named: "b")!.weight("kernel")!.tensor.shape == [2, 2])
        let x: [Float] = [0.3, -0.8, 1.2, 0.4, -2, 0.05]
        let before = ForwardPass(graph: graph).run(inputs: [x], count: 3)[0]
        let after = ForwardPass(graph: reduction.graph).run(inputs: [x], count: 3)[0]
        #expect(zip(before, after).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(before) vs \(after)")
    }

    @Test func lastLayerAndSharedOutputsStay() throws {
        // The last Dense has a zero column but is never reduced; a layer feeding two others is left alone.
        let graph = try TestModels.denseChain(inputs: 2, kernels: [([2, 2], [1, 2, 3, 4]), ([2, 3], [1, 0, 2, 3, 0, 4])])
        #expect(try Reduction(graph).removedUnits.isEmpty)
    }
}
