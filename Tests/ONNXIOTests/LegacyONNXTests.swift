import FixtureSupport
import Foundation
import Inference
import ModelIR
import ONNXIO
import ONNXProto
import Testing

/// keras2onnx-style graphs in opsets 6–9 (Fixtures/onnx/legacy, made by
/// `Fixtures/generate/legacy_onnx.py`) against onnxruntime's outputs (issue 18).
struct LegacyONNXTests {
    static let folder = Fixtures.onnxFolder.appendingPathComponent("legacy")
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static let models = ["mlp_opset6", "cnn_opset8", "broadcast_opset6", "dropout_opset7", "upsample_opset9"]

    /// Fixed batch of 1, Gemm's `broadcast`, Add/Mul's opset-6 `axis`, BatchNormalization's
    /// `is_test`/`spatial`, Flatten at axes 0 and 2, Reshape to [1, 1, -1], Upsample with scales as
    /// an input: onnxruntime ran each
    /// sample alone; the IR runs them as one batch.
    @Test(arguments: models)
    func predictionsEqualOnnxruntime(_ name: String) throws {
        let graph = try ONNXModelReader.read(path: Self.path("\(name).onnx")).graph
        let inputs = try NumpyArray.read(path: Self.path("\(name).x.npy"))
        let expected = try NumpyArray.read(path: Self.path("\(name).ort.y.npy"))
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        #expect(ours.count == expected.values.count)
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(name): largest difference \(worst)")
    }

    @Test func aFixedBatchIsReadAsFreeAndSaysSo() throws {
        let fixed = try ONNXModelReader.read(path: Self.path("mlp_opset6.onnx"))
        #expect(fixed.notes == ["the graph fixes the batch size of input input_1 (1); it is read as a free batch dimension"])
        #expect(fixed.graph.layers[0].outputShape == [16])
        #expect(try ONNXModelReader.read(path: Self.path("dropout_opset7.onnx")).notes.isEmpty)
    }

    /// Opset 6's `axis` aligns a (C,) constant with the channels of an NCHW value, where numpy
    /// broadcasting would align it with the width: a per-channel BatchNormalization.
    @Test func opset6AxisBroadcastingIsPerChannel() throws {
        let graph = try ONNXModelReader.read(path: Self.path("broadcast_opset6.onnx")).graph
        let scale = try #require(graph.layer(named: "scale"))
        #expect(scale.className == "BatchNormalization" && scale.weight("gamma")?.tensor.shape == [5])
    }

    /// `name` with one node changed by `edit`, written to a temporary file.
    static func edited(_ name: String, _ edit: (inout Onnx_ModelProto) throws -> Void) throws -> String {
        var proto = try ONNXModelReader.readProto(path: path("\(name).onnx"))
        try edit(&proto)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-legacy-\(UUID().uuidString).onnx").path
        try proto.serializedData().write(to: URL(fileURLWithPath: file))
        return file
    }

    static func node(_ proto: inout Onnx_ModelProto, _ name: String) throws -> Int {
        try #require(proto.graph.node.firstIndex { $0.name == name })
    }

    static func error(_ file: String) throws -> String {
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: file) }.description
    }

    @Test func aTransposeWithoutPermThatMovesTheBatchIsRefused() throws {
        let message = try Self.error(Self.edited("cnn_opset8") { proto in
            let index = try Self.node(&proto, "to_nchw")
            proto.graph.node[index].attribute.removeAll()
        })
        #expect(message.contains("node 'to_nchw' (#0, Transpose): Transpose without perm reverses all 4 axes (perm [3, 2, 1, 0]) moves the batch axis; it must stay first"),
                "\(message)")
    }

    @Test func aFlattenThatFoldsAnAxisIntoTheBatchIsRefused() throws {
        let message = try Self.error(Self.edited("cnn_opset8") { proto in
            let index = try Self.node(&proto, "flatten")
            proto.graph.node[index].attribute[0].i = 3
        })
        #expect(message.contains("(#7, Flatten): Flatten with axis 3 folds axis 2 (size 64) into the batch; only axes of size 1 can be"), "\(message)")
    }

    @Test func flattenAtAxisZeroNeedsABatchOfOne() throws {
        let message = try Self.error(Self.edited("broadcast_opset6") { proto in
            proto.graph.input[0].type.tensorType.shape.dim[0].dimParam = "N"
        })
        #expect(message.contains("(#5, Flatten): Flatten with axis 0 folds the batch into the features"), "\(message)")
    }

    @Test func perPositionBatchNormalizationIsRefused() throws {
        let message = try Self.error(Self.edited("cnn_opset8") { proto in
            let index = try Self.node(&proto, "bn")
            let spatial = try #require(proto.graph.node[index].attribute.firstIndex { $0.name == "spatial" })
            proto.graph.node[index].attribute[spatial].i = 0
        })
        #expect(message.contains("(#2, BatchNormalization): BatchNormalization with spatial = 0 (statistics per position)"), "\(message)")
    }
}
