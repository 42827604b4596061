import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import Testing

/// Architecture JSON + weights models, in the new and the Keras 2.0–2.4 form, predict what tf-keras
/// (QKeras for `qmlp`, Keras 3 for `k3_mlp`) predicted for them (`Fixtures/keras_json/<name>.y.npy`, made by `Fixtures/generate/keras_json.py`,
/// which checked that tf-keras loads both forms to the same predictions).
@Suite struct KerasJSONPredictionTests {
    static let cases: [(String, Bool)] = Fixtures.kerasJSONModels.flatMap { [($0, false), ($0, true)] }

    @Test(arguments: cases)
    func predictionsEqualKeras(name: String, old: Bool) throws {
        try Self.expectKerasPredictions(name, architecture: old ? "\(name)_old.json" : "\(name).json", weights: old ? "\(name)_old.h5" : "\(name)_weights.h5")
    }

    /// A Keras 3 `to_json()` + `save_weights()` pair (`layers/…/vars` weights, no keras_version in
    /// the JSON): read with Keras 3's hard_sigmoid (x/6 + 0.5), as its weights layout says.
    @Test func keras3WeightsLayoutPredictsWhatKeras3Predicts() throws {
        try Self.expectKerasPredictions("k3_mlp", architecture: "k3_mlp.json", weights: "k3_mlp.weights.h5")
    }

    static func expectKerasPredictions(_ name: String, architecture: String, weights: String) throws {
        let folder = Fixtures.kerasJSONFolder
        let graph = try KerasModelReader.read(architecture: folder.appendingPathComponent(architecture).path,
                                              weights: folder.appendingPathComponent(weights).path).graph
        let inputs = try NumpyArray.read(path: folder.appendingPathComponent("\(name).x.npy").path)
        let expected = try NumpyArray.read(path: folder.appendingPathComponent("\(name).y.npy").path)
        let outputs = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])
        #expect(outputs[0].count == expected.values.count)
        let isConvolutional = graph.layers.contains { if case .convolution = $0.kind { true } else { false } }
        let worst = zip(outputs[0], expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= (isConvolutional ? 1e-4 : 1e-5), "\(architecture): largest difference from Keras \(worst)")
    }
}
