import FixtureSupport
import Foundation
import HLSConfig
import Inference
import Testing

@Suite struct ONNXCommandTests {
    static func onnx(_ name: String) -> String { Fixtures.onnxFolder.appendingPathComponent(name).path }

    @Test func convertRoundTripsByteForByte() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString).onnx")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("convert", Self.onnx("mlp_decorated.onnx"), output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: output) == Data(contentsOf: URL(fileURLWithPath: Self.onnx("mlp_decorated.onnx"))))
    }

    /// External data goes where the written model looks for it: `convert` copies the file beside the
    /// copy; `prune` writes the pruned weights into a copy beside `model_pruned.onnx`, leaving the
    /// input's data file as it was.
    @Test func externalDataFollowsTheWrittenModel() throws {
        let folder = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = Self.onnx("mlp_external.data")
        let before = try Data(contentsOf: URL(fileURLWithPath: data))
        let converted = try Command.run("convert", Self.onnx("mlp_external.onnx"), folder.appendingPathComponent("copy.onnx").path)
        #expect(converted.exitCode == 0, "\(converted.standardError)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("mlp_external.data")) == before)
        #expect(try Command.run("inspect", folder.appendingPathComponent("copy.onnx").path).exitCode == 0)
        let output = folder.appendingPathComponent("pruned")
        let pruned = try Command.run("prune", Self.onnx("mlp_external.onnx"), "-o", output.path, "--objective", "parameters", "--sparsity", "0.5")
        #expect(pruned.exitCode == 0, "\(pruned.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == before)
        let written = try Data(contentsOf: output.appendingPathComponent("mlp_external.data"))
        #expect(written.count == before.count && written != before)
        let inspected = try Command.run("inspect", output.appendingPathComponent("model_pruned.onnx").path)
        #expect(inspected.standardOutput.contains("80 (46.5%)"), "\(inspected.standardOutput)")
    }

    @Test func convertExportsKerasModels() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString).onnx")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("convert", Command.fixture("jet_mlp_bn.keras"), output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let inspected = try Command.run("inspect", output.path, "--json")
        #expect(inspected.standardOutput.hasPrefix(#"{"format": "onnx", "keras_version": null, "parameters": 4901, "layers": ["#), "\(inspected.standardOutput.prefix(120))")
    }

    @Test func convertRefusesWhatItCannotDo() throws {
        let result = try Command.run("convert", Command.fixture("jet_mlp.k2.h5"), "/tmp/never-written.h5")
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("converting .h5 to .h5 is not available"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.h5"))
    }

    /// keras2onnx's fixed batch of 1 is read as a free batch, and `inspect` says so (issue 18).
    @Test func inspectNotesAFixedBatch() throws {
        let result = try Command.run("inspect", Self.onnx("legacy/mlp_opset6.onnx"))
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasSuffix("\n\nnote: the graph fixes the batch size of input input_1 (1); it is read as a free batch dimension\n"),
                "\(result.standardOutput)")
        let json = try Command.run("inspect", Self.onnx("legacy/mlp_opset6.onnx"), "--json")
        #expect(json.standardOutput.contains(#""notes": ["the graph fixes the batch size of input input_1 (1); it is read as a free batch dimension"]"#))
    }

    @Test func inspectReadsONNX() throws {
        let result = try Command.run("inspect", Self.onnx("jet_mlp.tf2onnx.onnx"), "--json")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix(#"{"format": "onnx", "keras_version": null, "parameters": 4389, "layers": ["#))
    }

    @Test func pruneWritesAnONNXModel() throws {
        let output = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let input = Self.onnx("jet_mlp.tf2onnx.onnx")
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let result = try Command.run("prune", input, "-o", output.path, "--objective", "dsp", "--strategy", "Resource", "--reuse-factor", "4")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(names == ["firmware", "hls4ml_config.yml", "model_pruned.onnx", "report.json", "report.md"])
        let inspected = try Command.run("inspect", output.appendingPathComponent("model_pruned.onnx").path)
        #expect(inspected.exitCode == 0)
        #expect(inspected.standardOutput.contains("2128 (48.5%)"), "\(inspected.standardOutput)")
    }

    /// With --reduce the smaller model no longer fits the original initializers, so it is exported
    /// afresh; it predicts what the pruned, unreduced ONNX model predicts.
    @Test func reducedONNXPredictsLikeThePrunedOne() throws {
        let (pruned, reduced) = (EmitCommandTests.temporaryFolder(), EmitCommandTests.temporaryFolder())
        defer { for folder in [pruned, reduced] { try? FileManager.default.removeItem(at: folder) } }
        let input = Self.onnx("jet_mlp.tf2onnx.onnx")
        for (folder, extra) in [(pruned, [String]()), (reduced, ["--reduce"])] {
            let result = try Command.run(["prune", input, "-o", folder.path, "--objective", "gpu-flops", "--sparsity", "0.5"] + extra)
            #expect(result.exitCode == 0, "\(result.standardError)")
        }
        let inspected = try Command.run("inspect", reduced.appendingPathComponent("model_pruned.onnx").path, "--json")
        #expect(inspected.exitCode == 0 && inspected.standardOutput.contains(#""output_shape": [1]"#), "\(inspected.standardOutput)")
        var predictions: [[Float]] = []
        for folder in [pruned, reduced] {
            let output = folder.appendingPathComponent("y.npy").path
            let result = try Command.run("predict", folder.appendingPathComponent("model_pruned.onnx").path, "--x", Self.onnx("jet_mlp.tf2onnx.x.npy"), "-o", output)
            #expect(result.exitCode == 0, "\(result.standardError)")
            predictions.append(try NumpyArray.read(path: output).values)
        }
        #expect(predictions[0].count == predictions[1].count && !predictions[0].isEmpty)
        #expect(zip(predictions[0], predictions[1]).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    /// hls4ml's ONNX names in, the IR's layers out: a configuration keyed by MatMul_0 and MatMul_1
    /// (as `config_from_onnx_model` writes it) sets the Dense layers' reuse factor, strategy and
    /// weight type, as hls4ml's `matmul_const_to_dense` copies the MatMul's entry to the Dense it
    /// makes (a kernel constant's own `result` precision does not type the weights: checked with
    /// hls4ml 1.3.0); the written configuration keeps hls4ml's names, the header hls4ml's type name.
    @Test func configurationUsesHLS4MLsONNXNames() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-onnx-config-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: config) }
        try """
            LayerName:
              MatMul_0: {ReuseFactor: 4, Strategy: Resource}
              MatMul_1: {Precision: {weight: "fixed<8,3>"}}
              MatMul_1_param0: {Precision: {result: "fixed<10,4>"}}
            """.write(to: config, atomically: true, encoding: .utf8)
        let result = try Command.run("prune", Self.onnx("jet_mlp.tf2onnx.onnx"), "--dry-run", "--json", "--objective", "dsp", "--config", config.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any]
        let layers = Dictionary(uniqueKeysWithValues: (json["layers"] as! [[String: Any]]).map { ($0["name"] as! String, $0) })
        // Resource RF 4 on fc1: pruned by multiplier pattern, 1024 / 4 = 256 patterns.
        #expect(layers["jet_mlp/fc1/MatMul"]?["structure"] as? String == "pattern")
        #expect(layers["jet_mlp/fc1/MatMul"]?["pattern_offset"] as? Int == 256)
        // 8-bit weights need no DSPs, so fc2 is not optimised for DSPs.
        #expect(layers["jet_mlp/fc2/MatMul"]?["optimizable"] as? Bool == false)
        let folder = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let emitted = try Command.run("emit", Self.onnx("jet_mlp.tf2onnx.onnx"), "-o", folder.path, "--config", config.path)
        #expect(emitted.exitCode == 0, "\(emitted.standardError)")
        let yaml = try String(contentsOf: folder.appendingPathComponent("hls4ml_config.yml"), encoding: .utf8)
        #expect(yaml.contains("    MatMul_0:\n") && yaml.contains("    MatMul_1_param0:\n") && yaml.contains("    global_in:\n"))
        #expect(!yaml.contains("jet_mlp/fc1"))
        let header = try String(contentsOf: folder.appendingPathComponent("firmware/weights/w27.h"), encoding: .utf8)
        #expect(header.contains("dense_matmul_1_weight_t w27[2048];"), "\(header.prefix(400))")
    }

    @Test func unknownONNXLayerNameListsHLS4MLsNames() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-onnx-config-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: config) }
        try "LayerName:\n  fc1: {ReuseFactor: 2}\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try Command.run("prune", Self.onnx("jet_mlp.tf2onnx.onnx"), "--dry-run", "--config", config.path)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer fc1: named in the configuration's LayerName, but hls4ml's names for this ONNX model are global_in, "),
                "\(result.standardError)")
    }

    @Test func unsupportedOpIsAClearError() throws {
        // mlp_raw.onnx with its Relu node's op type spelled TopK (same length, so the protobuf stays valid).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.onnx("mlp_raw.onnx")))
        let relu = try #require(bytes.range(of: Data("Relu".utf8)))
        bytes.replaceSubrange(relu, with: Data("TopK".utf8))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-topk-\(UUID().uuidString).onnx").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try bytes.write(to: URL(fileURLWithPath: file))
        let result = try Command.run("inspect", file)
        #expect(result.exitCode == 1)
        #expect(result.standardError == "hlsprune: error: \(file): node 'relu1' (#1, TopK): op TopK is not supported yet: "
                + "hlsprune reads the standard ONNX ops listed in its README and QONNX's Quant, BipolarQuant and Trunc\n")
    }
}

/// `inspect` shows an ONNX graph in its canonical form; `--raw` node by node.
@Suite struct ONNXCanonicalInspectTests {
    private func classes(_ arguments: String...) throws -> [String] {
        let run = try Command.run(["inspect"] + arguments + ["--json"])
        #expect(run.exitCode == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        return try #require(parsed?["layers"] as? [[String: Any]]).compactMap { $0["class"] as? String }
    }

    @Test func rawShowsTheNodesTheCanonicalFormReplaced() throws {
        let model = ONNXCommandTests.onnx("conv1d.tf2onnx.onnx")
        let canonical = try classes(model)
        let raw = try classes(model, "--raw")
        #expect(canonical == ["InputLayer", "Conv1D", "Activation", "MaxPooling1D", "Conv1D", "Activation", "AveragePooling1D", "UpSampling1D",
                              "ZeroPadding1D", "Conv1D", "GlobalAveragePooling1D", "Dense", "Softmax"])
        #expect(raw.filter { $0 == "Conv2D" }.count == 3 && raw.contains("Permute") && !raw.contains("Conv1D"))
        let table = try Command.run("inspect", model, "--raw")
        #expect(table.standardOutput.split(separator: "\n").first?.hasSuffix("node by node)") == true)
    }

    @Test func rawIsTheSameGraphForKeras() throws {
        #expect(try classes(Command.fixture("cnn2d.keras"), "--raw") == classes(Command.fixture("cnn2d.keras")))
    }
}
