import ArgumentParser
import HLSPruneKit
import Inference
import OutputFiles

struct Predict: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a model's outputs (or its hls4ml firmware's) for the given inputs as a .npy file.",
        discussion: """
            The inputs are a .npy file (float, integer or bool; C order) or a dataset in an HDF5 \
            file given as file.h5:/path/to/dataset, shaped (samples, input shape…). The output \
            has shape (samples, output shape…). Computation is float32 on both cores, as Keras \
            computes at inference (BatchNormalization uses its moving statistics, Dropout does nothing).

            With --firmware, the outputs are those of the firmware hls4ml 1.3.0 builds with the \
            configuration emit writes (--config and the hls4ml options as for emit), as float64, \
            equal bit for bit to hls_model.predict() after compile() (its C simulation, \
            io_parallel): inputs read as float64 and converted to the input type, fixed-point \
            arithmetic in every layer's types, lookup-table activations. Emulated: Dense, \
            BatchNormalization, linear, relu, sigmoid, tanh, softmax, Flatten, Dropout.

            Examples:
              hlsprune predict Fixtures/models/jet_mlp.k2.h5 \\
                  --x Fixtures/models/jet_mlp.x.npy -o pred.npy
              hlsprune predict Fixtures/models/jet_mlp.k2.h5 \\
                  --x Fixtures/models/jet_mlp.x.npy -o fw.npy --firmware --precision 'fixed<8,3>'
            """
    )

    @OptionGroup var model: ModelArguments

    @Option(name: .customLong("x"), help: "The inputs: X.npy or file.h5:/dataset.")
    var inputs: String

    @Option(name: .shortAndLong, help: "Where to write the predictions (.npy).")
    var output: String

    @Option(help: "Samples per batch (bounds memory; the result does not depend on it).")
    var batchSize = 1024

    @Flag(help: "Emulate the hls4ml firmware (fixed point, float64 output) instead of running the model in float32.")
    var firmware = false

    @OptionGroup var hls: HLSOptions

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
        try hls.requireFirmware(firmware)
    }

    var subject: String { model.path }

    func run() throws {
        let file = try model.open()
        let runInputs = RunInputs(file.inputFiles + [DataArrays.filePath(inputs)] + [hls.config].compactMap { $0 })
        try OutputFile.refuseUnsafe(output, inputs: runInputs)
        if firmware {
            let project = try HLSProject(for: file, settings: hls.settings)
            printNotes(project)
            let (shape, values) = try project.firmwarePredictions(of: file, for: inputs)
            return try OutputFile.write(NumpyArray.npyBytes(float64: values, shape: shape), to: output, inputs: runInputs)
        }
        let predictions = try file.predictions(for: inputs, batchSize: batchSize, progress: ProgressPrinter().handler)
        try OutputFile.write(predictions.npyBytes(), to: output, inputs: runInputs)
    }
}
