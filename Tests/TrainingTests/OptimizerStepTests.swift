import FixtureSupport
import Foundation
import HDF5
import Inference
import KerasIO
import ModelIR
import Testing
@testable import Training

/// One SGD and one Adam step from the jet MLP's weights on its fixture batch equal Keras 3's
/// `train_on_batch` (Fixtures/training/jet_mlp.steps.h5): backward pass, categorical cross-entropy,
/// L1 penalties and the optimizers' update rules together.
struct OptimizerStepTests {
    static func batch() throws -> (graph: Graph, x: [Float], y: [Float]) {
        let graph = try KerasModelReader.read(path: Fixtures.path("jet_mlp.keras")).graph
        return (graph, try NumpyArray.read(path: Fixtures.path("jet_mlp.x.npy")).values,
                try NumpyArray.read(path: Fixtures.path("jet_mlp.labels.npy")).values)
    }

    static func expected(_ optimizer: String) throws -> (root: Group, loss: Double) {
        let file = try File(path: Fixtures.trainingFolder.appendingPathComponent("jet_mlp.steps.h5").path)
        let group = try file.rootGroup().group(optimizer)
        return (group, try group.attribute("loss").read(as: Double.self)[0])
    }

    @Test(arguments: ["sgd", "adam"])
    func oneStepEqualsKeras(_ name: String) throws {
        var (graph, x, y) = try Self.batch()
        let (loss, gradients) = try Backpropagation(graph: graph).gradients(inputs: x, labels: y, loss: .categoricalCrossentropy)
        let keras = try Self.expected(name)
        #expect(abs(loss - keras.loss) < 1e-5, "loss \(loss) vs Keras \(keras.loss)")
        if name == "sgd" {
            var optimizer = SGD(learningRate: 0.01, momentum: 0.9, nesterov: true)
            try optimizer.step(&graph, gradients: gradients)
        } else {
            var optimizer = Adam(learningRate: 0.001)
            try optimizer.step(&graph, gradients: gradients)
        }
        for layer in graph.layers where !layer.weights.isEmpty {
            for weight in layer.weights {
                let expected = try keras.root.dataset("\(layer.name)/\(weight.name)").read(as: Float.self)
                let worst = zip(weight.tensor.values, expected).map { abs($0 - $1) }.max() ?? .infinity
                #expect(worst <= 1e-5, "\(name) \(layer.name)/\(weight.name): largest difference \(worst)")
            }
        }
    }
}

/// The same SGD step on the jet MLP with BatchNormalization: training-mode batch statistics in the
/// forward and backward passes, and Keras's moving-average update (momentum 0.99).
struct BatchNormalizationStepTests {
    @Test func oneSGDStepWithBatchNormalizationEqualsKeras() throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("jet_mlp_bn.keras")).graph
        let x = try NumpyArray.read(path: Fixtures.path("jet_mlp_bn.x.npy")).values
        let y = try NumpyArray.read(path: Fixtures.path("jet_mlp_bn.labels.npy")).values
        var trainer = Trainer(graph: graph, optimizer: SGD(learningRate: 0.01, momentum: 0.9, nesterov: true), loss: .categoricalCrossentropy)
        let history = try trainer.fit(inputs: x, labels: y, count: 32, epochs: 1, batchSize: 32, seed: 0)
        let keras = try OptimizerStepTests.expected("bn_sgd")
        #expect(abs(history[0] - keras.loss) < 1e-5, "loss \(history[0]) vs Keras \(keras.loss)")
        for layer in trainer.graph.layers {
            for weight in layer.weights {
                let expected = try keras.root.dataset("\(layer.name)/\(weight.name)").read(as: Float.self)
                let worst = zip(weight.tensor.values, expected).map { abs($0 - $1) }.max() ?? .infinity
                #expect(worst <= 1e-5, "\(layer.name)/\(weight.name): largest difference \(worst)")
            }
        }
    }
}
