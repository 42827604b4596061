import ArgumentParser
import Foundation
import KerasIO
import ONNXIO

struct Convert: ParsableCommand {
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

    func validate() throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard (to == "onnx" && ["onnx", "h5", "keras"].contains(from)) || (to == "h5" && from == "onnx") else {
            throw ValidationError("converting .\(from) to .\(to) is not available yet; .onnx → .onnx, .h5/.keras → .onnx and .onnx → .h5 are")
        }
        guard URL(fileURLWithPath: input).standardizedFileURL != URL(fileURLWithPath: output).standardizedFileURL else {
            throw ValidationError("the output must not be the input file")
        }
    }

    func run() throws {
        if output.lowercased().hasSuffix(".h5") {
            let graph = try loadModel(input).graph
            let url = URL(fileURLWithPath: output)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
            do {
                try KerasH5Writer.write(graph, to: temporary.path, displayPath: output)
                guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                printError("\(error)")
                throw ExitCode.failure
            }
            return
        }
        if !input.lowercased().hasSuffix(".onnx") {
            let graph = try loadModel(input).graph
            let bytes: Data
            do {
                bytes = try ONNXExporter.model(from: graph).serializedData()
            } catch {
                printError("\(input): \(error)")
                throw ExitCode.failure
            }
            try writeAtomically(bytes, to: output)
            return
        }
        // A lossless copy needs only the protobuf, not the IR: any op is kept.
        let bytes: Data
        let externalFiles: [String]
        do {
            let proto = try ONNXModelReader.readProto(path: input)
            guard proto.hasGraph else { throw ONNXError(file: input, "has no graph; expected an ONNX model") }
            bytes = try proto.serializedData()
            externalFiles = try ONNXModelReader.externalDataFiles(of: proto, path: input)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        try copyExternalData(externalFiles)
        try writeAtomically(bytes, to: output)
    }

    /// Puts the external data files the model refers to beside the output too (same relative
    /// locations), unless the same file is already there.
    private func copyExternalData(_ locations: [String]) throws {
        let from = URL(fileURLWithPath: input).deletingLastPathComponent()
        let to = URL(fileURLWithPath: output).deletingLastPathComponent()
        guard from.standardizedFileURL != to.standardizedFileURL else { return }
        for location in locations {
            let source = from.appendingPathComponent(location)
            let destination = to.appendingPathComponent(location)
            if FileManager.default.fileExists(atPath: destination.path) {
                guard FileManager.default.contentsEqual(atPath: source.path, andPath: destination.path) else {
                    printError("\(destination.path): the model's external data '\(location)' would replace a different file there; convert into another folder")
                    throw ExitCode.failure
                }
                continue
            }
            try? FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try writeAtomically(FileManager.default.contents(atPath: source.path) ?? Data(), to: destination.path)
        }
    }
}
