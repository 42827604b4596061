import FixtureSupport
import Foundation
import Inference
import Testing

/// `train` takes only the options it uses and writes the format its `-o` extension names.
@Suite struct TrainCommandTests {
    static let trained = Fixtures.trainedFolder.path
    static let data = ["--x-train", "\(trained)/jet_trained.train.x.npy", "--y-train", "\(trained)/jet_trained.train.y.npy"]

    /// The first bytes of the file: HDF5, zip (.keras) or protobuf starting with ONNX's ir_version.
    static func kind(of path: String) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)).prefix(8))
        if bytes == [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A] { return "h5" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "keras" }
        return bytes.first == 0x08 ? "onnx" : "unknown"
    }

    @Test(arguments: [("jet_trained.k3.h5", "tuned.onnx"), ("jet_trained.keras", "tuned.onnx"), ("jet_trained.keras", "tuned.h5"),
                      ("jet_trained.keras", "tuned.keras"), ("jet_trained.k3.h5", "tuned.h5"), ("jet_trained.k3.h5", "tuned.keras")])
    func writesTheFormatTheExtensionNames(model: String, output: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try Command.run(["train", "\(Self.trained)/\(model)", "--epochs", "1", "-o", workspace.path(output)] + Self.data)
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(try Self.kind(of: workspace.path(output)) == (output as NSString).pathExtension)
        // The written model opens and has the trained model's layers.
        let inspected = try Command.run("inspect", workspace.path(output))
        #expect(inspected.exitCode == 0, "\(inspected.standardError)")
        #expect(inspected.standardOutput.contains("fc1"))
    }

    /// The same training written as .keras, .h5 and .onnx predicts the same (within float32
    /// rounding), and not what the untrained model predicts: every writer holds the trained weights.
    @Test func everyFormatHoldsTheTrainedWeights() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let x = "\(Self.trained)/jet_trained.val.x.npy"
        func predictions(_ model: String) throws -> [Float] {
            let output = workspace.path("\(UUID().uuidString).npy")
            let result = try Command.run("predict", model, "--x", x, "-o", output)
            #expect(result.exitCode == 0, "\(result.standardError)")
            return try NumpyArray.read(path: output).values
        }
        let untrained = try predictions("\(Self.trained)/jet_trained.keras")
        var written: [[Float]] = []
        for format in ["keras", "h5", "onnx"] {
            let output = workspace.path("tuned.\(format)")
            let result = try Command.run(["train", "\(Self.trained)/jet_trained.keras", "--epochs", "1", "-o", output] + Self.data)
            #expect(result.exitCode == 0, "\(result.standardError)")
            written.append(try predictions(output))
        }
        let moved = zip(written[0], untrained).map { abs($0 - $1) }.max() ?? 0
        #expect(moved > 1e-4, "training changed no prediction")
        for other in written.dropFirst() {
            #expect(other.count == written[0].count && zip(other, written[0]).allSatisfy { abs($0 - $1) <= 1e-5 })
        }
    }

    @Test func unknownOutputFormatIsRefusedBeforeTraining() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try Command.run(["train", "\(Self.trained)/jet_trained.k3.h5", "-o", workspace.path("tuned.pt")] + Self.data)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("writes models as .h5, .keras or .onnx files"), "\(result.standardError)")
        #expect(!result.standardOutput.contains("trained"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).sorted() == ["linked", "models"])
    }

    @Test func pruningOnlyOptionsAreNeitherShownNorAccepted() throws {
        let help = try Command.run("train", "--help")
        #expect(help.exitCode == 0)
        #expect(!help.standardOutput.contains("--regularization") && !help.standardOutput.contains("--rewinding-epochs"))
        // Backslashes only where an example command continues on the next line, never in the prose.
        let prose = help.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("  ") }
        #expect(prose.allSatisfy { !$0.contains("\\") }, "a literal backslash in the help's prose")
        let example = help.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  hlsprune") || $0.hasPrefix("      --") }
        #expect(example.count >= 2 && example.allSatisfy { $0.count <= 80 }, "\(example)")
        for option in [["--regularization", "1e-4"], ["--rewinding-epochs", "0"]] {
            let result = try Command.run(["train", "\(Self.trained)/jet_trained.keras", "--epochs", "1"] + Self.data + option)
            #expect(result.exitCode == 64, "\(option) was accepted")
        }
        #expect(try Command.run("prune", "--help").standardOutput.contains("--rewinding-epochs"))
    }
}
