import FixtureSupport
import Foundation
import HDF5
import Inference
import KerasIO
import ModelIR
import Testing
@testable import Training

/// One SGD and one Adam step through QKeras quantizers equal QKeras 0.9's `train_on_batch`
/// (Fixtures/training/qkeras/steps.h5, made by Fixtures/generate/qkeras_training_steps.py): the forward
/// pass on quantized weights and activations, the straight-through gradients into the float kernels.
struct QKerasStepTests {
    static let folder = Fixtures.trainingFolder.appendingPathComponent("qkeras")

    @Test(arguments: ["qjet_6bit", "qmixed_mlp", "qcnn2d"], ["sgd", "adam"])
    func oneStepEqualsQKeras(_ model: String, _ optimizerName: String) throws {
        var graph = try KerasModelReader.read(path: Fixtures.qkerasFolder.appendingPathComponent("\(model).h5").path).graph
        let x = try NumpyArray.read(path: Fixtures.qkerasFolder.appendingPathComponent("\(model).x.npy").path).values
        let y = try NumpyArray.read(path: Self.folder.appendingPathComponent("\(model).labels.npy").path).values
        let file = try File(path: Self.folder.appendingPathComponent("steps.h5").path)
        let expected = try file.rootGroup().group("\(model)/\(optimizerName)")
        let (loss, gradients) = try Backpropagation(graph: graph).gradients(inputs: x, labels: y, loss: .categoricalCrossentropy)
        let qkerasLoss = try expected.attribute("loss").read(as: Double.self)[0]
        #expect(abs(loss - qkerasLoss) < 1e-5, "\(model) loss \(loss) vs QKeras \(qkerasLoss)")
        if optimizerName == "sgd" {
            var optimizer = SGD(learningRate: 0.01, momentum: 0.9, nesterov: true)
            try optimizer.step(&graph, gradients: gradients)
        } else {
            var optimizer = Adam(learningRate: 0.001)
            try optimizer.step(&graph, gradients: gradients)
        }
        for layer in graph.layers {
            for weight in layer.weights {
                let qkeras = try expected.dataset("\(layer.name)/\(weight.name)").read(as: Float.self)
                let worst = zip(weight.tensor.values, qkeras).map { abs($0 - $1) }.max() ?? .infinity
                #expect(worst <= 1e-5, "\(model) \(optimizerName) \(layer.name)/\(weight.name): largest difference \(worst)")
            }
        }
    }

    /// qzoo's first layer activates with quantized_tanh, whose estimator is not implemented.
    @Test func unsupportedEstimatorIsRefusedNamingTheLayer() throws {
        let graph = try KerasModelReader.read(path: Fixtures.qkerasFolder.appendingPathComponent("qzoo.h5").path).graph
        let error = try #require(throws: TrainingError.self) { try Backpropagation(graph: graph) }
        #expect(error.layer == "conv1d" && "\(error)".contains("quantized_tanh's straight-through estimator is not implemented"), "\(error)")
    }
}
