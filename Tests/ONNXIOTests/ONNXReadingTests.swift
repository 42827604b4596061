import FixtureSupport
import Foundation
import Inference
import ModelIR
import ONNXIO
import Testing

/// ONNX files made by onnx.helper and tf2onnx (Fixtures/onnx) against onnxruntime's outputs.
struct ONNXReadingTests {
    static func path(_ name: String) -> String { Fixtures.onnxFolder.appendingPathComponent(name).path }
    static let readable = Fixtures.onnxModels.filter { $0 != "cnn_nchw.onnx" }

    @Test func fixturesExist() {
        #expect(Fixtures.onnxModels.count >= 7)
    }

    /// Re-encoding what was read gives the file back byte for byte (the onnx library wrote it).
    @Test(arguments: readable)
    func roundTripIsByteIdentical(_ name: String) throws {
        let model = try ONNXModelReader.read(path: Self.path(name))
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.path(name)))
        #expect(try ONNXModelWriter.data(model.graph, over: model) == original)
    }

    @Test(arguments: readable)
    func predictionsEqualOnnxruntime(_ name: String) throws {
        let model = try ONNXModelReader.read(path: Self.path(name))
        let base = String(name.dropLast(".onnx".count))
        let inputs = try NumpyArray.read(path: Self.path("\(base).x.npy"))
        let expected = try NumpyArray.read(path: Self.path("\(base).ort.y.npy"))
        let ours = ForwardPass(graph: model.graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        #expect(ours.count == expected.values.count)
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(name): largest difference \(worst)")
    }

    /// Keras → tf2onnx → IR predicts what Keras predicted.
    @Test(arguments: ["jet_mlp", "jet_mlp_bn", "activations"])
    func kerasThroughONNXPredictsLikeKeras(_ model: String) throws {
        let graph = try ONNXModelReader.read(path: Self.path("\(model).tf2onnx.onnx")).graph
        let inputs = try NumpyArray.read(path: Fixtures.path("\(model).x.npy"))
        let keras = try NumpyArray.read(path: Fixtures.path("\(model).k2.y.npy"))
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, keras.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(model): largest difference \(worst)")
    }

    @Test func fusedLayersHaveKerasShapes() throws {
        let graph = try ONNXModelReader.read(path: Self.path("jet_mlp_bn.tf2onnx.onnx")).graph
        let kinds = graph.layers.map(\.className)
        #expect(kinds.filter { $0 == "Dense" }.count == 4)
        #expect(kinds.filter { $0 == "BatchNormalization" }.count == 3)
        let dense = try #require(graph.layers.first { $0.className == "Dense" })
        #expect(dense.weight("kernel")?.tensor.shape == [16, 64])
        let gemm = try ONNXModelReader.read(path: Self.path("mlp_raw.onnx")).graph
        #expect(gemm.layers.first { $0.className == "Dense" }?.weight("kernel")?.tensor.shape == [16, 8])
    }

    @Test func unsupportedOpNamesTheNode() throws {
        let error = try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: Self.path("cnn_nchw.onnx")) }
        #expect(error.description.contains("node conv (Conv): op Conv is not supported yet"), "\(error)")
    }

    @Test func malformedFilesAreErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.path("mlp_raw.onnx")))
        for (name, bytes) in [("truncated.onnx", original.prefix(original.count / 2)), ("garbage.onnx", Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 37) })),
                              ("empty.onnx", Data())] {
            let path = folder.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: path) }
            #expect(error.file == path, "\(name): \(error)")
        }
    }

    /// Pruned weights go back into the initializers they came from, in the same storage form.
    @Test(arguments: ["mlp_raw.onnx", "mlp_float_data.onnx", "jet_mlp.tf2onnx.onnx"])
    func changedWeightsAreWrittenBack(_ name: String) throws {
        let model = try ONNXModelReader.read(path: Self.path(name))
        var pruned = model.graph
        for layer in model.graph.layers where layer.className == "Dense" {
            let kernel = layer.weight("kernel")!.tensor.values
            try pruned.setValues(kernel.enumerated().map { $0 % 3 == 0 ? 0 : $1 }, ofWeight: "kernel", inLayer: layer.name)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString).onnx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ONNXModelWriter.write(pruned, over: model, to: path)
        let reread = try ONNXModelReader.read(path: path)
        for layer in pruned.layers {
            #expect(reread.graph.layer(named: layer.name)?.weights == layer.weights, "\(layer.name)")
        }
        for (before, after) in zip(model.proto.graph.initializer, reread.proto.graph.initializer) {
            #expect(before.name == after.name && before.hasRawData == after.hasRawData && before.dims == after.dims)
        }
        #expect(reread.proto.opsetImport == model.proto.opsetImport && reread.proto.graph.node == model.proto.graph.node)
    }
}
