import Foundation
import ModelIR
import ONNXProto
import SwiftProtobuf

/// Reads ONNX models into the IR.
///
/// Supported, as tf2onnx, `torch.onnx.export` and our own exporter write them: Gemm (transA = 0),
/// MatMul with a constant weight (and a following bias Add, fused into Dense), BatchNormalization,
/// a per-channel constant Mul and/or Add (inference BatchNorm), Relu, LeakyRelu, Sigmoid, Tanh,
/// Softmax over the last axis, Elu, Selu, Softplus, Softsign, HardSigmoid (and tf2onnx's
/// Mul-Add-Min-Max form), x·Sigmoid(x) (swish), Identity, Dropout, Flatten, Reshape to a constant
/// shape, Squeeze, Unsqueeze, Transpose, zero Pad, Concat, Add/Sub/Mul/Mean/Max/Min of computed
/// values, ReduceMean/ReduceMax over the spatial axes; Conv (group 1, with pads), MaxPool and
/// AveragePool (unpadded) and the global pools in ONNX's channels-first layout, held channels-last
/// in the IR. keras2onnx's opset 6–9 forms (`broadcast`/`axis`, `is_test`/`spatial`, Flatten at
/// any axis that keeps samples apart, a fixed batch of 1) and QONNX's Quant, BipolarQuant and
/// Trunc (with qonnx's channels-last Conv, MaxPool and BatchNormalization) are read too. Any other
/// op is an error naming the node, the op and why.
public enum ONNXModelReader {
    public static func read(path: String) throws -> ONNXModel {
        let proto = try readProto(path: path)
        guard proto.hasGraph, !proto.graph.node.isEmpty else {
            throw ONNXError(file: path, "has no graph; expected an ONNX model")
        }
        var builder = try ONNXGraphBuilder(proto: proto, file: path,
                                       decoding: TensorDecoding(folder: URL(fileURLWithPath: path).deletingLastPathComponent(), file: path))
        return try builder.build()
    }

    /// The decoded protobuf alone, without reading the graph into the IR (for lossless copies of
    /// models whose ops the IR does not cover). The file's bytes are released once decoded.
    public static func readProto(path: String) throws -> Onnx_ModelProto {
        // Mapped, not read: decoding copies the tensors once, straight from the page cache.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw ONNXError(file: path, "cannot read the file")
        }
        do {
            return try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw ONNXError(file: path, "is not an ONNX model (the protobuf is truncated or corrupt: \(error))")
        }
    }

    /// The locations (relative to the model's folder) of the external data files `proto`'s
    /// initializers name, without reading them: for a model the reader has already checked.
    public static func externalDataLocations(of proto: Onnx_ModelProto) -> [String] {
        var locations: [String] = []
        for tensor in proto.graph.initializer where tensor.dataLocation == .external {
            guard let location = tensor.externalData.first(where: { $0.key == "location" })?.value, !locations.contains(location) else { continue }
            locations.append(location)
        }
        return locations
    }

    /// The external data files `proto`'s initializers live in, by location relative to the model's
    /// folder, each checked as the reader checks it (inside the folder, present, ranges that fit).
    public static func externalDataFiles(of proto: Onnx_ModelProto, path: String) throws -> [String] {
        let files = ExternalDataFiles(folder: URL(fileURLWithPath: path).deletingLastPathComponent())
        var locations: [String] = []
        for tensor in proto.graph.initializer where tensor.dataLocation == .external {
            let external = try ExternalData(tensor, files: files) { ONNXError(file: path, node: "initializer \(tensor.name)", $0) }
            if !locations.contains(external.location) { locations.append(external.location) }
        }
        return locations
    }
}
