import Foundation
import ModelIR
import ONNXProto
import SwiftProtobuf

/// Writes ONNX models: the decoded file re-encoded with only the initializers of changed weights
/// replaced, in the storage form they had (`raw_data` or the typed field), so everything else —
/// metadata, doc strings, value_info, opset imports, functions, unknown fields — is kept.
public enum ONNXModelWriter {
    /// The bytes of `model` with `graph`'s weights written into their initializers.
    ///
    /// - Throws: ``ONNXError`` when a changed weight cannot be written back exactly: it changed
    ///   shape, came from a Gemm with alpha or beta other than 1, or is stored externally.
    public static func data(_ graph: Graph, over model: ONNXModel) throws -> Data {
        var proto = model.proto
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
                if binding.layout == .convolutionChannelsFirst {
                    // (k…, C, M) → (M, C, k…).
                    let shape = weight.tensor.shape
                    let (channels, filters) = (shape[shape.count - 2], shape[shape.count - 1])
                    let taps = values.count / (channels * filters)
                    var stored = [Float](repeating: 0, count: values.count)
                    for filter in 0..<filters {
                        for channel in 0..<channels {
                            for tap in 0..<taps { stored[(filter * channels + channel) * taps + tap] = values[(tap * channels + channel) * filters + filter] }
                        }
                    }
                    values = stored
                } else if binding.isTransposed, weight.tensor.shape.count == 2 {
                    let (rows, columns) = (weight.tensor.shape[0], weight.tensor.shape[1])
                    values = (0..<columns * rows).map { index in weight.tensor.values[(index % rows) * columns + index / rows] }
                }
                try store(values, in: &proto.graph.initializer[position], fail: fail)
            }
        }
        do {
            return try proto.serializedData()
        } catch {
            throw ONNXError(file: model.path, "cannot be encoded: \(error)")
        }
    }

    /// Writes `data(graph, over: model)` to `path`.
    public static func write(_ graph: Graph, over model: ONNXModel, to path: String) throws {
        try data(graph, over: model).write(to: URL(fileURLWithPath: path))
    }

    private static func store(_ values: [Float], in tensor: inout Onnx_TensorProto, fail: (String) -> ONNXError) throws {
        guard tensor.dataLocation != .external else { throw fail("is stored in external data, which cannot be rewritten yet") }
        switch Onnx_TensorProto.DataType(rawValue: Int(tensor.dataType)) {
        case .float:
            if tensor.hasRawData {
                var bytes = Data(capacity: values.count * 4)
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                tensor.rawData = bytes
            } else {
                tensor.floatData = values
            }
        case .double:
            if tensor.hasRawData {
                var bytes = Data(capacity: values.count * 8)
                for value in values { withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                tensor.rawData = bytes
            } else {
                tensor.doubleData = values.map(Double.init)
            }
        default:
            throw fail("has element type \(tensor.dataType); only float and double weights can be written")
        }
    }
}
