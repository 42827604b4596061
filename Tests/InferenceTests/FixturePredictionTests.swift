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
}
