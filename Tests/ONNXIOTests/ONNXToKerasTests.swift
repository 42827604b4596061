import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import ONNXIO
import Testing

/// ONNX → Keras 3 `.h5` (`hlsprune convert X.onnx X.h5`): Keras 3 loaded each converted fixture and
/// predicted what onnxruntime does (Fixtures/onnx/keras, made by Fixtures/generate/exported_onnx.py).
struct ONNXToKerasTests {
    static let converted: [String] = {
        let folder = Fixtures.onnxFolder.appendingPathComponent("keras")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".keras3.y.npy") }.map { String($0.dropLast(".keras3.y.npy".count)) }.sorted()
    }()

    @Test func fixturesWereConverted() {
        #expect(Self.converted.count == 7)
    }

    /// The file we write reads back (through our Keras reader) to a model predicting what Keras did.
    @Test(arguments: converted)
    func writtenFilePredictsLikeKeras(_ name: String) throws {
        let onnx = try ONNXModelReader.read(path: Fixtures.onnxFolder.appendingPathComponent("\(name).onnx").path)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString).h5").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try KerasH5Writer.write(onnx.graph, to: path)
        let graph = try KerasModelReader.read(path: path).graph
        #expect(graph.layers.count == onnx.graph.layers.count)
        let inputs = try NumpyArray.read(path: Fixtures.onnxFolder.appendingPathComponent("\(name).x.npy").path)
        let keras = try NumpyArray.read(path: Fixtures.onnxFolder.appendingPathComponent("keras/\(name).keras3.y.npy").path)
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, keras.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == keras.values.count && worst <= 1e-5, "\(name): largest difference \(worst)")
    }

    @Test func hardSigmoidWithoutAKeras3EquivalentIsRefused() throws {
        let onnx = try ONNXModelReader.read(path: Fixtures.onnxFolder.appendingPathComponent("activations.tf2onnx.onnx").path)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString).h5").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: KerasIOError.self) { try KerasH5Writer.write(onnx.graph, to: path) }
        #expect(error.description.contains("hard sigmoid with slope 0.2 has no Keras 3 equivalent"), "\(error)")
    }
}
