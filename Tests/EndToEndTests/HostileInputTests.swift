import FixtureSupport
import Foundation
import HDF5
import Testing

/// Damaged inputs through the CLI: refused with one error line, never a crash, never a partial output.
struct HostileInputTests {
    /// 200 seeded structure-aware mutants of the fixtures (ONNX edits, Keras config and weight
    /// edits, byte damage), each through one of `inspect`, `emit`, `prune --dry-run` and `convert`
    /// in turn, under a memory limit: none crashes, hangs, modifies its input, accepts a file the
    /// edit made invalid, or fails without one error line. `make fuzz` runs thousands through all four.
    @Test func mutantsOfTheFixturesNeverCrashTheCommands() throws {
        let process = Process()
        process.executableURL = Command.product("MutationFuzzer")
        let repository = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().path
        process.arguments = ["--executable", Command.product("hlsprune").path, "--repository", repository,
                             "--count", "200", "--seed", "1", "--rotate", "--memory-mib", "2048", "--timeout", "120"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.hasSuffix("200 mutants, 200 runs: 0 crashed, 0 hung, 0 silently accepted, 0 modified inputs, 0 other failures\n"), "\(text)")
    }

    /// A NaN or infinite weight reads (inspect shows it) but is never written into an hls4ml
    /// project: its header would not compile. The error names the layer and the weight.
    @Test(arguments: [Float.nan, .infinity])
    func nonFiniteWeightsAreNotEmitted(_ value: Float) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let model = try workspace.add(Fixtures.path("jet_mlp.k2.h5"))
        do {
            let kernel = try File(path: model, mode: .readWrite).rootGroup().group("model_weights/fc1/fc1").dataset("kernel:0")
            var values = try kernel.read(as: Float.self)
            values[3] = value
            try kernel.write(values)
        }
        #expect(try Command.run("inspect", model).exitCode == 0)
        let output = workspace.path("out")
        let result = try Command.run("emit", model, "-o", output)
        #expect(result.exitCode == 1)
        #expect(result.standardError == "hlsprune: error: \(model): layer 'fc1': weight 'kernel' holds \(value) at index 3; "
                + "hls4ml would write a header that does not compile, so finite weights are needed\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
