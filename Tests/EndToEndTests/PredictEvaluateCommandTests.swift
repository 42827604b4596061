import Foundation
import Inference
import Testing

@Suite struct PredictEvaluateCommandTests {
    @Test func predictWritesKerasPredictions() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-pred-\(UUID().uuidString).npy").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try Command.run("predict", Command.fixture("branches.k2.h5"), "--x", Command.fixture("branches.x.npy"),
                                     "-o", output, "--batch-size", "5")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let written = try NumpyArray.read(path: output)
        let keras = try NumpyArray.read(path: Command.fixture("branches.k2.y.npy"))
        #expect(written.shape == keras.shape)
        #expect(written.storedType == "<f4")
        #expect(zip(written.values, keras.values).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test func evaluateJSONHasTheDocumentedShape() throws {
        let result = try Command.run("evaluate", Command.fixture("jet_mlp.keras"), "--x", Command.fixture("jet_mlp.x.npy"),
                                     "--y", Command.fixture("jet_mlp.labels.npy"), "--json")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix(#"{"metric": "accuracy", "value": 0.21875, "loss": 3.70163"#))
        #expect(result.standardOutput.hasSuffix(#", "samples": 32}"# + "\n"))
    }

    @Test func inputsOfTheWrongShapeAreRefusedAndNothingIsWritten() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-pred-\(UUID().uuidString).npy").path
        let result = try Command.run("predict", Command.fixture("cnn2d.k3.h5"), "--x", Command.fixture("jet_mlp.x.npy"), "-o", output)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("shape [32, 16] does not match the model input (samples, 12, 12, 3)"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func malformedNumpyFileIsNamed() throws {
        let result = try Command.run("evaluate", Command.fixture("jet_mlp.keras"), "--x", Command.fixture("jet_mlp.k2.json"),
                                     "--y", Command.fixture("jet_mlp.labels.npy"))
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("hlsprune: error: \(Command.fixture("jet_mlp.k2.json")): is not a .npy file"))
    }

    @Test func labelsOfTheWrongShapeAreRefused() throws {
        let result = try Command.run("evaluate", Command.fixture("jet_mlp.keras"), "--x", Command.fixture("jet_mlp.x.npy"),
                                     "--y", Command.fixture("jet_mlp.x.npy"))
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("labels have shape [32, 16]"))
    }
}
