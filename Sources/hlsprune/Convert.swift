import ArgumentParser
import Foundation
import HLSPruneKit

struct Convert: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a model between formats, chosen by the file extensions.",
        discussion: """
            Conversions available (by extension):
              .onnx  → .onnx   lossless re-encoding, whatever ops the model uses (metadata, doc strings, \
            value_info, opset imports, functions, unknown fields kept; a file the onnx library wrote \
            comes back byte for byte; external data copied beside the output)
              .h5    → .onnx   export as hlsprune reads the model (opset 13, IR 8; convolutions between \
            Transposes, as tf2onnx writes them)
              .keras → .onnx   the same
              .onnx  → .h5     a Keras 3 .h5 (Functional model) that keras.models.load_model reads
              .keras → .h5     the same
              .h5    → .keras  a Keras 3 .keras archive (Functional model, not compiled) that \
            keras.models.load_model reads
              .onnx  → .keras  the same
            Going through hlsprune's model, a conversion keeps what it reads (layers, weights, \
            activations) and drops the rest (optimizer state, training configuration). QKeras layers \
            are refused: a plain Keras file would drop their quantizers.
              .json  → any     a Keras architecture with its weights (--weights, or \
            <stem>_weights.h5 / <stem>.h5 beside it); an hls4ml .yml naming a model likewise

            Examples:
              hlsprune convert model.onnx copy.onnx
              hlsprune convert model.h5 model.keras
            """
    )

    @Argument(help: "The input model (.onnx, .h5, .keras, a Keras architecture .json, or an hls4ml .yml naming one).")
    var input: String

    @Argument(help: "The output file (.onnx, .h5 or .keras).")
    var output: String

    @Option(help: "The weights (.h5 from save_weights) of an architecture .json input; without it <stem>_weights.h5 or <stem>.h5 beside the JSON is read.")
    var weights: String?

    var subject: String { input }

    func validate() throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard ModelConversion.isAvailable(from: from, to: to) else {
            throw ValidationError("converting .\(from) to .\(to) is not available; \(ModelConversion.availableConversions) are")
        }
    }

    func run() throws {
        try ModelConversion.convert(input, weights: weights, to: output)
    }
}
