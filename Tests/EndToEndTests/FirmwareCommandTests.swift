import FixtureSupport
import Foundation
import Inference
import Testing

/// `predict --firmware` and `evaluate --firmware` against hls4ml 1.3.0's compiled firmware
/// (`Fixtures/firmware`): the configuration goes in as the user would give it (`--granularity`
/// and `--config` with the case's hls_config), the outputs must equal hls4ml's bit for bit.
@Suite struct FirmwareCommandTests {
    /// The case's model path, granularity, and its hls_config written as a JSON file in `folder`.
    static func arguments(of name: String, in folder: URL) throws -> (model: String, granularity: String, config: String) {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.firmwareFolder.appendingPathComponent("\(name)/config.json")))
        guard let entries = document as? [String: Any], let model = entries["model"] as? String, let granularity = entries["granularity"] as? String,
            let hlsConfig = entries["hls_config"]
        else { throw CocoaError(.fileReadCorruptFile) }
        let config = folder.appendingPathComponent("\(name).json")
        try JSONSerialization.data(withJSONObject: hlsConfig).write(to: config)
        return (Fixtures.folder.deletingLastPathComponent().appendingPathComponent(model).path, granularity, config.path)
    }

    /// The first `rows` labels of the trained jet tagger's validation set (the rows of its firmware
    /// cases), written as `labels.npy` in `folder`.
    static func validationLabels(rows: Int, in folder: URL) throws -> String {
        let allLabels = try NumpyArray.read(path: Fixtures.trainedFolder.appendingPathComponent("jet_trained.val.y.npy").path)
        let labels = NumpyArray(shape: [rows, allLabels.shape[1]], values: Array(allLabels.values.prefix(rows * allLabels.shape[1])))
        let path = folder.appendingPathComponent("labels.npy").path
        try Data(labels.npyBytes()).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// How many rows of `outputs` pick the labelled class, the first largest output winning as
    /// numpy's argmax does.
    static func correctCount(of outputs: (shape: [Int], values: [Double]), labels path: String) throws -> Int {
        let labels = try NumpyArray.read(path: path)
        let (rows, classes) = (outputs.shape[0], outputs.shape[1])
        func argmax(_ row: ArraySlice<Double>) -> Int { row.indices.reduce(row.startIndex) { row[$1] > row[$0] ? $1 : $0 } - row.startIndex }
        return (0..<rows).filter { row in
            let truth = labels.values[row * classes..<(row + 1) * classes].map(Double.init)
            return argmax(outputs.values[row * classes..<(row + 1) * classes]) == argmax(truth[...])
        }.count
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-firmware-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: ["jet_mlp_model_fixed8_3", "jet_trained_rnd_sat_rf4", "act_mlp_tables"])
    func predictWritesHLS4MLOutputsBitForBit(_ name: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (model, granularity, config) = try Self.arguments(of: name, in: folder)
        let caseFolder = Fixtures.firmwareFolder.appendingPathComponent(name)
        let output = folder.appendingPathComponent("y.npy").path
        let result = try Command.run("predict", model, "--x", caseFolder.appendingPathComponent("x.npy").path, "-o", output,
                                     "--firmware", "--granularity", granularity, "--config", config)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let written = try NumpyArray.readFloat64(path: output)
        let expected = try NumpyArray.readFloat64(path: caseFolder.appendingPathComponent("y.npy").path)
        #expect(written.shape == expected.shape)
        #expect(written.values.map(\.bitPattern) == expected.values.map(\.bitPattern))
        let header = try String(decoding: Data(contentsOf: URL(fileURLWithPath: output)).prefix(64), as: UTF8.self)
        #expect(header.contains("'descr': '<f8'"))
    }

    @Test func evaluateScoresTheFirmwareOutputs() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "jet_trained_rnd_sat_rf4"
        let (model, granularity, config) = try Self.arguments(of: name, in: folder)
        let caseFolder = Fixtures.firmwareFolder.appendingPathComponent(name)
        let expected = try NumpyArray.readFloat64(path: caseFolder.appendingPathComponent("y.npy").path)
        let rows = expected.shape[0]
        let labelsPath = try Self.validationLabels(rows: rows, in: folder)
        let correct = try Self.correctCount(of: expected, labels: labelsPath)
        let result = try Command.run("evaluate", model, "--x", caseFolder.appendingPathComponent("x.npy").path, "--y", labelsPath,
                                     "--firmware", "--granularity", granularity, "--config", config, "--json")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix(#"{"metric": "accuracy", "value": \#(Double(correct) / Double(rows)), "#))
    }

    /// The last row of `inspect --firmware` is the output layer, whose range is that of hls4ml's outputs
    /// (with the name-granularity defaults, the jet tagger's softmax writes one constant).
    @Test func inspectProfilesTheFirmwareLayers() throws {
        let caseFolder = Fixtures.firmwareFolder.appendingPathComponent("jet_trained_default")
        let expected = try NumpyArray.readFloat64(path: caseFolder.appendingPathComponent("y.npy").path).values
        let result = try Command.run("inspect", Fixtures.trainedFolder.appendingPathComponent("jet_trained.keras").path, "--firmware",
                                     "--x", caseFolder.appendingPathComponent("x.npy").path, "--json")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix(#"{"layers": [{"name": "input_1", "type": "ap_fixed<16,6>", "#))
        let last = #"{"name": "softmax", "type": "ap_fixed<16,6>", "min": \#(expected.min()!), "max": \#(expected.max()!), "#
        #expect(result.standardOutput.contains(last), "\(result.standardOutput)")
        #expect(result.standardOutput.contains(#""count": \#(expected.count), "at_limits": 0"#))
    }

    @Test func aLayerThatIsNotEmulatedIsNamedAndNothingIsWritten() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-fw-\(UUID().uuidString).npy").path
        let result = try Command.run("predict", Command.fixture("cnn2d.k2.h5"), "--x", Command.fixture("cnn2d.x.npy"), "-o", output, "--firmware")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer depthwise: a DepthwiseConv2D with depth multiplier 2 is not emulated"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func anONNXModelIsRefused() throws {
        let model = Fixtures.onnxFolder.appendingPathComponent("jet_mlp.tf2onnx.onnx").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-fw-\(UUID().uuidString).npy").path
        let result = try Command.run("predict", model, "--x", Fixtures.onnxFolder.appendingPathComponent("jet_mlp.tf2onnx.x.npy").path, "-o", output, "--firmware")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("the firmware of ONNX models is not emulated yet"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func hlsOptionsWithoutFirmwareAreRefused() throws {
        let result = try Command.run("predict", Command.fixture("jet_mlp.k2.h5"), "--x", Command.fixture("jet_mlp.x.npy"), "-o", "unused.npy",
                                     "--precision", "fixed<8,3>")
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("apply only with --firmware"))
    }
}
