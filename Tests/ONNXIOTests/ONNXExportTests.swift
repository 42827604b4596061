import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import ONNXIO
import Testing

/// Keras fixtures exported to ONNX (`hlsprune convert`): onnx.checker accepted every file and
/// onnxruntime's predictions are stored (Fixtures/onnx/exported, made by Fixtures/generate/exported_onnx.py).
struct ONNXExportTests {
    static let exported: [String] = {
        let folder = Fixtures.onnxFolder.appendingPathComponent("exported")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".ort.y.npy") }.map { String($0.dropLast(".ort.y.npy".count)) }.sorted()
    }()

    @Test func everyKerasFixtureWasExported() {
        #expect(Self.exported.count == 11)
    }

    /// What onnxruntime computed on our export equals what we compute on the Keras model.
    @Test(arguments: exported)
    func onnxruntimeAgreesWithTheIR(_ model: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("\(model).k3.h5")).graph
        let inputs = try NumpyArray.read(path: Fixtures.path("\(model).x.npy"))
        let expected = try NumpyArray.read(path: Fixtures.onnxFolder.appendingPathComponent("exported/\(model).ort.y.npy").path)
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == expected.values.count && worst <= 1e-5, "\(model): largest difference \(worst)")
    }

    @Test(arguments: exported)
    func exportIsDeterministic(_ model: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("\(model).k3.h5")).graph
        #expect(try ONNXExporter.model(from: graph).serializedData() == ONNXExporter.model(from: graph).serializedData())
    }

    /// Keras → ONNX → IR: our reader reads every export back to a model that predicts the same.
    @Test(arguments: exported)
    func exportReadsBack(_ model: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("\(model).k3.h5")).graph
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-export-\(UUID().uuidString).onnx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ONNXExporter.model(from: graph).serializedData().write(to: URL(fileURLWithPath: path))
        let reread = try ONNXModelReader.read(path: path).graph
        let inputs = try NumpyArray.read(path: Fixtures.path("\(model).x.npy"))
        let before = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let after = ForwardPass(graph: reread).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(before, after).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(model): largest difference \(worst)")
        #expect(reread.parameterCount >= graph.parameterCount - graph.layers.filter { $0.className == "BatchNormalization" }.reduce(0) { $0 + $1.parameterCount })
    }
}
