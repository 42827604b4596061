import FixtureSupport
import Foundation
import Inference
import Testing

/// `inspect`, `predict` and `emit` on QONNX graphs (Fixtures/onnx/qonnx), issue 18.
@Suite struct QONNXCommandTests {
    static func model(_ name: String) -> String { Fixtures.onnxFolder.appendingPathComponent("qonnx/\(name).onnx").path }

    /// hls4ml 1.3.0's outcome per fixture (`Fixtures/generate/hls4ml_qonnx.py`): its error, if it refused.
    static let hls4mlErrors: [String: String] = {
        let url = Fixtures.onnxFolder.deletingLastPathComponent().appendingPathComponent("hls4ml/qonnx_outcomes.json")
        guard let data = try? Data(contentsOf: url), let root = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [:] }
        return root.compactMapValues { $0["error"] as? String }
    }()

    @Test func inspectShowsQuantizersOfWeightsAndActivations() throws {
        let result = try Command.run("inspect", Self.model("qcnn_channels_last"), "--json")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(#""quantizers": {"kernel": "Quant(6,scale=per-channel(4),zero_point=0.0,signed=1,narrow=1,ROUND)", "bias": "Quant(8,scale=0.015625,"#),
                "\(result.standardOutput)")
        #expect(result.standardOutput.contains(#""class": "Quant", "output_shape": [8, 8, 4], "parameters": 0, "activation": "Quant(5,scale=0.125,zero_point=0.0,signed=0,narrow=0,ROUND)""#))
        let table = try Command.run("inspect", Self.model("qmlp"))
        #expect(table.standardOutput.contains("kernel BipolarQuant(scale=0.25)"), "\(table.standardOutput)")
    }

    @Test func predictEqualsQONNX() throws {
        let folder = EmitCommandTests.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Fixtures.onnxFolder.appendingPathComponent("qonnx/qcnn_channels_last").path
        let output = folder.appendingPathComponent("y.npy").path
        let result = try Command.run("predict", Self.model("qcnn_channels_last"), "--x", base + ".x.npy", "-o", output)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ours = try NumpyArray.read(path: output)
        let qonnx = try NumpyArray.read(path: base + ".qonnx.y.npy")
        #expect(ours.shape == qonnx.shape)
        #expect(zip(ours.values, qonnx.values).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    /// hlsprune runs QONNX models but writes no hls4ml files for them: for a graph hls4ml refuses the
    /// message carries hls4ml's reason; nothing is written either way.
    @Test(arguments: ["qmlp", "qmlp_affine", "qcnn", "qcnn_channels_last", "qcnn_channel_scales"])
    func emitRefusesAndWritesNothing(_ name: String) throws {
        #expect(Self.hls4mlErrors.count == 4)  // and cnn_channels_last: hls4ml takes its grouped Conv for a depthwise one
        let folder = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Command.run("emit", Self.model(name), "-o", folder.path)
        #expect(result.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        // Notes on how the graph was read (its fixed batch) come first; the error follows.
        #expect(result.standardError.split(separator: "\n").contains { $0.hasPrefix("hlsprune: error: \(Self.model(name)): layer '") }, "\(result.standardError)")
        if let hls4ml = Self.hls4mlErrors["\(name).onnx"], hls4ml.contains("Unsupported operation type: Trunc") {
            #expect(result.standardError.contains("hls4ml 1.3.0 refuses Trunc nodes ('Unsupported operation type: Trunc')"), "\(result.standardError)")
        } else {
            #expect(result.standardError.contains("is a QONNX quantizer; hlsprune reads and runs it"), "\(result.standardError)")
        }
    }
}
