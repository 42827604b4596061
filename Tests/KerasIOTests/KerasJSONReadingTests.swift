import FixtureSupport
import Foundation
import KerasIO
import ModelIR
import Testing

/// Architecture JSON + weights models (`Fixtures/keras_json`, written by tf-keras 2.19 and edited
/// into the Keras 2.0–2.4 form), read as hls4ml's KerasJson + KerasH5 input.
@Suite struct KerasJSONReadingTests {
    static func path(_ name: String) -> String { Fixtures.kerasJSONFolder.appendingPathComponent(name).path }

    static func read(_ name: String, old: Bool) throws -> KerasModel {
        old ? try KerasModelReader.read(architecture: path("\(name)_old.json"), weights: path("\(name)_old.h5"))
            : try KerasModelReader.read(architecture: path("\(name).json"), weights: path("\(name)_weights.h5"))
    }

    /// The old form (`Model`, bare Sequential list with `batch_input_shape`, no new keys) reads
    /// into the same layers and weights as the new one; only an old Sequential's implicit input
    /// is named as Keras names it (`<first layer>_input`).
    @Test(arguments: Fixtures.kerasJSONModels)
    func oldFormReadsLikeTheNewOne(name: String) throws {
        let new = try Self.read(name, old: false)
        let old = try Self.read(name, old: true)
        let withoutInputs = { (graph: Graph) in graph.layers.filter { if case .input = $0.kind { false } else { true } } }
        let newLayers = withoutInputs(new.graph)
        let oldLayers = withoutInputs(old.graph)
        #expect(newLayers.map(\.name) == oldLayers.map(\.name))
        for (a, b) in zip(newLayers, oldLayers) {
            #expect(a.kind == b.kind && a.activation == b.activation, "\(a.name)")
            #expect(a.weights == b.weights, "\(a.name)")
        }
        #expect(new.graph.layers.first?.outputShape == old.graph.layers.first?.outputShape)
        #expect(old.provenance.kerasVersion == "2.2.4")
        #expect(old.provenance.format == .jsonWeights)
        #expect(old.provenance.weightsPath == Self.path("\(name)_old.h5"))
    }

    /// Weights are found through the file's own layer_names / weight_names (`fc1/kernel:0`), and
    /// their dataset paths are recorded from the root of the weights-only file.
    @Test func weightPathsComeFromWeightNames() throws {
        let model = try Self.read("mlp", old: false)
        #expect(model.weightDatasets["fc1"] == ["kernel": "fc1/fc1/kernel:0", "bias": "fc1/fc1/bias:0"])
        #expect(model.weightDatasets["relu1"] == nil)
        let dense = try #require(model.graph.layer(named: "fc1"))
        #expect(dense.weight("kernel")?.tensor.shape == [16, 32])
    }

    @Test func missingWeightsFileIsNamed() throws {
        let missing = Self.path("absent_weights.h5")
        #expect {
            try KerasModelReader.read(architecture: Self.path("mlp.json"), weights: missing)
        } throws: { error in
            "\(error)" == "\(missing): no such file; expected the model's weights (.h5)"
        }
    }

    /// The weights of another model: the first layer without its group is named, in the weights file.
    @Test func weightsOfAnotherModelAreRefusedNamingTheLayer() throws {
        let weights = Self.path("cnn_weights.h5")
        #expect {
            try KerasModelReader.read(architecture: Self.path("mlp.json"), weights: weights)
        } throws: { error in
            let error = error as? KerasIOError
            return error?.file == weights && error?.layer == "fc1" && error?.message.contains("no weight group 'fc1' in @layer_names") == true
        }
    }

    /// A BinaryDense of the early binary-network examples is refused naming the class and why.
    @Test(arguments: ["BinaryDense", "TernaryDense"])
    func binaryAndTernaryDenseAreRefused(className: String) throws {
        let text = try String(contentsOfFile: Self.path("mlp_old.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"class_name\": \"Dense\"", with: "\"class_name\": \"\(className)\"")
        #expect {
            try Self.readEdited(text, weights: Self.path("mlp_old.h5"))
        } throws: { error in
            let error = error as? KerasIOError
            return error?.file.hasSuffix("edited.json") == true && error?.layer == "fc1"
                && error?.message.hasPrefix("\(className) is not read: its forward pass is defined by the custom Python layer") == true
        }
    }

    /// Writes `text` as an architecture JSON in a fresh folder and reads it with `weights`.
    static func readEdited(_ text: String, weights: String) throws -> KerasModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let architecture = folder.appendingPathComponent("edited.json").path
        try text.write(toFile: architecture, atomically: true, encoding: .utf8)
        return try KerasModelReader.read(architecture: architecture, weights: weights)
    }

    /// Every cut of an architecture is an error naming a file, never a crash or a smaller model.
    @Test func truncatedArchitecturesAreRefused() throws {
        let text = try String(contentsOfFile: Self.path("mlp_old.json"), encoding: .utf8)
        for length in stride(from: 0, to: text.utf8.count, by: 53) {
            let cut = String(decoding: Array(text.utf8.prefix(length)), as: UTF8.self)
            #expect(throws: KerasIOError.self, "cut at \(length)") { try Self.readEdited(cut, weights: Self.path("mlp_old.h5")) }
        }
    }

    /// A configuration that contradicts the weights, or holds an absurd size, is refused naming the layer.
    @Test(arguments: [
        ("\"units\": 32", "\"units\": 31", "fc1"),
        ("\"units\": 32", "\"units\": 1e12", "fc1"),
        ("\"units\": 16", "\"units\": -3", "fc2"),
    ])
    func contradictoryArchitectureIsRefusedNamingTheLayer(original: String, replacement: String, layer: String) throws {
        let text = try String(contentsOfFile: Self.path("mlp_old.json"), encoding: .utf8)
        #expect(text.contains(original))
        #expect {
            try Self.readEdited(text.replacingOccurrences(of: original, with: replacement), weights: Self.path("mlp_old.h5"))
        } throws: { error in
            (error as? KerasIOError)?.layer == layer
        }
    }

    @Test func architectureThatIsNotJSONIsRefused() throws {
        #expect {
            try KerasModelReader.read(architecture: Self.path("mlp_weights.h5"), weights: Self.path("mlp_weights.h5"))
        } throws: { error in
            let error = error as? KerasIOError
            return error?.file == Self.path("mlp_weights.h5") && error?.layer == nil
        }
    }
}
