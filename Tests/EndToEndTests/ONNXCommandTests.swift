import FixtureSupport
import Foundation
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

    @Test func convertExportsKerasModels() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-\(UUID().uuidString).onnx")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("convert", Command.fixture("jet_mlp_bn.keras"), output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let inspected = try Command.run("inspect", output.path, "--json")
        #expect(inspected.standardOutput.hasPrefix(#"{"format": "onnx", "keras_version": null, "parameters": 4901, "layers": ["#), "\(inspected.standardOutput.prefix(120))")
    }

    @Test func convertRefusesWhatItCannotDoYet() throws {
        let result = try Command.run("convert", Command.fixture("jet_mlp.k2.h5"), "/tmp/never-written.keras")
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("converting .h5 to .keras is not available yet"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.keras"))
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

    @Test func unsupportedOpIsAClearError() throws {
        let result = try Command.run("inspect", Self.onnx("conv1d.tf2onnx.onnx"))
        #expect(result.exitCode == 1)
        #expect(result.standardError == "hlsprune: error: \(Self.onnx("conv1d.tf2onnx.onnx")): node conv1d/up/split (Split): op Split is not supported yet\n")
    }
}
