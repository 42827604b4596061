import ModelIR
import ONNXProto

/// An ONNX model read into the IR, with the decoded protobuf kept for lossless writing.
public struct ONNXModel: Sendable {
    /// The decoded file, unknown fields included.
    public var proto: Onnx_ModelProto
    public var graph: Graph
    /// The file it was read from.
    public var path: String
    /// Where each IR weight came from: layer name → weight name → initializer and layout.
    public var bindings: [String: [String: WeightBinding]]
    /// What the reader assumed where the file left a choice, for people (`inspect` prints them):
    /// "the graph fixes the batch size of input x (1); it is read as a free batch dimension".
    public var notes: [String] = []
}

/// How an IR weight relates to the initializer it was read from.
public struct WeightBinding: Sendable, Equatable {
    /// The initializer's name.
    public var initializer: String
    /// The IR tensor is the initializer's 2-D transpose (Gemm with transB = 1).
    public var isTransposed: Bool
    /// The IR values are the initializer's times this factor (Gemm's alpha or beta).
    public var scale: Float
    /// How the initializer's axes map to the IR tensor's.
    public var layout: Layout = .same

    public enum Layout: Sendable, Equatable {
        /// Same axes (after the 2-D transpose when `isTransposed`).
        case same
        /// An ONNX Conv weight (M, C, k…) held as the IR's (k…, C, M).
        case convolutionChannelsFirst
        /// A weight of qonnx's channels-last Conv, (M, k…, C), held as the IR's (k…, C, M).
        case convolutionChannelsLast
    }

    public init(initializer: String, isTransposed: Bool, scale: Float, layout: Layout = .same) {
        self.initializer = initializer
        self.isTransposed = isTransposed
        self.scale = scale
        self.layout = layout
    }
}

/// Why an ONNX file cannot be read or written: the file, the node (or initializer) and what was expected.
public struct ONNXError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var node: String?
    public var message: String

    public init(file: String, node: String? = nil, _ message: String) {
        self.file = file
        self.node = node
        self.message = message
    }

    public var description: String {
        if let node { return "\(file): node \(node): \(message)" }
        return "\(file): \(message)"
    }
}
