import FixtureSupport
import Foundation
import Testing

/// The messages a new user meets on common mistakes say what to do (issue 19, error messages).
@Suite struct MessageTests {
    static let model = Command.fixture("jet_mlp.k2.h5")

    @Test func hdf5DataWithoutOrWithAWrongDatasetListsTheDatasets() throws {
        for argument in [Self.model, "\(Self.model):/no/such"] {
            let result = try Command.run("predict", Self.model, "--x", argument, "-o", "/tmp/hlsprune-never-written.npy")
            #expect(result.exitCode == 1)
            #expect(result.standardError.contains("/model_weights/fc1/fc1/kernel:0"), "\(result.standardError)")
            #expect(!result.standardError.contains("H5"), "HDF5's internal stack leaked: \(result.standardError)")
        }
        let bare = try Command.run("predict", Self.model, "--x", Self.model, "-o", "/tmp/hlsprune-never-written.npy")
        #expect(bare.standardError.contains("name the dataset as \(Self.model):/path"))
    }

    @Test func missingDataFileSaysNoSuchFile() throws {
        let result = try Command.run("evaluate", Self.model, "--x", "/nonexistent/x.npy", "--y", "/nonexistent/y.npy")
        #expect(result.exitCode == 1)
        #expect(result.standardError == "hlsprune: error: /nonexistent/x.npy: no such file\n", "\(result.standardError)")
    }

    @Test func unknownConfigurationKeysAreDroppedWithASuggestion() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = workspace.path("typo.yml")
        try "HLSConfig:\n  Model:\n    ReuseFactr: 2\n  LayerName:\n    fc1:\n      Stratgy: Resource\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try Command.run("emit", Self.model, "-o", workspace.path("out"), "--config", config)
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardError.contains("unknown key 'ReuseFactr' in HLSConfig.Model is not one hls4ml reads and was dropped; did you mean 'ReuseFactor'?"))
        #expect(result.standardError.contains("unknown key 'Stratgy' in HLSConfig.LayerName.fc1"))
        let yaml = try String(contentsOfFile: workspace.path("out/hls4ml_config.yml"), encoding: .utf8)
        #expect(!yaml.contains("ReuseFactr") && !yaml.contains("Stratgy"))
    }

    @Test func unknownLayerNameListsSplitActivationsToo() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = workspace.path("names.yml")
        try "HLSConfig:\n  LayerName:\n    dense_9:\n      ReuseFactor: 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try Command.run("emit", Command.fixture("bias_dense.k2.h5"), "-o", workspace.path("out"), "--config", config)
        #expect(result.exitCode == 1)
        let inspect = try Command.run("inspect", Command.fixture("bias_dense.k2.h5"), "--json")
        let layers = (try JSONSerialization.jsonObject(with: Data(inspect.standardOutput.utf8)) as! [String: Any])["layers"] as! [[String: Any]]
        let activated = layers.compactMap { layer -> String? in
            guard let activation = layer["activation"] as? String, activation != "linear", layer["class"] as? String != "Activation" else { return nil }
            return "\(layer["name"] as! String)_\(activation)"
        }
        #expect(!activated.isEmpty, "the fixture should have a layer with its own activation")
        for name in activated { #expect(result.standardError.contains(name), "\(result.standardError)") }
    }
}
