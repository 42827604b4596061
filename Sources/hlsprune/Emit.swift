import ArgumentParser
import HLSPruneKit

struct Emit: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write hls4ml_config.yml and the firmware weight headers hls4ml would write, without pruning.",
        discussion: """
            The files are byte for byte what hls4ml 1.3.0's convert_from_keras_model(...).write() \
            writes into firmware/weights (w<i>.h, b<i>.h, s<i>.h and their .txt), with hls4ml's layer \
            numbering, type names, Latency or Resource layout and BatchNorm folding; \
            hls4ml_config.yml parses to the tree hls4ml writes (without its run-specific Stamp, \
            OutputDir and KerasModel). Defaults are hls4ml's: name granularity, Vitis, fixed<16,6>, \
            reuse factor 1, Latency, io_parallel.

            The output folder must be empty or missing; it appears complete or not at all. --force \
            replaces the files hlsprune wrote there before and refuses a folder that holds any \
            other file or one of the run's inputs.

            Examples:
              hlsprune emit Fixtures/models/jet_mlp.k2.h5 -o jet_hls \\
                  --strategy Resource --reuse-factor 4
              hlsprune emit keras-config.yml -o jet_hls
            """
    )

    @OptionGroup var model: ModelArguments

    @Option(name: .shortAndLong, help: "The output folder.")
    var output: String

    @Flag(help: "Replace hlsprune's earlier outputs in the folder (refused when it holds other files).")
    var force = false

    @OptionGroup var hls: HLSOptions

    var subject: String { model.path }

    func run() throws {
        let file = try model.open()
        let project = try HLSProject(for: file, settings: hls.settings)
        printNotes(project)
        try project.write(file.graph, to: output, force: force, inputs: file.inputFiles)
    }
}

/// Prints the project's notes and warnings on stderr (`note: …`, `warning: …`).
func printNotes(_ project: HLSProject) {
    var standardError = StandardError()
    for note in project.notes { print("note: \(note)", to: &standardError) }
    for warning in project.warnings { print("warning: \(warning)", to: &standardError) }
}
