import Foundation
import KerasIO
import ONNXIO
import OutputFiles

/// Conversion between model formats, chosen by the file extensions: `.onnx → .onnx` re-encodes
/// losslessly whatever ops the model uses (external data copied beside the output),
/// `.h5/.keras → .onnx` exports (opset 13), `.onnx → .h5` writes a Keras 3 `.h5`; a Keras
/// architecture `.json` (with its weights) or an hls4ml `.yml` naming a model converts to `.onnx`
/// or to a Keras 3 `.h5`.
///
/// ```swift
/// try ModelConversion.convert("model.onnx", to: "model.h5")
/// ```
public enum ModelConversion {
    /// Whether `from → to` (extensions without the dot) is available.
    public static func isAvailable(from: String, to: String) -> Bool {
        let described = ["json", "yml", "yaml"].contains(from)
        return (to == "onnx" && (["onnx", "h5", "keras"].contains(from) || described)) || (to == "h5" && (from == "onnx" || described))
    }

    /// Converts the model at `input` (with `weights` for an architecture `.json`, see
    /// ``ModelFile/open(_:weights:)``) into a new file at `output`.
    public static func convert(_ input: String, weights: String? = nil, to output: String) throws {
        let from = (input as NSString).pathExtension.lowercased()
        let to = (output as NSString).pathExtension.lowercased()
        guard isAvailable(from: from, to: to) else {
            throw HLSPruneError.setting(name: "conversion", reason: "converting .\(from) to .\(to) is not available yet; .onnx → .onnx, .h5/.keras → .onnx, .onnx → .h5 and .json/.yml → .onnx or .h5 are")
        }
        if to == "onnx", from == "onnx", weights == nil { return try copyONNX(input, to: output) }
        let model = try ModelFile.open(input, weights: weights)
        let inputs = RunInputs(model.inputFiles)
        try OutputFile.refuseUnsafe(output, inputs: inputs)
        if to == "h5" {
            try OutputFile.replace(output, inputs: inputs) { try KerasH5Writer.write(model.graph, to: $0, displayPath: output) }
        } else {
            let bytes: Data
            do {
                bytes = try ONNXExporter.model(from: model.graph).serializedData()
            } catch {
                throw HLSPruneError.data(file: input, reason: "\(error)")
            }
            try OutputFile.write(bytes, to: output, inputs: inputs)
        }
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
