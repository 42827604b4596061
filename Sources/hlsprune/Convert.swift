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
              .json  → .onnx or .h5   a Keras architecture with its weights (--weights, or \
            <stem>_weights.h5 / <stem>.h5 beside it); an hls4ml .yml naming a model likewise
            Not yet: writing .keras, and .h5 ↔ .keras.

            Example:
              hlsprune convert model.onnx copy.onnx
            """
    )

    @Argument(help: "The input model (.onnx, .h5, .keras, a Keras architecture .json, or an hls4ml .yml naming one).")
    var input: String

    @Argument(help: "The output file (.onnx, or .h5 from an .onnx input).")
    var output: String

    @Option(help: "The weights (.h5 from save_weights) of an architecture .json input; without it <stem>_weights.h5 or <stem>.h5 beside the JSON is read.")
    var weights: String?

    var subject: String { input }

    func validate() throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard ModelConversion.isAvailable(from: from, to: to) else {
            throw ValidationError("converting .\(from) to .\(to) is not available yet; .onnx → .onnx, .h5/.keras → .onnx, .onnx → .h5 and .json/.yml → .onnx or .h5 are")
        }
    }

    func run() throws {
        try ModelConversion.convert(input, weights: weights, to: output)
    }
}
