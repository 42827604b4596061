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

            An ONNX graph is shown in its canonical form: the layers of the model it was \
            exported from (bias adds fused, ExpandDims/Conv2D/Squeeze as Conv1D, Transposes \
            cancelled). --raw shows it node by node as read, before those passes.

            With --firmware --x X.npy, prints instead what each layer of the firmware hls4ml builds \
            (as predict --firmware emulates it, with the same configuration options) wrote for \
            those inputs: its type, the smallest and largest values against the type's range, how \
            many values sat at the type's limits (saturated or clipped), and the integer bits the \
            largest magnitude needed against those the type has.

            Examples:
              hlsprune inspect Fixtures/models/jet_mlp.k2.h5
              hlsprune inspect model.keras --json
              hlsprune inspect Fixtures/onnx/conv1d.tf2onnx.onnx --raw
              hlsprune inspect KERAS_conv1d.json --weights KERAS_conv1d_weights.h5
              hlsprune inspect Fixtures/models/jet_mlp.k2.h5 --firmware \\
                  --x Fixtures/models/jet_mlp.x.npy
            """
    )

    @OptionGroup var model: ModelArguments

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Show an ONNX graph node by node as read, before the canonical passes (the same as without it for Keras).")
    var raw = false

    @Flag(help: "Profile the emulated hls4ml firmware's layers on the inputs of --x.")
    var firmware = false

    @Option(name: .customLong("x"), help: "With --firmware: the inputs, X.npy or file.h5:/dataset.")
    var inputs: String?

    @OptionGroup var hls: HLSOptions

    func validate() throws {
        try hls.requireFirmware(firmware)
        guard firmware == (inputs != nil) else { throw ValidationError("--firmware and --x go together") }
        guard !(firmware && raw) else { throw ValidationError("--raw shows the graph as read; it does not go with --firmware") }
    }

    var subject: String { model.path }

    func run() throws {
        let file = try model.open(printingNotes: firmware)
        guard firmware, let inputs else {
            switch (json, raw) {
            case (false, false): return print(file.summaryTable)
            case (true, false): return print(file.summaryJSON)
            case (false, true): return print(file.rawSummaryTable)
            case (true, true): return print(file.rawSummaryJSON)
            }
        }
        let project = try HLSProject(for: file, settings: hls.settings)
        printNotes(project)
        let layers = try project.firmwareProfile(of: file, for: inputs)
        print(json ? FirmwareProfileText.json(layers) : FirmwareProfileText.table(layers))
    }
}
