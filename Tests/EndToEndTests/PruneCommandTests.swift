import FixtureSupport
import Foundation
import HLSConfig
import Testing

@Suite struct PruneCommandTests {
    /// The issue's documented shape; the counts are hls4ml's own for this case (Fixtures/masks:
    /// dsp, pattern, 0.5, local, Resource RF 4 keeps 512/1024/512/80 weights of 1024/2048/1024/160).
    @Test func jsonHasTheDocumentedShapeAndHLS4MLsCounts() throws {
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--json", "--objective", "dsp",
                                     "--strategy", "Resource", "--reuse-factor", "4", "--sparsity", "0.5", "--local")
        #expect(result.exitCode == 0, "\(result.standardError)")
        func layer(_ name: String, _ weights: Int, _ kept: Int) -> String {
            let groups = weights / 4
            return #"{"name": "\#(name)", "optimizable": true, "structure": "pattern", "pattern_offset": \#(groups), "consecutive_patterns": 1, "groups": \#(groups), "kept_groups": \#(kept / 4), "weights": \#(weights), "kept_weights": \#(kept), "shared_groups": 0, "resources_before": [\#(groups)], "resources_after": [\#(kept / 4)]}"#
        }
        let layers = [layer("fc1", 1024, 512), layer("fc2", 2048, 1024), layer("fc3", 1024, 512), layer("output", 160, 80)]
        let expected = #"{"objective": "dsp", "sparsity": 0.5, "resources_before": [1064], "resources_after": [532], "layers": ["# + layers.joined(separator: ", ") + #"], "seconds": "#
        #expect(result.standardOutput.hasPrefix(expected), "\(result.standardOutput)")
        #expect(result.standardOutput.hasSuffix("}\n"))
    }

    /// The sparsity applies to the optimised layers; the report says so and gives both totals.
    @Test func reportSeparatesOptimisedLayersFromTheWholeModel() throws {
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--json", "--objective", "gpu-flops", "--sparsity", "0.5")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any]
        let layers = report["layers"] as! [[String: Any]]
        let optimized = report["optimized"] as! [String: Any]
        let pruned = layers.filter { ($0["groups"] as! Int) > 0 }
        #expect(optimized["layers"] as? Int == pruned.count && pruned.count == layers.count - 1)
        let before = pruned.map { ($0["resources_before"] as! [Int])[0] }.reduce(0, +)
        let after = pruned.map { ($0["resources_after"] as! [Int])[0] }.reduce(0, +)
        #expect(optimized["resources_before"] as? [Int] == [before] && optimized["resources_after"] as? [Int] == [after])
        #expect(Double(after) <= 0.5 * Double(before) + 1e-9)
        let whole = (report["resources_before"] as! [Int])[0]
        #expect(whole > before)
        let table = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--objective", "gpu-flops", "--sparsity", "0.5")
        #expect(table.standardOutput.contains("optimised layers (\(pruned.count) of \(layers.count)): \(before) → \(after); whole model: \(whole) →"))
    }

    @Test func lastLayerIsNotPrunedStructurally() throws {
        let result = try Command.run("prune", Command.fixture("jet_mlp.k3.h5"), "--dry-run", "--objective", "gpu-flops")
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("output") && $0.contains("not pruned") })
        #expect(lines.contains { $0.hasPrefix("fc1") && $0.contains("structured") })
    }

    @Test(arguments: [
        (["--strategy", "Resource", "--reuse-factor", "3", "--strict"], "layer fc1: reuse factor 3 is not one hls4ml accepts"),
        (["--structure", "block", "--block-shape", "3x3"], "layer fc1: block shape 3x3 must divide the kernel shape 16x64"),
        (["--precision", "float"], "layer fc1: weight precision 'float' is floating point"),
    ])
    func impossibleSettingsExitWithTheReason(arguments: [String], message: String) throws {
        let model = Command.fixture("jet_mlp.k2.h5")
        let result = try Command.run(["prune", model, "--dry-run"] + arguments)
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("hlsprune: error: \(model): \(message)"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    /// A value an option cannot take is a usage error that lists the accepted ones.
    @Test(arguments: [("--io-type", "io_serial", "'io_parallel' and 'io_stream'"), ("--strategy", "Distributed", "--strategy")])
    func unknownOptionValuesAreUsageErrors(option: String, value: String, listed: String) throws {
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", option, value)
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("'\(value)' is invalid for '\(option)") && result.standardError.contains(listed), "\(result.standardError)")
    }

    @Test func badConfigurationNamesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-config-\(UUID().uuidString).yml").path
        try "HLSConfig:\n  LayerName:\n    fc7:\n      ReuseFactor: 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--config", path)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer fc7: named in the configuration's LayerName but the model has no such layer"))
    }

    @Test func needsAnOutputFolderOrDryRun() throws {
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"))
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("--dry-run"))
    }
}

/// `prune` with fine-tuning on the trained jet MLP (Fixtures/trained).
struct PruneTrainingCommandTests {
    static func trained(_ name: String) -> String { Fixtures.trainedFolder.appendingPathComponent(name).path }

    /// --regularization auto tries 5 of hls4ml's 16 strengths, reports the choice,
    /// and the search goes on to write the outputs.
    @Test func automaticRegularizationChoosesAStrengthAndPrunes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-regularization-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Command.run("prune", Self.trained("jet_trained.keras"), "-o", folder.path, "--objective", "dsp",
                                     "--strategy", "Resource", "--reuse-factor", "4", "--sparsity", "0.5", "--scheduler", "constant",
                                     "--x-train", Self.trained("jet_trained.train.x.npy"), "--y-train", Self.trained("jet_trained.train.y.npy"),
                                     "--x", Self.trained("jet_trained.val.x.npy"), "--y", Self.trained("jet_trained.val.y.npy"),
                                     "--epochs", "2", "--regularization", "auto")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let trials = result.standardError.split(separator: "\n").filter { $0.hasPrefix("regularization ") && $0.contains("accuracy") }
        #expect(trials.count == 5, "\(result.standardError)")
        #expect(result.standardError.contains("chosen from \(trials.count) trials") || result.standardError.contains("regularization: none"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("model_pruned.keras").path))
    }

    /// hls4ml's last step for gpu-flops: the written model is the reduced one (fewer units than the
    /// 64/32/32 of the input), trained int(1.5 × 2) = 3 more epochs without masks.
    @Test func gpuFLOPsWithTrainingWritesTheReducedRetrainedModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-gpu-flops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Command.run("prune", Self.trained("jet_trained.keras"), "-o", folder.path, "--objective", "gpu-flops",
                                     "--sparsity", "0.5", "--scheduler", "constant",
                                     "--x-train", Self.trained("jet_trained.train.x.npy"), "--y-train", Self.trained("jet_trained.train.y.npy"),
                                     "--x", Self.trained("jet_trained.val.x.npy"), "--y", Self.trained("jet_trained.val.y.npy"), "--epochs", "2")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").filter { $0.contains("(reduced)") }.count == 3)
        let written = try Command.run("inspect", folder.appendingPathComponent("model_pruned.keras").path, "--json")
        #expect(written.exitCode == 0, "\(written.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(written.standardOutput.utf8)) as! [String: Any]
        let layers = json["layers"] as! [[String: Any]]
        let units = layers.filter { ($0["class"] as? String) == "Dense" }.map { ($0["output_shape"] as! [Int]).last! }
        #expect(units.count == 4 && units[3] == 5)
        #expect(zip(units.prefix(3), [64, 32, 32]).contains { $0 < $1 }, "\(units)")
    }

    @Test func regularizationNeedsTrainingData() throws {
        let result = try Command.run("prune", Self.trained("jet_trained.keras"), "--dry-run", "--regularization", "auto")
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("--regularization needs training data"), "\(result.standardError)")
    }
}

/// A configuration file's Model block reaches the layers it does not name (it used to be shadowed
/// by the generated per-layer entries: RF 4 in the file, RF 1 in every layer and in the pruning).
@Suite struct ConfigurationModelBlockTests {
    @Test func modelReuseFactorAndStrategyReachEveryLayer() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = workspace.path("rf4.yml")
        try "HLSConfig:\n  Model:\n    ReuseFactor: 4\n    Strategy: Resource\n".write(toFile: config, atomically: true, encoding: .utf8)
        let fromFile = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--json", "--config", config)
        let fromOptions = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "--dry-run", "--json", "--strategy", "Resource", "--reuse-factor", "4")
        #expect(fromFile.exitCode == 0 && fromOptions.exitCode == 0, "\(fromFile.standardError)")
        let withoutTiming = { (text: String) in text.replacing(/"seconds": [0-9.e-]+/, with: "") }
        #expect(withoutTiming(fromFile.standardOutput) == withoutTiming(fromOptions.standardOutput))
        #expect(fromFile.standardOutput.contains(#""resources_before": [1064]"#))
        let emitted = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", workspace.path("out"), "--config", config)
        #expect(emitted.exitCode == 0)
        let yaml = try String(contentsOfFile: workspace.path("out/hls4ml_config.yml"), encoding: .utf8)
        #expect(!yaml.contains("ReuseFactor: 1") && yaml.contains("ReuseFactor: 4"))
    }

    @Test func layerTypeSettingShadowedByGeneratedEntriesIsWarned() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = workspace.path("type.yml")
        try "HLSConfig:\n  LayerType:\n    Dense:\n      ReuseFactor: 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", workspace.path("out"), "--config", config)
        #expect(result.exitCode == 0)
        #expect(result.standardError.contains("warning: \(config): LayerType.Dense.ReuseFactor is shadowed by the generated LayerName entries of fc1, fc2, fc3, output"),
                "\(result.standardError)")
        let typed = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", workspace.path("typed"), "--config", config, "--granularity", "type")
        #expect(!typed.standardError.contains("warning"), "\(typed.standardError)")
    }
}

/// Runs that would "succeed" while doing nothing useful warn and say why; with nothing pruned they
/// write nothing and exit 3 unless --allow-empty is given. Contradictory options are usage errors.
@Suite struct UselessRunTests {
    static let model = Command.fixture("jet_mlp.k2.h5")

    @Test(arguments: [
        (["--structure", "structured", "--objective", "dsp"], "structured pruning cannot remove DSPs under Latency at reuse factor 1"),
        (["--precision", "ap_fixed<8,3>", "--objective", "dsp"], "weights narrower than 9 bits use no DSPs"),
        (["--sparsity", "0"], "nothing was pruned"),
    ])
    func nothingPrunedWritesNothingAndSaysWhy(arguments: [String], reason: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("out")
        let result = try Command.run(["prune", Self.model, "-o", out] + arguments)
        #expect(result.exitCode == 3)
        #expect(result.standardError.contains("warning: nothing was pruned") && result.standardError.contains(reason), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let allowed = try Command.run(["prune", Self.model, "-o", out, "--allow-empty"] + arguments)
        #expect(allowed.exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: "\(out)/model_pruned.h5"))
    }

    @Test func everythingZeroedAndEmptiedLayersAreWarned() throws {
        let all = try Command.run("prune", Self.model, "--dry-run", "--objective", "parameters", "--sparsity", "1")
        #expect(all.exitCode == 0 && all.standardError.contains("warning: every weight of the optimised layers is zero"), "\(all.standardError)")
        let flops = try Command.run("prune", Self.model, "--dry-run", "--objective", "gpu-flops", "--sparsity", "0.5")
        let report = try Command.run("prune", Self.model, "--dry-run", "--json", "--objective", "gpu-flops", "--sparsity", "0.5")
        let layers = (try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as! [String: Any])["layers"] as! [[String: Any]]
        let emptied = layers.filter { ($0["groups"] as! Int) > 0 && ($0["kept_weights"] as! Int) == 0 }.map { $0["name"] as! String }
        // gpu-flops at 0.5 removes whole layers of this model; each one is named.
        #expect(!emptied.isEmpty, "\(report.standardOutput)")
        for name in emptied {
            #expect(flops.standardError.contains("warning: layer \(name) lost all its weights"), "\(flops.standardError)")
        }
    }

    @Test(arguments: [
        (["-o", "x", "--dry-run"], "give one of them"),
        (["--dry-run", "--sparsity", "0.3", "--target", "100"], "--sparsity and --target both set the amount to prune"),
        (["--dry-run", "--sparsity", "-0.1"], "--sparsity must be between 0 and 1, not -0.1"),
    ])
    func contradictoryOrImpossibleOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try Command.run(["prune", Self.model] + arguments)
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
