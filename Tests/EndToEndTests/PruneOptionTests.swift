import FixtureSupport
import Foundation
import Testing

/// The options hls4ml users expect from its API (issue 19): per-layer reuse factors, excluded
/// layers, the validation metric, the ranking's name, and the project settings of the config.
@Suite struct PruneOptionTests {
    static let model = Command.fixture("jet_mlp.k2.h5")

    static func layers(_ output: String) throws -> [String: [String: Any]] {
        let layers = (try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any])["layers"] as! [[String: Any]]
        return Dictionary(uniqueKeysWithValues: layers.map { ($0["name"] as! String, $0) })
    }

    /// Resource DSPs are P / RF: a per-layer reuse factor changes that layer alone.
    @Test func perLayerReuseFactors() throws {
        let result = try Command.run("prune", Self.model, "--dry-run", "--json", "--strategy", "Resource", "--reuse-factor", "4,output=8,fc1=2")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let layers = try Self.layers(result.standardOutput)
        #expect(layers["fc1"]?["resources_before"] as? [Int] == [1024 / 2])
        #expect(layers["fc2"]?["resources_before"] as? [Int] == [2048 / 4])
        #expect(layers["output"]?["resources_before"] as? [Int] == [160 / 8])
        let invalid = try Command.run("prune", Self.model, "--dry-run", "--strategy", "Resource", "--reuse-factor", "3", "--strict")
        #expect(invalid.standardError.contains("give this layer its own (LayerName.fc1.ReuseFactor, or --reuse-factor fc1="), "\(invalid.standardError)")
        let unknown = try Command.run("prune", Self.model, "--dry-run", "--reuse-factor", "fc9=2")
        #expect(unknown.exitCode == 1 && unknown.standardError.contains("layer fc9: ReuseFactor: is not a layer of the model"), "\(unknown.standardError)")
    }

    @Test func excludedLayersKeepEveryWeight() throws {
        let result = try Command.run("prune", Self.model, "--dry-run", "--json", "--objective", "parameters", "--exclude", "fc1, output")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let layers = try Self.layers(result.standardOutput)
        #expect(layers["fc1"] == nil && layers["output"] == nil && layers["fc2"] != nil)
        let unknown = try Command.run("prune", Self.model, "--dry-run", "--exclude", "fc9")
        #expect(unknown.exitCode == 1 && unknown.standardError.contains("fc9 is not a prunable layer (prunable: fc1, fc2, fc3, output)"))
    }

    @Test func rankingAndItsDeprecatedName() throws {
        let ranking = try Command.run("prune", Self.model, "--dry-run", "--json", "--ranking", "l2")
        let metric = try Command.run("prune", Self.model, "--dry-run", "--json", "--metric", "l2")
        let strip = { (text: String) in text.replacing(/"seconds": [0-9.e-]+/, with: "") }
        #expect(ranking.exitCode == 0 && strip(ranking.standardOutput) == strip(metric.standardOutput))
        let help = try Command.run("prune", "--help")
        #expect(help.standardOutput.contains("--ranking") && help.standardOutput.contains("deprecated"))
    }

    /// The search judges the metric asked for: mse reported and decreasing.
    @Test func validationMetricIsJudged() throws {
        let folder = Fixtures.trainedFolder.path
        let result = try Command.run("prune", "\(folder)/jet_trained.keras", "--dry-run", "--json", "--x", "\(folder)/jet_trained.val.x.npy",
                                     "--y", "\(folder)/jet_trained.val.y.npy", "--validation-metric", "mse", "--rtol", "1.3")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any]
        #expect(report["metric"] as? String == "mse")
        let before = report["metric_before"] as! Double
        let steps = report["steps"] as! [[String: Any]]
        // A step is accepted exactly when its mse stays within 1.3 × the unpruned mse.
        #expect(steps.contains { $0["accepted"] as! Bool }, "\(steps)")
        for step in steps {
            #expect((step["accepted"] as! Bool) == ((step["metric"] as! Double) <= 1.3 * before + 1e-12), "\(step)")
        }
    }

    @Test func projectSettingsAreWritten() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try Command.run("emit", Self.model, "-o", workspace.path("out"), "--part", "xc7z020clg400-1", "--clock-period", "10",
                                     "--project-name", "jet")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let yaml = try String(contentsOfFile: workspace.path("out/hls4ml_config.yml"), encoding: .utf8)
        #expect(yaml.contains("Part: xc7z020clg400-1") && yaml.contains("ClockPeriod: 10") && yaml.contains("ProjectName: jet"))
    }
}

/// hls4ml's scheduler parameters: the constant scheduler walks from --initial-sparsity by --step.
@Suite struct SchedulerOptionTests {
    @Test func constantSchedulerWalksByItsStep() throws {
        let folder = Fixtures.trainedFolder.path
        let data = ["--x", "\(folder)/jet_trained.val.x.npy", "--y", "\(folder)/jet_trained.val.y.npy"]
        let result = try Command.run(["prune", "\(folder)/jet_trained.keras", "--dry-run", "--json", "--scheduler", "constant",
                                      "--step", "0.2", "--initial-sparsity", "0.1", "--cutoff", "0"] + data)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let steps = ((try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any])["steps"] as! [[String: Any]])
            .map { $0["sparsity"] as! Double }
        #expect(steps.count >= 2)
        for (index, sparsity) in steps.enumerated() { #expect(abs(sparsity - (0.1 + 0.2 * Double(index))) < 1e-9, "\(steps)") }
        let bad = try Command.run(["prune", "\(folder)/jet_trained.keras", "--dry-run", "--scheduler", "constant", "--step", "2"] + data)
        #expect(bad.exitCode == 1 && bad.standardError.contains("step: must be in (0, 1], not 2.0"), "\(bad.standardError)")
    }
}
