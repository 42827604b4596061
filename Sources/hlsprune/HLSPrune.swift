import ArgumentParser
import Foundation

@main
struct HLSPrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hlsprune",
        abstract: "Read trained models, prune them for hls4ml, and write what the FPGA flow needs.",
        discussion: """
            hlsprune reads Keras models (.h5 written by Keras 2 or 3, and Keras 3 .keras archives) \
            and ONNX models without Python. Start with `hlsprune inspect MODEL` to see how it \
            understood a model, `hlsprune emit` writes hls4ml's configuration and weight headers, \
            and `hlsprune prune` runs hls4ml's DSP-aware pruning and writes the pruned model with \
            them. Every command is also a call of the HLSPruneKit Swift library.
            """,
        version: versionLine,
        subcommands: [Inspect.self, Predict.self, Evaluate.self, Emit.self, Prune.self, Train.self, Convert.self, KnapsackCommand.self]
    )

    /// Parses the arguments, runs the command, and reports any error in one place: usage errors as
    /// ArgumentParser does, everything else as one line naming the file (``report(_:about:)``).
    static func main() {
        MemoryTuning.apply()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // Help, usage errors and exit codes, as ArgumentParser shows them.
            Self.exit(withError: error)
        } catch {
            report(error, about: (command as? any FileCommand)?.subject)
            Self.exit(withError: ExitCode.failure)
        }
    }
}
