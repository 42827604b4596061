import FixtureSupport
import Foundation
import Inference
import ModelIR
import ONNXIO
import Testing

/// ONNX files made by onnx.helper and tf2onnx (Fixtures/onnx) against onnxruntime's outputs.
struct ONNXReadingTests {
    static func path(_ name: String) -> String { Fixtures.onnxFolder.appendingPathComponent(name).path }
    static let readable = Fixtures.onnxModels

    @Test func fixturesExist() {
        #expect(Fixtures.onnxModels.count >= 11)
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

    /// NCHW (PyTorch-style) and tf2onnx's transposed channels-last convolutions become channels-last IR
    /// convolutions with Permutes only where ONNX's axis order matters (input, Flatten, Squeeze).
    @Test func channelsFirstConvolutionsBecomeChannelsLast() throws {
        let graph = try ONNXModelReader.read(path: Self.path("cnn_nchw.onnx")).graph
        #expect(graph.layers.map(\.className) == ["InputLayer", "Permute", "ZeroPadding2D", "Conv2D", "Activation", "MaxPooling2D", "Permute", "Flatten", "Dense", "Softmax"])
        #expect(graph.layer(named: "conv")?.weight("kernel")?.tensor.shape == [3, 3, 2, 4])
        let tf2onnx = try ONNXModelReader.read(path: Self.path("global_pooling2d.tf2onnx.onnx")).graph
        // tf2onnx's NHWC → NCHW Transpose and our NCHW → NHWC Permute cancel out: the padding in
        // front of the convolution reads the input directly.
        #expect(tf2onnx.layers[1].className == "ZeroPadding2D" && tf2onnx.layers[1].inputs == ["input"])
        #expect(tf2onnx.layers.filter { $0.className == "Permute" }.count == 2)  // before each Squeeze
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

    /// `mlp_raw.onnx` with its Relu node turned into `op`, written to a temporary file.
    static func mlpWithRelu(as op: String) throws -> String {
        var proto = try ONNXModelReader.readProto(path: path("mlp_raw.onnx"))
        let relu = try #require(proto.graph.node.firstIndex { $0.opType == "Relu" })
        proto.graph.node[relu].opType = op
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(op)-\(UUID().uuidString).onnx").path
        try proto.serializedData().write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test func unsupportedOpNamesTheNode() throws {
        let file = try Self.mlpWithRelu(as: "TopK")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: file) }
        #expect(error.description.contains("node 'relu1' (#1, TopK): op TopK is not supported yet"), "\(error)")
    }

    /// tf2onnx's up-sampling (Split into slices, each repeated by one Concat) is an UpSampling layer;
    /// any other Split is an error naming the node.
    @Test func splitIsReadOnlyAsUpSampling() throws {
        let graph = try ONNXModelReader.read(path: Self.path("conv1d.tf2onnx.onnx")).graph
        let up = try #require(graph.layer(named: "conv1d/up/split"))
        #expect(up.kind == .upSampling(rank: 1, size: [2]))
        let file = try Self.mlpWithRelu(as: "Split")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: file) }
        #expect(error.description.contains("node 'relu1' (#1, Split): Split is supported only as tf2onnx's up-sampling"), "\(error)")
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

    /// External data is read relative to the model's folder; a location outside it, an absolute one
    /// or a length beyond the file is refused.
    @Test(arguments: [("../outside.data", nil as String?, "leaves the model's folder"), ("/etc/hostname", nil, "leaves the model's folder"),
                      ("mlp_external.data", "99999999", "do not fit")])
    func unsafeExternalDataIsRefused(location: String, length: String?, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-external-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Self.path("mlp_external.data"), toPath: folder.appendingPathComponent("mlp_external.data").path)
        var proto = try ONNXModelReader.readProto(path: Self.path("mlp_external.onnx"))
        for index in proto.graph.initializer[0].externalData.indices {
            if proto.graph.initializer[0].externalData[index].key == "location" { proto.graph.initializer[0].externalData[index].value = location }
            if let length, proto.graph.initializer[0].externalData[index].key == "length" { proto.graph.initializer[0].externalData[index].value = length }
        }
        let path = folder.appendingPathComponent("model.onnx").path
        try proto.serializedData().write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: path) }
        #expect(error.description.contains(message), "\(error)")
    }

    @Test func externalDataIsReadFromTheModelsFolder() throws {
        let proto = try ONNXModelReader.readProto(path: Self.path("mlp_external.onnx"))
        #expect(proto.graph.initializer.allSatisfy { $0.dataLocation == .external && !$0.hasRawData })
        let graph = try ONNXModelReader.read(path: Self.path("mlp_external.onnx")).graph
        #expect(graph.parameterCount == 16 * 8 + 8 + 8 * 4 + 4)
    }

    /// Pruned weights go back into the initializers they came from, in the same storage form;
    /// external ones into a copy of their data file beside the written model (the input's untouched).
    @Test(arguments: ["mlp_raw.onnx", "mlp_float_data.onnx", "jet_mlp.tf2onnx.onnx", "cnn_nchw.onnx", "cnn_nchw_float_data.onnx",
                      "mlp_external.onnx", "grouped_nchw.onnx"])
    func changedWeightsAreWrittenBack(_ name: String) throws {
        let externalBefore = FileManager.default.contents(atPath: Self.path("mlp_external.data"))
        let model = try ONNXModelReader.read(path: Self.path(name))
        var pruned = model.graph
        for layer in model.graph.layers where layer.className == "Dense" || layer.className == "Conv2D" {
            let kernel = layer.weight("kernel")!.tensor.values
            try pruned.setValues(kernel.enumerated().map { $0 % 3 == 0 ? 0 : $1 }, ofWeight: "kernel", inLayer: layer.name)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try ONNXModelWriter.write(pruned, over: model, to: path)
        #expect(FileManager.default.contents(atPath: Self.path("mlp_external.data")) == externalBefore)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == (name == "mlp_external.onnx" ? ["mlp_external.data", name] : [name]))
        let reread = try ONNXModelReader.read(path: path)
        for layer in pruned.layers {
            #expect(reread.graph.layer(named: layer.name)?.weights == layer.weights, "\(layer.name)")
        }
        for (before, after) in zip(model.proto.graph.initializer, reread.proto.graph.initializer) {
            #expect(before.name == after.name && before.hasRawData == after.hasRawData && before.dims == after.dims
                    && before.dataLocation == after.dataLocation && before.externalData == after.externalData)
        }
        #expect(reread.proto.opsetImport == model.proto.opsetImport && reread.proto.graph.node == model.proto.graph.node)
    }
}
