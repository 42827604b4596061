import ModelIR

/// Where a sliding window (convolution or pooling) starts along one spatial axis, as TensorFlow
/// pads: `same` puts the smaller half of the padding first, `causal` puts all of it first.
public struct Window: Sendable {
    public let outputSize: Int
    public let paddingBefore: Int
    public let stride: Int

    public init(inputSize: Int, extent: Int, stride: Int, padding: Padding, outputSize: Int) {
        self.outputSize = outputSize
        self.stride = stride
        switch padding {
        case .valid: paddingBefore = 0
        case .same: paddingBefore = max((outputSize - 1) * stride + extent - inputSize, 0) / 2
        case .causal: paddingBefore = extent - 1
        }
    }

    /// The input coordinate of window position `output`, tap offset `offset` (may be outside the input).
    public func inputIndex(_ output: Int, _ offset: Int) -> Int { output * stride - paddingBefore + offset }
}

/// A channels-last tensor viewed as height × width × channels (1-D data has height 1).
package struct SpatialShape: Sendable {
    package let height: Int
    package let width: Int
    package let channels: Int

    package init(_ shape: [Int], rank: Int) {
        if rank == 1 {
            (height, width, channels) = (1, shape[0], shape[1])
        } else {
            (height, width, channels) = (shape[0], shape[1], shape[2])
        }
    }

    /// The number of values of one sample.
    package var size: Int { height * width * channels }

    /// Lifts per-axis sizes of a rank-1 or rank-2 layer to (height, width).
    package static func pair(_ values: [Int], rank: Int, identity: Int) -> (Int, Int) {
        rank == 1 ? (identity, values[0]) : (values[0], values[1])
    }
}

/// The sliding windows of a convolution over one input: kernel taps and dilation per axis, and
/// where each output position's window starts.
package struct ConvolutionWindows: Sendable {
    package let kernelHeight: Int, kernelWidth: Int
    package let dilationHeight: Int, dilationWidth: Int
    package let rows: Window, columns: Window

    package init(_ conv: ConvolutionAttributes, source: SpatialShape, target: SpatialShape) {
        (kernelHeight, kernelWidth) = SpatialShape.pair(conv.kernelSize, rank: conv.rank, identity: 1)
        (dilationHeight, dilationWidth) = SpatialShape.pair(conv.dilation, rank: conv.rank, identity: 1)
        let (strideH, strideW) = SpatialShape.pair(conv.strides, rank: conv.rank, identity: 1)
        rows = Window(inputSize: source.height, extent: (kernelHeight - 1) * dilationHeight + 1, stride: strideH,
                      padding: conv.rank == 1 ? .valid : conv.padding, outputSize: target.height)
        columns = Window(inputSize: source.width, extent: (kernelWidth - 1) * dilationWidth + 1, stride: strideW,
                         padding: conv.padding, outputSize: target.width)
    }
}

/// The sizes of a convolution as a matrix product over the batch: each sample's `positions` output
/// pixels, each a `depth`-long patch (kernel taps × input channels), times `filters` columns.
package struct ConvolutionGeometry: Sendable {
    package let source: SpatialShape
    package let target: SpatialShape
    package let windows: ConvolutionWindows
    /// Values per input sample.
    package let sampleSize: Int
    package let positions: Int
    package let depth: Int
    package let filters: Int

    package init(_ conv: ConvolutionAttributes, inputShape: [Int], outputShape: [Int]) {
        source = SpatialShape(inputShape, rank: conv.rank)
        target = SpatialShape(outputShape, rank: conv.rank)
        windows = ConvolutionWindows(conv, source: source, target: target)
        sampleSize = source.height * source.width * source.channels
        positions = target.height * target.width
        depth = windows.kernelHeight * windows.kernelWidth * source.channels
        filters = target.channels
    }

    /// The number of samples in `count` input values.
    package func samples(in count: Int) -> Int { sampleSize == 0 ? 0 : count / sampleSize }
}
