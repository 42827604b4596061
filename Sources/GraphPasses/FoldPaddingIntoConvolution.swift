import ModelIR

/// Folds explicit zero padding into the convolution after it when the padding is exactly what
/// Keras's `same` padding adds.
///
/// Pre-condition: ZeroPadding `Z` whose only reader is a `valid` convolution `C` of the same rank,
/// `Z` no model output, and along every spatial axis `Z` pads `total / 2` before and the rest
/// after, where `total = max((⌈n / s⌉ − 1)·s + (k − 1)·d + 1 − n, 0)` for `Z`'s input size `n`,
/// `C`'s stride `s`, kernel `k` and dilation `d` (TensorFlow's rule for `same`).
/// Post-condition: `C` reads `Z`'s input with `same` padding; `Z` is gone; the output is the same.
///
/// ```swift
/// // (16, 4) → ZeroPadding1D (2, 2) → Conv1D 5 valid   becomes   (16, 4) → Conv1D 5 same
/// _ = try FoldPaddingIntoConvolution().rewriteOnce(&traced)
/// ```
public struct FoldPaddingIntoConvolution: GraphPass {
    public let name = "fold-padding-into-convolution"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            guard case .zeroPadding(let rank, let padding) = graph.layers[index].kind, let reader = graph.soleReader(of: graph.layers[index].name),
                  case .convolution(var conv) = graph.layers[reader].kind, conv.rank == rank, conv.padding == .valid else { continue }
            let sizes = graph.inputShape(of: index).prefix(rank)
            let same = zip(sizes, 0..<rank).map { size, axis in
                Self.samePadding(size: size, kernel: conv.kernelSize[axis], stride: conv.strides[axis], dilation: conv.dilation[axis])
            }
            guard same == padding else { continue }
            conv.padding = .same
            graph.modify(reader) { $0.kind = .convolution(conv) }
            graph.bypass(index)
            return true
        }
        return false
    }

    /// The zeros `same` padding adds before and after an axis of `size` values.
    package static func samePadding(size: Int, kernel: Int, stride: Int, dilation: Int) -> [Int] {
        let outputs = (size + stride - 1) / stride
        let total = max((outputs - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
        return [total / 2, total - total / 2]
    }
}
