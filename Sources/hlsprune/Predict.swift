import ArgumentParser
import HLSPruneKit
import OutputFiles

struct Predict: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a model's outputs for the given inputs as a float32 .npy file.",
        discussion: """
            The inputs are a .npy file (float, integer or bool; C order) or a dataset in an HDF5 \
            file given as file.h5:/path/to/dataset, shaped (samples, input shape…). The output \
            has shape (samples, output shape…). Computation is float32 on both cores, as Keras \
            computes at inference (BatchNormalization uses its moving statistics, Dropout does nothing).

            Example:
              hlsprune predict Fixtures/models/jet_mlp.k2.h5 \\
                  --x Fixtures/models/jet_mlp.x.npy -o pred.npy
            """
    )

    @OptionGroup var model: ModelArguments

    @Option(name: .customLong("x"), help: "The inputs: X.npy or file.h5:/dataset.")
    var inputs: String

    @Option(name: .shortAndLong, help: "Where to write the predictions (.npy).")
    var output: String

    @Option(help: "Samples per batch (bounds memory; the result does not depend on it).")
    var batchSize = 1024

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
    }

    var subject: String { model.path }

    func run() throws {
        let file = try model.open()
        let runInputs = RunInputs(file.inputFiles + [DataArrays.filePath(inputs)])
        try OutputFile.refuseUnsafe(output, inputs: runInputs)
        let predictions = try file.predictions(for: inputs, batchSize: batchSize, progress: ProgressPrinter().handler)
        try OutputFile.write(predictions.npyBytes(), to: output, inputs: runInputs)
    }
}
