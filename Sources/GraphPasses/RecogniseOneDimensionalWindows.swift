import ModelIR

/// Recognises the ExpandDims → 2-D window layers → Squeeze pattern (how TensorFlow, and so
/// tf2onnx, computes Conv1D and 1-D pooling) as the 1-D layers.
///
/// Pre-condition: a Reshape `E` that inserts an axis of size 1 as the first or second spatial axis
/// of a (steps, channels) value, followed — each the only reader of the one before, none a model
/// output — by 2-D Conv2D (not depthwise, kernel 1 along that axis), MaxPooling2D/AveragePooling2D
/// (pool 1 along it), ZeroPadding2D (no padding along it) or element-wise layers (activations,
/// ReLU, LeakyReLU, BatchNormalization over the last axis), at least one of them a window, and
/// then a Reshape or Flatten `R`.
/// Post-condition: `E` is gone; the window layers are Conv1D, MaxPooling1D, AveragePooling1D,
/// ZeroPadding1D without that axis (kernels hold the same values in the same order); `R` reads
/// the 1-D value, whose C order is the 2-D one's (the dropped axis has size 1).
///
/// ```swift
/// // (16, 4) → Reshape(1, 16, 4) → Conv2D (1, 5) → Reshape(12, 8)
/// // becomes (16, 4) → Conv1D 5 → Reshape(12, 8)   (then dropped as an identity)
/// _ = try RecogniseOneDimensionalWindows().rewriteOnce(&traced)
/// ```
public struct RecogniseOneDimensionalWindows: GraphPass {
    public let name = "recognise-one-dimensional-windows"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .reshape = graph.layers[index].kind, let axis = Self.insertedAxis(from: graph.inputShape(of: index), to: graph.shape(index)),
                  let chain = Self.chain(after: index, axis: axis, in: graph) else { continue }
            for position in chain { graph.modify(position) { $0 = Self.oneDimensional($0, without: axis) } }
            graph.bypass(index)
            return true
        }
        return false
    }

    /// The spatial axis (0 or 1) where `output` has an inserted 1 that `input` (steps, channels) lacks.
    static func insertedAxis(from input: [Int], to output: [Int]) -> Int? {
        guard input.count == 2 else { return nil }
        if output == [1] + input { return 0 }
        if output == [input[0], 1, input[1]] { return 1 }
        return nil
    }

    /// The positions of the layers between the expanding Reshape at `start` and a Reshape or
    /// Flatten that all suit the 1-D form, or `nil` when the pattern does not hold.
    private static func chain(after start: Int, axis: Int, in graph: TracedGraph) -> [Int]? {
        var chain: [Int] = []
        var hasWindow = false
        var current = start
        while let next = graph.soleReader(of: graph.layers[current].name) {
            let layer = graph.layers[next]
            switch layer.kind {
            case .reshape, .flatten: return hasWindow ? chain : nil
            case .convolution(let conv) where conv.rank == 2 && !conv.isDepthwise && conv.kernelSize[axis] == 1 && conv.padding != .causal:
                hasWindow = true
            case .pooling(let pool) where pool.rank == 2 && pool.poolSize[axis] == 1:
                hasWindow = true
            case .zeroPadding(let rank, let padding) where rank == 2 && padding[axis] == [0, 0]:
                break
            case .batchNormalization(let norm) where norm.axis == -1 || norm.axis == 3:
                break
            default:
                guard MovePermutesThroughElementwiseLayers.isElementwise(layer) else { return nil }
            }
            chain.append(next)
            current = next
        }
        return nil
    }

    /// `layer` with the spatial axis `axis` (of size 1) removed.
    private static func oneDimensional(_ layer: Layer, without axis: Int) -> Layer {
        var result = layer
        func dropping<T>(_ values: [T]) -> [T] { values.enumerated().filter { $0.offset != axis }.map(\.element) }
        func renamed(_ className: String) -> String { className.hasSuffix("2D") ? String(className.dropLast(2)) + "1D" : className }
        switch layer.kind {
        case .convolution(var conv):
            conv.rank = 1
            conv.kernelSize = dropping(conv.kernelSize)
            conv.strides = dropping(conv.strides)
            conv.dilation = dropping(conv.dilation)
            result.kind = .convolution(conv)
            result.weights[0].tensor.shape = dropping(layer.weights[0].tensor.shape)
            result.className = renamed(layer.className)
        case .pooling(var pool):
            pool.rank = 1
            pool.poolSize = dropping(pool.poolSize)
            pool.strides = dropping(pool.strides)
            result.kind = .pooling(pool)
            result.className = renamed(layer.className)
        case .zeroPadding(_, let padding):
            result.kind = .zeroPadding(rank: 1, padding: dropping(padding))
            result.className = renamed(layer.className)
        case .batchNormalization(var norm):
            norm.axis = -1
            result.kind = .batchNormalization(norm)
        default: break
        }
        return result
    }
}
