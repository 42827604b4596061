import FixtureSupport
import Foundation
import HLSConfig
import Inference
import Testing

/// The commands on Keras architecture JSON + weights models and on hls4ml configurations naming
/// them, against hls4ml 1.3.0's outputs and tf-keras's predictions (`Fixtures/keras_json`).
@Suite struct KerasJSONCommandTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let `case`: String
        let json: String?
        let weights: String?
        var testDescription: String { self.case }
    }

    static let folder = Fixtures.kerasJSONFolder

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The JSON + weights cases hls4ml converted with name granularity.
    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = folder.appendingPathComponent("cases.json")
        return ((try? JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases) ?? []).filter { $0.json != nil }
    }()

    /// `emit ARCH.json --weights W.h5` writes what hls4ml's KerasJson + KerasH5 route writes, for
    /// the new and the Keras 2.0–2.4 forms, QKeras models included (their quantizers' types).
    @Test func everyRecordedCaseIsRead() {
        #expect(Self.cases.count == 10)
    }

    @Test(arguments: cases)
    func emitEqualsHLS4ML(_ golden: Case) throws {
        try EmitGolden.expectEqual([Self.path(golden.json!), "--weights", Self.path(golden.weights!)], to: Self.folder.appendingPathComponent("hls4ml/\(golden.case)"))
    }

    /// Every leaf of a tree by its key path (`HLSConfig/Model/ReuseFactor`).
    static func leaves(_ tree: ConfigTree, _ prefix: String = "") -> [String: ConfigTree] {
        guard case .mapping(let members) = tree, !members.isEmpty else { return [prefix: tree] }
        return members.reduce(into: [:]) { result, member in result.merge(leaves(member.1, prefix + "/" + member.0)) { $1 } }
    }

    /// An hls4ml configuration naming KerasJson/KerasH5 (relative to it) is the model, and its
    /// HLSConfig (Resource, RF 2) applies: the weight files `hls4ml convert -c` writes, byte for
    /// byte. hls4ml writes the configuration back as given; ours holds every key of it with the
    /// same value, and the keys the file leaves out with hls4ml's defaults (as hls4ml writes them
    /// for the same model from `convert_from_keras_model`, golden `mlp`).
    @Test func hls4mlConfigurationIsTheModel() throws {
        let output = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run(["emit", "mlp_hls4ml.yml", "-o", output.path, "--granularity", "model"], in: Self.folder)
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardError.contains("named by the hls4ml configuration mlp_hls4ml.yml"), "\(result.standardError)")
        let golden = Self.folder.appendingPathComponent("hls4ml/mlp_hls4ml_yml")
        #expect(try EmitCommandTests.files(in: output.appendingPathComponent("firmware/weights"))
                == EmitCommandTests.files(in: golden.appendingPathComponent("weights")))
        let read = { (url: URL) in Self.leaves(try ConfigTree(yaml: String(contentsOf: url, encoding: .utf8))) }
        let ours = try read(output.appendingPathComponent("hls4ml_config.yml"))
        let theirs = try read(golden.appendingPathComponent("hls4ml_config.json"))
        let defaults = try read(Self.folder.appendingPathComponent("hls4ml/mlp/hls4ml_config.json"))
        for (path, value) in theirs { #expect(ours[path] == value, "\(path)") }
        for (path, value) in ours where theirs[path] == nil { #expect(defaults[path] == value, "\(path) is not hls4ml's default") }
        #expect(ours["/HLSConfig/Model/Strategy"] == .string("Resource") && ours["/HLSConfig/Model/ReuseFactor"] == .int(2))
    }

    /// --config lays over the configuration the model came through: its Model block wins.
    @Test func configOptionWinsOverTheModelsConfiguration() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = workspace.path("rf4.yml")
        try "Model:\n  ReuseFactor: 4\n".write(toFile: config, atomically: true, encoding: .utf8)
        let output = workspace.path("out")
        let result = try Command.run("emit", Self.path("mlp_hls4ml.yml"), "-o", output, "--granularity", "model", "--config", config)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let tree = Self.leaves(try ConfigTree(yaml: String(contentsOfFile: "\(output)/hls4ml_config.yml", encoding: .utf8)))
        #expect(tree["/HLSConfig/Model/ReuseFactor"] == .int(4))
        #expect(tree["/HLSConfig/Model/Strategy"] == .string("Resource"))
    }

    /// A configuration that names no model, two, a PyTorch model or no weights for its JSON is
    /// refused naming the file and the key; nothing is written.
    @Test(arguments: [
        ("HLSConfig:\n  Model:\n    ReuseFactor: 2\n", "names no model; an hls4ml configuration used as the model names exactly one of"),
        ("KerasModel: a.h5\nOnnxModel: b.onnx\n", "names KerasModel and OnnxModel together;"),
        ("PytorchModel: m.pt\n", "PytorchModel: PyTorch models are not read"),
        ("KerasJson: mlp.json\n", "KerasH5: KerasJson needs KerasH5, the weights file beside it"),
        ("KerasModel: [1, 2]\n", "KerasModel: expected the path of a file (relative to the configuration's folder)"),
    ])
    func unusableConfigurationIsRefused(text: String, message: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = workspace.path("config.yml")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try Command.run("emit", config, "-o", workspace.path("out"))
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("hlsprune: error: \(config): \(message)"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("out")))
    }

    /// Without --weights, `<stem>_weights.h5` then `<stem>.h5` beside the JSON is read and the note says which.
    @Test(arguments: [("mlp.json", "mlp_weights.h5"), ("mlp_old.json", "mlp_old.h5")])
    func weightsBesideTheJSONAreFound(json: String, weights: String) throws {
        let result = try Command.run("inspect", Self.path(json), "--json")
        #expect(result.exitCode == 0, "\(result.standardError)")
        // inspect lists the notes in its output (--json: "notes"); other commands print them on stderr.
        #expect(result.standardOutput.contains("weights read from \(Self.path(weights)), found beside \(Self.path(json))"), "\(result.standardOutput)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-json-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: output) }
        let predicted = try Command.run("predict", Self.path(json), "--x", Self.path("mlp.x.npy"), "-o", output.path)
        #expect(predicted.standardError.contains("note: weights read from \(Self.path(weights)), found beside \(Self.path(json))"), "\(predicted.standardError)")
        #expect(result.standardOutput.contains("\"format\": \"keras-json\""))
    }

    @Test func jsonWithoutWeightsIsRefusedNamingTheCandidates() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let json = try workspace.add(Self.path("mlp.json"), as: "lonely.json")
        let result = try Command.run("inspect", json)
        #expect(result.exitCode == 1)
        let tried = ["lonely_weights.h5", "lonely.h5", "lonely.weights.h5"].map { workspace.path("models/\($0)") }.joined(separator: ", ")
        #expect(result.standardError == "hlsprune: error: \(json): is an architecture without weights: no \(tried) beside it; give the weights file with --weights\n")
    }

    /// Keras 3 weights (`.weights.h5`, the name Keras 3's load_weights needs) are written back
    /// under that name, where the pruned JSON finds them, and predict what the masked model does.
    @Test func keras3WeightsAreWrittenAsWeightsH5() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let json = try workspace.add(Self.path("k3_mlp.json"))
        let weights = try workspace.add(Self.path("k3_mlp.weights.h5"))
        let output = workspace.path("out")
        let pruned = try Command.run("prune", json, "--weights", weights, "-o", output, "--objective", "parameters", "--sparsity", "0.5")
        #expect(pruned.exitCode == 0, "\(pruned.standardError)")
        #expect(FileManager.default.fileExists(atPath: "\(output)/model_pruned.weights.h5"))
        #expect(!FileManager.default.fileExists(atPath: "\(output)/model_pruned_weights.h5"))
        let inspected = try Command.run("inspect", "\(output)/model_pruned.json", "--json")
        #expect(inspected.exitCode == 0, "\(inspected.standardError)")
        #expect(inspected.standardOutput.contains("weights read from \(output)/model_pruned.weights.h5"))
        let predictions = workspace.path("pred.npy")
        let predicted = try Command.run("predict", "\(output)/model_pruned.json", "--x", Self.path("k3_mlp.x.npy"), "-o", predictions)
        #expect(predicted.exitCode == 0, "\(predicted.standardError)")
        let ours = try NumpyArray.read(path: predictions).values
        let keras = try NumpyArray.read(path: Self.path("pruned/k3_mlp.pruned.y.npy")).values
        #expect(ours.count == keras.count)
        #expect((zip(ours, keras).map { abs($0 - $1) }.max() ?? .infinity) <= 1e-5)
    }

    @Test func weightsForAFileThatIsNotAJSONAreRefused() throws {
        let result = try Command.run("inspect", Command.fixture("jet_mlp.k2.h5"), "--weights", Self.path("mlp_weights.h5"))
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("is not a Keras architecture .json"), "\(result.standardError)")
    }

    /// `prune` writes the pruned architecture JSON and a weights-only .h5 beside it (masked, or
    /// reduced with the JSON rewritten); tf-keras's `model_from_json` + `load_weights` read them
    /// (Fixtures/generate/keras_json_pruned.py) and predicted what hlsprune predicts for them. The
    /// inputs are unchanged.
    static let prunedCases: [(String, String)] = ["mlp", "cnn", "mlp_old", "qmlp"].flatMap { [($0, "pruned"), ($0, "reduced")] }
    static let variants = ["pruned": ["--objective", "parameters", "--sparsity", "0.5"], "reduced": ["--objective", "gpu-flops", "--local", "--reduce"]]

    @Test(arguments: prunedCases)
    func prunedJSONAndWeightsLoadInKeras(name: String, variant: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let base = name.replacingOccurrences(of: "_old", with: "")
        let json = try workspace.add(Self.path("\(name).json"))
        try workspace.add(Self.path(name.hasSuffix("_old") ? "\(name).h5" : "\(name)_weights.h5"))
        let before = try workspace.inputs()
        let output = workspace.path("out")
        let pruned = try Command.run(["prune", json, "-o", output] + Self.variants[variant]!)
        #expect(pruned.exitCode == 0, "\(pruned.standardError)")
        #expect(try workspace.inputs() == before)
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: output))
        #expect(written.isSuperset(of: ["model_pruned.json", "model_pruned_weights.h5", "hls4ml_config.yml", "report.json"]))
        let predictions = workspace.path("pred.npy")
        let predicted = try Command.run("predict", "\(output)/model_pruned.json", "--x", Self.path("\(base).x.npy"), "-o", predictions)
        #expect(predicted.exitCode == 0, "\(predicted.standardError)")
        let ours = try NumpyArray.read(path: predictions).values
        let keras = try NumpyArray.read(path: Self.path("pruned/\(name).\(variant).y.npy")).values
        #expect(ours.count == keras.count)
        let worst = zip(ours, keras).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= (base == "cnn" ? 1e-4 : 1e-5), "\(name) \(variant): differs from tf-keras's load_weights by \(worst)")
    }
}
