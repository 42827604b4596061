import Foundation
import KerasIO
import ONNXIO
import OutputFiles

/// Conversion between model formats, chosen by the file extensions: `.onnx → .onnx` re-encodes
/// losslessly whatever ops the model uses (external data copied beside the output); any other pair
/// of different formats goes through the IR: `.onnx` exported (opset 13), `.h5` as a Keras 3 `.h5`,
/// `.keras` as a Keras 3 archive. A Keras architecture `.json` (with its weights) or an hls4ml
/// `.yml` naming a model converts into any of them.
///
/// ```swift
/// try ModelConversion.convert("model.onnx", to: "model.keras")
/// ```
public enum ModelConversion {
    /// The model formats by extension, in the order messages list them.
    static let formats = ["h5", "keras", "onnx"]

    /// What can be converted, for messages: every pair of different formats, and `.onnx → .onnx`.
    public static let availableConversions = ".h5, .keras and .onnx into each other, .onnx into .onnx, and a Keras .json (with its weights) or an hls4ml .yml into any of them"

    /// Whether `from → to` (extensions without the dot) is available.
    public static func isAvailable(from: String, to: String) -> Bool {
        let described = ["json", "yml", "yaml"].contains(from)
        return formats.contains(to) && (formats.contains(from) || described) && (from != to || from == "onnx")
    }

    /// Converts the model at `input` (with `weights` for an architecture `.json`, see
    /// ``ModelFile/open(_:weights:)``) into a new file at `output`.
    public static func convert(_ input: String, weights: String? = nil, to output: String) throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard isAvailable(from: from, to: to) else {
            throw HLSPruneError.setting(name: "conversion", reason: "converting .\(from) to .\(to) is not available; \(availableConversions) are")
        }
        if to == "onnx", from == "onnx", weights == nil { return try copyONNX(input, to: output) }
        let model = try ModelFile.open(input, weights: weights)
        try model.write(model.graph, toFile: output)
    }
    /// A lossless copy needs only the protobuf, not the IR: any op is kept.
    private static func copyONNX(_ input: String, to output: String) throws {
        let proto = try ONNXModelReader.readProto(path: input)
        guard proto.hasGraph else { throw ONNXError(file: input, "has no graph; expected an ONNX model") }
        let locations = try ONNXModelReader.externalDataFiles(of: proto, path: input)
        let from = URL(fileURLWithPath: input).deletingLastPathComponent()
        let inputs = RunInputs([input] + locations.map { from.appendingPathComponent($0).path })
        try OutputFile.refuseUnsafe(output, inputs: inputs)
        let bytes = try proto.serializedData()
        let to = URL(fileURLWithPath: output).deletingLastPathComponent()
        for location in locations {
            // The external data files go beside the output too (same relative locations), unless
            // the same file is already there.
            let source = from.appendingPathComponent(location)
            let destination = to.appendingPathComponent(location)
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
        try OutputFile.write(bytes, to: output, inputs: inputs)
    }
}
