import ArgumentParser
import Foundation
import HLSConfig
import HLSEmit
import ModelIR
import OutputFiles

struct Emit: ParsableCommand {
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

            Example:
              hlsprune emit Fixtures/models/jet_mlp.k2.h5 -o jet_hls --strategy Resource --reuse-factor 4
            """
    )

    @Argument(help: "The model: a Keras .h5 (Keras 2 or 3), a Keras 3 .keras or an ONNX .onnx file.")
    var model: String

    @Option(name: .shortAndLong, help: "The output folder.")
    var output: String

    @Flag(help: "Replace hlsprune's earlier outputs in the folder (refused when it holds other files).")
    var force = false

    @OptionGroup var hls: HLSOptions

    func run() throws {
        let loaded = try loadModel(model)
        let graph = loaded.graph
        do {
            let (tree, configuration) = try hls.document(for: graph, onnxNames: loaded.hls4mlONNXNames)
            let folder = try OutputFolder(output, force: force, inputs: RunInputs(model: loaded, arguments: [hls.config]))
            do {
                try writeHLSFiles(graph: graph, tree: tree, configuration: configuration, files: hls.weightFiles(tree), into: folder)
                try folder.commit()
            } catch {
                folder.discard()
                throw error
            }
        } catch {
            printError(error, about: model)
            throw ExitCode.failure
        }
    }
}

/// Writes `hls4ml_config.yml` and `firmware/weights/*` for `graph` into `folder`.
func writeHLSFiles(graph: Graph, tree: ConfigTree, configuration: HLSConfiguration, files: WeightFiles, into folder: OutputFolder) throws {
    try folder.write(Array(tree.yaml().utf8), to: "hls4ml_config.yml")
    for variable in try WeightVariable.all(in: graph, configuration: configuration) {
        for file in files.files(of: variable) {
            try folder.write(parts: file.parts, to: "firmware/weights/\(file.name)")
        }
    }
}
