import ArgumentParser
import HLSPruneKit

struct Inspect: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the layers of a model as hlsprune reads them.",
        discussion: """
            Prints one row per layer (Keras's model.layers order; layers of nested models appear as \
            outer/inner): class, output shape without the batch dimension, parameter count, weight \
            shapes, zero weights (sparsity) and activation, with totals at the bottom.

            With --json the same facts are printed as one JSON object:
              {"format": "keras-h5", "keras_version": "3.15.1", "parameters": 4389, "layers": [
                {"name": "fc1", "class": "Dense", "output_shape": [64], "parameters": 1088,
                 "activation": "linear", "weights": [{"name": "kernel", "shape": [16, 64], "zeros": 0}, …]}, …]}

            Examples:
              hlsprune inspect Fixtures/models/jet_mlp.k2.h5
              hlsprune inspect model.keras --json
              hlsprune inspect KERAS_conv1d.json --weights KERAS_conv1d_weights.h5
            """
    )

    @OptionGroup var model: ModelArguments

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    var subject: String { model.path }

    func run() throws {
        let file = try model.open()
        print(json ? file.summaryJSON : file.summaryTable)
    }
}
