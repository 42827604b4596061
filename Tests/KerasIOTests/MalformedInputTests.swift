import FixtureSupport
import Foundation
import HDF5
import KerasIO
import Testing

/// A copy of a fixture in a temporary folder, to damage without touching the original.
final class DamagedCopy {
    let folder: URL
    let path: String

    /// - Parameter source: the fixture folder holding `fixture` (`Fixtures/models` by default).
    init(of fixture: String, in source: URL = Fixtures.folder) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-keras-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(fixture).path
        try FileManager.default.copyItem(atPath: source.appendingPathComponent(fixture).path, toPath: path)
    }

    /// Rewrites the root `model_config` attribute through `edit`.
    func editModelConfig(_ edit: (String) -> String) throws {
        let root = try File(path: path, mode: .readWrite).rootGroup()
        let text = try root.attribute("model_config").readString()
        let edited = edit(text)
        guard edited != text else { throw EditError() }
        try root.setStringAttribute("model_config", [edited], scalar: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// The test's edit did not apply: the fixture's configuration text is not what the test expected.
struct EditError: Error {}

private func readError(_ path: String) -> KerasIOError? {
    #expect(throws: KerasIOError.self) { try KerasModelReader.read(path: path) }
}

@Suite struct MalformedInputTests {
    @Test func missingFile() {
        let error = readError("/nonexistent/model.h5")
        #expect(error?.description == "/nonexistent/model.h5: no such file")
    }

    @Test func fileThatIsNeitherHDF5NorZip() throws {
        let copy = try DamagedCopy(of: "jet_mlp.x.npy")
        let error = readError(copy.path)
        #expect(error?.message.hasPrefix("is neither an HDF5 file nor a .keras archive") == true)
    }

    @Test func truncatedHDF5File() throws {
        let copy = try DamagedCopy(of: "jet_mlp.k2.h5")
        let handle = try #require(FileHandle(forUpdatingAtPath: copy.path))
        try handle.truncate(atOffset: 3000)
        try handle.close()
        let error = readError(copy.path)
        #expect(error?.file == copy.path)
    }

    @Test func truncatedArchive() throws {
        let copy = try DamagedCopy(of: "jet_mlp.keras")
        let handle = try #require(FileHandle(forUpdatingAtPath: copy.path))
        try handle.truncate(atOffset: 4000)
        try handle.close()
        #expect(readError(copy.path) != nil)
    }

    @Test func hdf5FileWithoutModelConfig() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-plain-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(at: folder) }
        do { try File(creating: folder.path).rootGroup().createDataset("x", values: [Float(1)], shape: [1]) }
        let error = readError(folder.path)
        #expect(error?.message.hasPrefix("has no 'model_config' attribute") == true)
    }

    @Test func malformedJSON() throws {
        let copy = try DamagedCopy(of: "jet_mlp.k2.h5")
        try copy.editModelConfig { String($0.dropLast(10)) }
        #expect(readError(copy.path)?.message == "model_config is not valid JSON")
    }

    @Test func unknownLayerClass() throws {
        let copy = try DamagedCopy(of: "jet_mlp.k3.h5")
        try copy.editModelConfig { $0.replacingOccurrences(of: "\"class_name\": \"Activation\"", with: "\"class_name\": \"LSTM\"") }
        let error = readError(copy.path)
        #expect(error?.layer == "relu1")
        #expect(error?.message.hasPrefix("layer class 'LSTM' is not supported") == true)
    }

    @Test func weightShapeThatContradictsTheConfiguration() throws {
        let copy = try DamagedCopy(of: "jet_mlp.k2.h5")
        try copy.editModelConfig { $0.replacingOccurrences(of: "\"units\": 64", with: "\"units\": 65") }
        let error = readError(copy.path)
        #expect(error?.layer == "fc1")
        #expect(error?.message == "weight 'kernel' has shape [16, 64], expected [16, 65] from the layer's configuration")
    }

    @Test func sharedLayer() throws {
        let copy = try DamagedCopy(of: "branches.k2.h5")
        try copy.editModelConfig {
            $0.replacingOccurrences(of: "\"name\": \"branch_a\", \"inbound_nodes\": [[[\"features\", 0, 0, {}]]]",
                                    with: "\"name\": \"branch_a\", \"inbound_nodes\": [[[\"features\", 0, 0, {}]], [[\"features\", 0, 0, {}]]]")
        }
        let error = readError(copy.path)
        #expect(error?.layer == "branch_a")
        #expect(error?.message.contains("shared") == true)
    }

    @Test func weightMissingFromWeightNames() throws {
        let copy = try DamagedCopy(of: "jet_mlp.k2.h5")
        do {
            let group = try File(path: copy.path, mode: .readWrite).rootGroup().group("model_weights/fc2")
            try group.setStringAttribute("weight_names", ["fc2/kernel:0"])
        }
        let error = readError(copy.path)
        #expect(error?.layer == "fc2")
        #expect(error?.message.hasPrefix("weight 'bias' not found in group 'fc2'") == true)
    }

    /// Sizes the stored weights do not hold (10^12 and 2^40 units, negative, zero, beyond ±2^31)
    /// are refused naming the layer, before anything of that size is allocated.
    @Test(arguments: ["1000000000000", "1099511627776", "-3", "0", "1e300"])
    func layerSizesTheWeightsDoNotHoldAreRefused(_ units: String) throws {
        let copy = try DamagedCopy(of: "jet_mlp.k2.h5")
        try copy.editModelConfig { $0.replacingOccurrences(of: "\"units\": 64", with: "\"units\": \(units)") }
        let error = readError(copy.path)
        #expect(error?.layer == "fc1", "\(String(describing: error))")
    }

    @Test func weightNamesListingAMissingDatasetAreRefused() throws {
        let copy = try DamagedCopy(of: "jet_mlp.k2.h5")
        do {
            let group = try File(path: copy.path, mode: .readWrite).rootGroup().group("model_weights/fc2")
            try group.setStringAttribute("weight_names", ["fc2/kernel:0", "fc2/bias:0", "fc2/extra:0"])
        }
        let error = readError(copy.path)
        #expect(error?.layer == "fc2")
        #expect(error?.message == "weight_names lists 'fc2/extra:0', which is not a dataset in group 'fc2'")
    }

    @Test func layerNamedLikeAVariableIsFoundByName() throws {
        // hls4ml's substring lookup returns the group `bias_dense/bias_dense` for "bias" here.
        for file in ["bias_dense.k2.h5", "bias_dense.k3.h5"] {
            let layer = try #require(try KerasModelReader.read(path: Fixtures.path(file)).graph.layer(named: "bias_dense"))
            #expect(layer.weights.map(\.tensor.shape) == [[16, 8], [8]])
        }
    }

    @Test func sequentialWithoutAnInputLayerGetsOneFromItsFirstLayer() throws {
        // Old Keras wrote no InputLayer entry; the first layer's batch_input_shape declares the input.
        let copy = try DamagedCopy(of: "implicit_input.k2.h5")
        try copy.editModelConfig {
            $0.replacingOccurrences(of: "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 16], \"dtype\": \"float32\", \"sparse\": false, \"ragged\": false, \"name\": \"fc1_input\"}}, ", with: "")
        }
        let rebuilt = try KerasModelReader.read(path: copy.path).graph
        let original = try KerasModelReader.read(path: Fixtures.path("implicit_input.k2.h5")).graph
        #expect(rebuilt == original)
        #expect(rebuilt.inputs == ["fc1_input"])
    }

    @Test func readingNeverModifiesTheInput() throws {
        let path = Fixtures.path("nested.k3.h5")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try KerasModelReader.read(path: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
