import Foundation
import ModelIR
import ONNXProto
import OutputFiles
import SwiftProtobuf

/// Writes ONNX models: the decoded file re-encoded with only the initializers of changed weights
/// replaced, in the storage form they had (`raw_data` or the typed field), so everything else —
/// metadata, doc strings, value_info, opset imports, functions, unknown fields — is kept.
public enum ONNXModelWriter {
    /// The bytes of `model` with `graph`'s weights written into their initializers.
    ///
    /// - Throws: ``ONNXError`` when a changed weight cannot be written back exactly: it changed
    ///   shape, or came from a Gemm with alpha or beta other than 1.
    public static func data(_ graph: Graph, over model: ONNXModel) throws -> Data {
        try encoded(graph, over: model).model
    }

    /// Writes the model to `path` and, when it keeps initializers in external files, those files
    /// beside it (same locations, relative to `path`'s folder), with changed weights written into
    /// their byte ranges. Every file is created new: nothing may exist at those paths.
    public static func write(_ graph: Graph, over model: ONNXModel, to path: String) throws {
        let (bytes, externalFiles) = try encoded(graph, over: model)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for (location, contents) in externalFiles.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(location)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try NewFile.create(at: url.path, bytes: contents)
        }
        try NewFile.create(at: path, bytes: bytes)
    }

    /// The model's bytes, and the contents of every external data file it refers to (by location)
    /// with the changed weights written in.
    static func encoded(_ graph: Graph, over model: ONNXModel) throws -> (model: Data, externalFiles: [String: Data]) {
        var proto = model.proto
        let files = ExternalDataFiles(folder: URL(fileURLWithPath: model.path).deletingLastPathComponent())
        var externalFiles: [String: Data] = [:]
        for tensor in proto.graph.initializer where tensor.dataLocation == .external {
            let external = try ExternalData(tensor, files: files) { ONNXError(file: model.path, node: "initializer \(tensor.name)", $0) }
            externalFiles[external.location] = external.contents
        }
        let positions = Dictionary(proto.graph.initializer.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        for layer in graph.layers {
            guard let original = model.graph.layer(named: layer.name) else { continue }
            for weight in layer.weights {
                guard let before = original.weight(weight.name), before.tensor != weight.tensor else { continue }
                func fail(_ message: String) -> ONNXError { ONNXError(file: model.path, node: layer.name, "weight '\(weight.name)' \(message)") }
                guard before.tensor.shape == weight.tensor.shape else { throw fail("changed shape; writing reduced ONNX models is not supported yet") }
                guard let binding = model.bindings[layer.name]?[weight.name], let position = positions[binding.initializer] else {
                    throw fail("has no initializer to write to")
                }
                guard binding.scale == 1 else { throw fail("is scaled by the Gemm's alpha or beta (\(binding.scale)) and cannot be written back exactly") }
                var values = weight.tensor.values
                if binding.layout != .same {
                    // (k…, C, M) → (M, C, k…), or (M, k…, C) for a channels-last Conv.
                    let shape = weight.tensor.shape
                    let (channels, filters) = (shape[shape.count - 2], shape[shape.count - 1])
                    let taps = values.count / (channels * filters)
                    let channelsLast = binding.layout == .convolutionChannelsLast
                    var stored = [Float](repeating: 0, count: values.count)
                    for filter in 0..<filters {
                        for channel in 0..<channels {
                            for tap in 0..<taps {
                                let target = channelsLast ? (filter * taps + tap) * channels + channel : (filter * channels + channel) * taps + tap
                                stored[target] = values[(tap * channels + channel) * filters + filter]
                            }
                        }
                    }
                    values = stored
                } else if binding.isTransposed, weight.tensor.shape.count == 2 {
                    let (rows, columns) = (weight.tensor.shape[0], weight.tensor.shape[1])
                    values = (0..<columns * rows).map { index in weight.tensor.values[(index % rows) * columns + index / rows] }
                }
                let tensor = proto.graph.initializer[position]
                if tensor.dataLocation == .external {
                    let external = try ExternalData(tensor, files: files, fail: fail)
                    let bytes = try littleEndianBytes(values, type: tensor.dataType, fail: fail)
                    guard bytes.count == external.range.count else { throw fail("needs \(bytes.count) bytes but its external range has \(external.range.count)") }
                    externalFiles[external.location]!.replaceSubrange(external.range, with: bytes)
                } else {
                    try store(values, in: &proto.graph.initializer[position], fail: fail)
                }
            }
        }
        do {
            return (try proto.serializedData(), externalFiles)
        } catch {
            throw ONNXError(file: model.path, "cannot be encoded: \(error)")
        }
    }

    /// `values` as the little-endian bytes of a float or double tensor.
    private static func littleEndianBytes(_ values: [Float], type: Int32, fail: (String) -> ONNXError) throws -> Data {
        var bytes = Data()
        switch Onnx_TensorProto.DataType(rawValue: Int(type)) {
        case .float:
            bytes.reserveCapacity(values.count * 4)
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        case .double:
            bytes.reserveCapacity(values.count * 8)
            for value in values { withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        default:
            throw fail("has element type \(type); only float and double weights can be written")
        }
        return bytes
    }

    /// `values` into the tensor's own field: `raw_data` when it had one, else the typed field.
    private static func store(_ values: [Float], in tensor: inout Onnx_TensorProto, fail: (String) -> ONNXError) throws {
        if tensor.hasRawData {
            tensor.rawData = try littleEndianBytes(values, type: tensor.dataType, fail: fail)
            return
        }
        switch Onnx_TensorProto.DataType(rawValue: Int(tensor.dataType)) {
        case .float: tensor.floatData = values
        case .double: tensor.doubleData = values.map(Double.init)
        default: throw fail("has element type \(tensor.dataType); only float and double weights can be written")
        }
    }
}
