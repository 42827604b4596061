import ArgumentParser
import Foundation
import HLSPruneKit

struct Convert: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a model between formats, chosen by the file extensions.",
        discussion: """
            .onnx → .onnx re-encodes the model losslessly, whatever ops it uses: metadata, doc strings, value_info, opset \
            imports, functions and unknown fields are kept, and a file written by the onnx library \
            comes back byte for byte. .h5/.keras → .onnx exports the model as hlsprune reads it \
            (opset 13, IR 8; convolutions between Transposes, as tf2onnx writes them). .onnx → .h5 \
            writes a Keras 3 .h5 (Functional model) that keras.models.load_model reads.

            Example:
              hlsprune convert model.onnx copy.onnx
            """
    )

    @Argument(help: "The input model (.onnx, .h5 or .keras).")
    var input: String

    @Argument(help: "The output file (.onnx).")
    var output: String

    var subject: String { input }

    func validate() throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard ModelConversion.isAvailable(from: from, to: to) else {
            throw ValidationError("converting .\(from) to .\(to) is not available yet; .onnx → .onnx, .h5/.keras → .onnx and .onnx → .h5 are")
        }
    }

    func run() throws {
        try ModelConversion.convert(input, to: output)
    }
}
