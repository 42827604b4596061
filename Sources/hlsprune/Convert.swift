import ArgumentParser
import Foundation
import ONNXIO

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a model between formats, chosen by the file extensions.",
        discussion: """
            .onnx → .onnx re-encodes the model losslessly, whatever ops it uses: metadata, doc strings, value_info, opset \
            imports, functions and unknown fields are kept, and a file written by the onnx library \
            comes back byte for byte. Keras → ONNX export and ONNX → Keras .h5 are not available yet.

            Example:
              hlsprune convert model.onnx copy.onnx
            """
    )

    @Argument(help: "The input model (.onnx).")
    var input: String

    @Argument(help: "The output file (.onnx).")
    var output: String

    func validate() throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard from == "onnx", to == "onnx" else {
            throw ValidationError("converting .\(from) to .\(to) is not available yet; only .onnx → .onnx is")
        }
        guard URL(fileURLWithPath: input).standardizedFileURL != URL(fileURLWithPath: output).standardizedFileURL else {
            throw ValidationError("the output must not be the input file")
        }
    }

    func run() throws {
        // A lossless copy needs only the protobuf, not the IR: any op is kept.
        let bytes: Data
        do {
            let proto = try ONNXModelReader.readProto(path: input)
            guard proto.hasGraph else { throw ONNXError(file: input, "has no graph; expected an ONNX model") }
            bytes = try proto.serializedData()
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        try writeAtomically(bytes, to: output)
    }
}
