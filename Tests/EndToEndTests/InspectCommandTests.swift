import Foundation
import Testing

@Suite struct InspectCommandTests {
    @Test func jsonHasTheDocumentedShapeAndKerasNumbers() throws {
        let result = try Command.run("inspect", Command.fixture("jet_mlp.k2.h5"), "--json")
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)
        // Key order and separators are part of the contract.
        #expect(result.standardOutput.hasPrefix(#"{"format": "keras-h5", "keras_version": "2.19.0", "parameters": 4389, "layers": [{"name": "input_1", "class": "InputLayer", "output_shape": [16], "parameters": 0, "activation": null, "weights": []}, {"name": "fc1", "class": "Dense", "output_shape": [64], "parameters": 1088, "activation": "linear", "weights": [{"name": "kernel", "shape": [16, 64], "zeros": 0}, {"name": "bias", "shape": [64], "zeros": 0}]}"#))

        let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let layers = try #require(parsed?["layers"] as? [[String: Any]])
        let facts = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Command.fixture("jet_mlp.k2.json")))) as? [String: Any]
        let kerasLayers = try #require(facts?["layers"] as? [[String: Any]])
        #expect(layers.dropFirst().map { $0["name"] as? String } == kerasLayers.map { $0["name"] as? String })
        #expect(layers.dropFirst().map { $0["parameters"] as? Int } == kerasLayers.map { $0["parameters"] as? Int })
        #expect(parsed?["parameters"] as? Int == kerasLayers.reduce(0) { $0 + ($1["parameters"] as? Int ?? 0) })
    }

    @Test func tableShowsEveryLayerAndTotals() throws {
        let result = try Command.run("inspect", Command.fixture("cnn2d.keras"))
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("cnn2d (keras, Keras 3.15.1)") == true)
        #expect(lines.contains { $0.hasPrefix("depthwise  DepthwiseConv2D     (7, 7, 16)    160") })
        #expect(lines.last?.hasPrefix("total") == true)
        #expect(lines.last?.contains("2124") == true)
    }

    @Test func sparsityOfAPrunedModelIsCounted() throws {
        let result = try Command.run("inspect", Command.fixture("tfmot_pruned.k2.h5"), "--json")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let layers = try #require(parsed?["layers"] as? [[String: Any]])
        let fc1 = try #require(layers.first { $0["name"] as? String == "fc1" })
        let kernel = try #require((fc1["weights"] as? [[String: Any]])?.first)
        #expect(kernel["zeros"] as? Int == 512)
    }

    @Test(arguments: [
        ("/nonexistent/model.h5", "/nonexistent/model.h5: no such file"),
        ("jet_mlp.x.npy", "is neither an HDF5 file nor a .keras archive"),
        // A .json is read as a Keras architecture (its weights jet_mlp.k2.h5 are beside it).
        ("jet_mlp.k2.json", "is not a Keras architecture (model.to_json()): expected a JSON object with class_name and config"),
    ])
    func badInputExitsWithOneLineOnStandardError(file: String, message: String) throws {
        let path = file.hasPrefix("/") ? file : Command.fixture(file)
        let result = try Command.run("inspect", path)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("hlsprune: error: \(path)") == true)
        #expect(result.standardError.contains(message))
    }

    @Test func helpTeachesTheCommand() throws {
        let result = try Command.run("inspect", "--help")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("--json"))
        #expect(result.standardOutput.contains("Examples:"))
    }
}
