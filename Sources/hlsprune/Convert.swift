import ArgumentParser
import Foundation
import KerasIO
import ONNXIO
import OutputFiles

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
    }

    func run() throws {
        if output.lowercased().hasSuffix(".h5") || !input.lowercased().hasSuffix(".onnx") {
            let loaded = try loadModel(input)
            let inputs = RunInputs(model: loaded, arguments: [])
            try reportingErrors {
                if output.lowercased().hasSuffix(".h5") {
                    try OutputFile.replace(output, inputs: inputs) { try KerasH5Writer.write(loaded.graph, to: $0, displayPath: output) }
                } else {
                    try OutputFile.refuseUnsafe(output, inputs: inputs)
                    try OutputFile.write(try ONNXExporter.model(from: loaded.graph).serializedData(), to: output, inputs: inputs)
                }
            }
            return
        }
        // A lossless copy needs only the protobuf, not the IR: any op is kept.
        try reportingErrors {
            let proto = try ONNXModelReader.readProto(path: input)
            guard proto.hasGraph else { throw ONNXError(file: input, "has no graph; expected an ONNX model") }
            let locations = try ONNXModelReader.externalDataFiles(of: proto, path: input)
            let folder = URL(fileURLWithPath: input).deletingLastPathComponent()
            let inputs = RunInputs([input] + locations.map { folder.appendingPathComponent($0).path })
            try OutputFile.refuseUnsafe(output, inputs: inputs)
            let bytes = try proto.serializedData()
            try copyExternalData(locations, inputs: inputs)
            try OutputFile.write(bytes, to: output, inputs: inputs)
        }
    }

    /// Puts the external data files the model refers to beside the output too (same relative
    /// locations), unless the same file is already there.
    private func copyExternalData(_ locations: [String], inputs: RunInputs) throws {
        let from = URL(fileURLWithPath: input).deletingLastPathComponent()
        let to = URL(fileURLWithPath: output).deletingLastPathComponent()
        for location in locations {
            let source = from.appendingPathComponent(location)
            let destination = to.appendingPathComponent(location)
            // Beside the input already (the same folder, however reached): nothing to copy.
            if let existing = inputs.input(at: destination.path), existing.identity == FileIdentity(path: source.path) { continue }
            if FileManager.default.fileExists(atPath: destination.path) {
                guard FileManager.default.contentsEqual(atPath: source.path, andPath: destination.path) else {
                    throw ONNXError(file: destination.path, "the model's external data '\(location)' would replace a different file there; convert into another folder")
                }
                continue
            }
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try OutputFile.replace(destination.path, inputs: inputs) { try NewFile.copyContents(of: source.path, to: $0) }
        }
    }
}
