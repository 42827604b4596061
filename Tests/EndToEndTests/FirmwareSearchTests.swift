import FixtureSupport
import Foundation
import Inference
import Testing

/// `prune --x/--y --firmware`: the search judges every step on the emulated firmware's metric and
/// reports it beside the float model's. The unpruned firmware's accuracy is checked against
/// hls4ml's own compiled outputs for the same inputs (`Fixtures/firmware`), and the chosen model's
/// against `evaluate --firmware` on the written files.
@Suite struct FirmwareSearchTests {
    @Test func stepsAreJudgedOnTheFirmwareAndBothMetricsReported() throws {
        let folder = try FirmwareCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "jet_trained_model_fixed16_6"
        let (model, granularity, config) = try FirmwareCommandTests.arguments(of: name, in: folder)
        let caseFolder = Fixtures.firmwareFolder.appendingPathComponent(name)
        let hls4mlOutputs = try NumpyArray.readFloat64(path: caseFolder.appendingPathComponent("y.npy").path)
        let rows = hls4mlOutputs.shape[0]
        let labels = try FirmwareCommandTests.validationLabels(rows: rows, in: folder)
        let hls4mlAccuracy = Double(try FirmwareCommandTests.correctCount(of: hls4mlOutputs, labels: labels)) / Double(rows)
        let output = folder.appendingPathComponent("pruned").path
        let x = caseFolder.appendingPathComponent("x.npy").path
        let rtol = 0.98
        let result = try Command.run("prune", model, "-o", output, "--objective", "dsp", "--x", x, "--y", labels, "--rtol", "\(rtol)", "--firmware",
                                     "--granularity", granularity, "--config", config, "--json")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let before = try #require(report["firmware_metric_before"] as? Double)
        #expect(before == hls4mlAccuracy, "the unpruned firmware's accuracy is that of hls4ml's compiled outputs")
        let steps = try #require(report["steps"] as? [[String: Any]])
        #expect(steps.count > 2)
        for step in steps {
            let firmware = try #require(step["firmware_metric"] as? Double)
            #expect(step["metric"] is Double)
            #expect(step["accepted"] as? Bool == (firmware >= rtol * before), "\(step)")
        }
        #expect(steps.contains { $0["accepted"] as? Bool == false } && steps.contains { $0["accepted"] as? Bool == true })
        #expect(result.standardError.contains(", firmware "), "each step's progress line shows both metrics")

        // The written model, run through the firmware of the written configuration, scores what the report says.
        let after = try #require(report["firmware_metric_after"] as? Double)
        let evaluation = try Command.run("evaluate", "\(output)/model_pruned.keras", "--x", x, "--y", labels, "--firmware",
                                         "--granularity", granularity, "--config", "\(output)/hls4ml_config.yml", "--json")
        #expect(evaluation.exitCode == 0, "\(evaluation.standardError)")
        #expect(evaluation.standardOutput.hasPrefix(#"{"metric": "accuracy", "value": \#(after), "#), "\(evaluation.standardOutput)")
        let markdown = try String(contentsOfFile: "\(output)/report.md", encoding: .utf8)
        #expect(markdown.contains("| step | sparsity | resources after | metric | firmware metric | accepted |"))
        #expect(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("| ") && ($0.hasSuffix(" yes |") || $0.hasSuffix(" no |")) }.count == steps.count)
    }

    @Test func firmwareWithoutValidationDataIsRefused() throws {
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--firmware")
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("--firmware judges the search's steps; it needs validation data"), "\(result.standardError)")
    }

    @Test func aModelTheFirmwareCannotRunIsRefusedBeforeTheSearch() throws {
        let model = Fixtures.onnxFolder.appendingPathComponent("jet_mlp.tf2onnx.onnx").path
        let result = try Command.run("prune", model, "--dry-run", "--x", Command.fixture("jet_mlp.x.npy"), "--y", Command.fixture("jet_mlp.labels.npy"), "--firmware")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("the firmware of ONNX models is not emulated yet"), "\(result.standardError)")
        #expect(!result.standardError.contains("step 1"), "no step runs when the firmware cannot be emulated")
    }
}
