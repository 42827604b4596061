/// Padding rule of a convolution or pooling window.
public enum Padding: String, Sendable, Equatable {
    /// No padding: the output holds only complete windows.
    case valid
    /// Zero padding so that the output size is `ceil(input / stride)`.
    case same
    /// Left padding only (Conv1D); output size as `same` with stride 1.
    case causal
}

/// How a merge layer combines its inputs element-wise.
public enum MergeOperation: String, Sendable, Equatable {
    case add, subtract, multiply, average, maximum, minimum
}

/// The reduction a pooling layer applies to each window.
public enum PoolingOperation: String, Sendable, Equatable {
    case max, average
}

/// A fully connected layer over the last axis.
public struct DenseAttributes: Sendable, Equatable {
    public var units: Int
    public var useBias: Bool
    public init(units: Int, useBias: Bool) {
        self.units = units
        self.useBias = useBias
    }
}

/// A 1-D or 2-D convolution, channels last. For a depthwise convolution `filters` is the depth
/// multiplier and each input channel has its own kernels.
public struct ConvolutionAttributes: Sendable, Equatable {
    /// Spatial dimensions: 1 (Conv1D) or 2 (Conv2D, DepthwiseConv2D).
    public var rank: Int
    public var filters: Int
    public var kernelSize: [Int]
    public var strides: [Int]
    public var dilation: [Int]
    public var padding: Padding
    public var useBias: Bool
    public var isDepthwise: Bool
    /// Keras's `groups`: the input channels and the filters split into this many groups, each filter
    /// reading only its group's channels (kernel shape `kernelSize + [channels / groups, filters]`).
    public var groups: Int

    public init(rank: Int, filters: Int, kernelSize: [Int], strides: [Int], dilation: [Int], padding: Padding, useBias: Bool,
                isDepthwise: Bool = false, groups: Int = 1) {
        self.rank = rank
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.dilation = dilation
        self.padding = padding
        self.useBias = useBias
        self.isDepthwise = isDepthwise
        self.groups = groups
    }
}

/// Batch normalization in inference form over one axis.
public struct BatchNormalizationAttributes: Sendable, Equatable {
    /// The normalised axis, counted without the batch dimension (`-1` is the last).
    public var axis: Int
    public var epsilon: Float
    /// Whether a `beta` offset is learned.
    public var center: Bool
    /// Whether a `gamma` scale is learned.
    public var scale: Bool
    /// How much of the moving statistics each training batch keeps (Keras's `momentum`).
    public var momentum: Float
    public init(axis: Int, epsilon: Float, center: Bool, scale: Bool, momentum: Float = 0.99) {
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.momentum = momentum
    }
}

/// A pooling window sliding over 1 or 2 spatial dimensions, channels last.
public struct PoolingAttributes: Sendable, Equatable {
    public var operation: PoolingOperation
    public var rank: Int
    public var poolSize: [Int]
    public var strides: [Int]
    public var padding: Padding
    public init(operation: PoolingOperation, rank: Int, poolSize: [Int], strides: [Int], padding: Padding) {
        self.operation = operation
        self.rank = rank
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
    }
}

/// The `ReLU` layer: `min(max(x, threshold-adjusted), maxValue)` with a negative slope.
public struct ReLUAttributes: Sendable, Equatable {
    public var maxValue: Float?
    public var negativeSlope: Float
    public var threshold: Float
    public init(maxValue: Float?, negativeSlope: Float, threshold: Float) {
        self.maxValue = maxValue
        self.negativeSlope = negativeSlope
        self.threshold = threshold
    }

    /// Keras's ReLU of `x`: the maximum from it up, `x` above the threshold (strictly), the negative
    /// slope times the distance below it otherwise.
    ///
    /// ```swift
    /// ReLUAttributes(maxValue: 6, negativeSlope: 0, threshold: 0).value(at: 7)   // 6
    /// ```
    public func value(at x: Float) -> Float {
        if let top = maxValue, x >= top { return top }
        return x > threshold ? x : negativeSlope * (x - threshold)
    }

    /// d value / dx at `x`, as TensorFlow differentiates it: 0 from the maximum up, 1 above the
    /// threshold, the negative slope at and below it.
    public func slope(at x: Float) -> Float {
        if let top = maxValue, x >= top { return 0 }
        return x > threshold ? 1 : negativeSlope
    }
}

/// What a layer computes, with its typed attributes.
public enum LayerKind: Sendable, Equatable {
    /// A model input of the given shape (batch dimension left out).
    case input(shape: [Int])
    case dense(DenseAttributes)
    case convolution(ConvolutionAttributes)
    case batchNormalization(BatchNormalizationAttributes)
    /// A standalone activation layer (`Activation`).
    case activation(Activation)
    case relu(ReLUAttributes)
    case leakyReLU(alpha: Float)
    /// Learned negative slopes; `sharedAxes` (1-based, batch excluded, as Keras counts) share one slope.
    case prelu(sharedAxes: [Int])
    case softmax(axis: Int)
    case pooling(PoolingAttributes)
    /// Pooling over all spatial positions; `keepDimensions` keeps them as size 1.
    case globalPooling(operation: PoolingOperation, rank: Int, keepDimensions: Bool)
    case flatten
    /// Reshape to `targetShape` (batch excluded); one entry may be `-1`.
    case reshape(targetShape: [Int])
    /// Identity at inference.
    case dropout(rate: Float)
    case merge(MergeOperation)
    case concatenate(axis: Int)
    /// Zero padding before and after each spatial dimension.
    case zeroPadding(rank: Int, padding: [[Int]])
    /// Reorders the non-batch axes (Keras `Permute`): output axis i is input axis `dims[i] − 1`.
    case permute(dims: [Int])
    /// Nearest-neighbour repetition along each spatial dimension.
    case upSampling(rank: Int, size: [Int])

    /// The names of the weights this kind holds, in Keras's order (trainable first).
    public var weightNames: [String] {
        switch self {
        case .dense(let dense): dense.useBias ? ["kernel", "bias"] : ["kernel"]
        case .convolution(let conv):
            (conv.isDepthwise ? ["depthwise_kernel"] : ["kernel"]) + (conv.useBias ? ["bias"] : [])
        case .batchNormalization(let norm):
            (norm.scale ? ["gamma"] : []) + (norm.center ? ["beta"] : []) + ["moving_mean", "moving_variance"]
        case .prelu: ["alpha"]
        default: []
        }
    }
}
