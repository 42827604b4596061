import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import Testing

@Suite struct FixturePredictionTests {
    @Test(arguments: Fixtures.models)
    func predictionsEqualKeras(model: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path(model)).graph
        let inputs = try NumpyArray.read(path: Fixtures.path(Fixtures.inputsFile(for: model)))
        let expected = try NumpyArray.read(path: Fixtures.path(Fixtures.predictionsFile(for: model)))
        let samples = inputs.shape[0]
        let outputs = ForwardPass(graph: graph).run(inputs: [inputs.values], count: samples)
        #expect(outputs[0].count == expected.values.count)
        let isConvolutional = graph.layers.contains { if case .convolution = $0.kind { true } else { false } }
        let tolerance: Float = isConvolutional ? 1e-4 : 1e-5
        let worst = zip(outputs[0], expected.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "\(model): largest difference from Keras \(worst)")
    }

    /// The Keras 3 models of `Fixtures/firmware/models` (merges, concatenations, LeakyReLU, PReLU,
    /// `leaky_relu` and the table activations) against Keras's float32 predictions recorded
    /// beside hls4ml's outputs (`keras.npy` of a case).
    @Test(arguments: [("merge_mlp", "graph_merges_default"), ("concat_shapes", "graph_concat_default"),
                      ("activation_branches", "graph_activations_default")])
    func firmwareFixtureModelsPredictAsKeras(model: String, firmwareCase: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.firmwareFolder.appendingPathComponent("models/\(model).h5").path).graph
        let folder = Fixtures.firmwareFolder.appendingPathComponent(firmwareCase)
        let inputs = try NumpyArray.readFloat64(path: folder.appendingPathComponent("x.npy").path)
        let expected = try NumpyArray.read(path: folder.appendingPathComponent("keras.npy").path)
        let outputs = ForwardPass(graph: graph).run(inputs: [inputs.values.map { Float($0) }], count: inputs.shape[0])
        #expect(outputs[0].count == expected.values.count)
        let worst = zip(outputs[0], expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(model): largest difference from Keras \(worst)")
    }
}
