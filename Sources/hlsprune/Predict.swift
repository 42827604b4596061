import ArgumentParser
import Inference
import OutputFiles

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a model's outputs for the given inputs as a float32 .npy file.",
        discussion: """
            The inputs are a .npy file (float, integer or bool; C order) or a dataset in an HDF5 \
            file given as file.h5:/path/to/dataset, shaped (samples, input shape…). The output \
            has shape (samples, output shape…). Computation is float32 on both cores, as Keras \
            computes at inference (BatchNormalization uses its moving statistics, Dropout does nothing).

            Example:
              hlsprune predict Fixtures/models/jet_mlp.k2.h5 --x Fixtures/models/jet_mlp.x.npy -o pred.npy
            """
    )

    @Argument(help: "The model: a Keras .h5 (Keras 2 or 3), a Keras 3 .keras or an ONNX .onnx file.")
    var model: String

    @Option(name: .customLong("x"), help: "The inputs: X.npy or file.h5:/dataset.")
    var inputs: String

    @Option(name: .shortAndLong, help: "Where to write the predictions (.npy).")
    var output: String

    @Option(help: "Samples per batch (bounds memory; the result does not depend on it).")
    var batchSize = 1024

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        let loaded = try loadModel(model)
        let runInputs = RunInputs(model: loaded, arguments: [inputs])
        try reportingErrors { try OutputFile.refuseUnsafe(output, inputs: runInputs) }
        let pass = ForwardPass(graph: loaded.graph)
        let array = try loadArray(inputs)
        let count = try sampleCount(of: array, argument: inputs, for: pass)
        let values = predictions(of: pass, inputs: array, count: count, batchSize: batchSize)
        let shape = [count] + pass.graph.layer(named: pass.graph.outputs[0])!.outputShape
        try reportingErrors { try OutputFile.write(NumpyArray(shape: shape, values: values).npyBytes(), to: output, inputs: runInputs) }
    }
}
