import FixedPoint
import HLSConfig
import ModelIR

extension StageBuilder {
    /// A Conv1D, Conv2D or DepthwiseConv2D (channels last) with hls4ml's im2col, kernel types and
    /// split activation.
    mutating func addConvolution(_ layer: Layer, _ convolution: ConvolutionAttributes) throws {
        let className = (convolution.isDepthwise ? "Depthwise" : "") + "Conv\(convolution.rank)D"
        if convolution.isDepthwise { try checkDepthwise(layer, convolution, className: className) }
        guard convolution.groups == 1 else {
            throw FirmwareError(layer: layer.name, "a grouped convolution (groups = \(convolution.groups)) has no hls4ml equivalent")
        }
        let (source, input, inputShape) = try inputOf(layer)
        guard let index = numbering.index[layer.name] else { throw FirmwareError(layer: layer.name, "hls4ml gives this layer no index") }
        let geometry = try WindowGeometry(layer: layer.name, inputShape: inputShape, window: convolution.kernelSize, strides: convolution.strides,
                                          padding: convolution.padding, outputShape: layer.outputShape)
        let inputCount = geometry.windowSize * geometry.channels
        let (kernel, automatic) = try matrixKernel(of: layer, className: className, index: index, input: input, inputCount: inputCount,
                                                   outputCount: convolution.isDepthwise ? geometry.channels : convolution.filters,
                                                   isDepthwise: convolution.isDepthwise)
        if let reuseFactor = kernel.resourceReuseFactor, reuseFactor > inputCount {
            // hls4ml accepts it, but conv_1d/2d_resource_cl assert RF <= n_in: its C simulation aborts.
            throw FirmwareError(layer: layer.name, "reuse factor \(reuseFactor) is above the \(inputCount) inputs of each pixel, "
                                + "which hls4ml's \(className) Resource kernel asserts against (its compiled model aborts)")
        }
        append(ConvolutionStage(kernel: kernel, im2col: geometry.im2colIndices()), for: layer.name, after: source, automatic: automatic)
        try addSplitActivation(of: layer)
    }

    /// What hls4ml 1.3.0's io_parallel depthwise convolution computes correctly: `depthwise_conv_*_cl`
    /// asserts a depth multiplier of 1 and the Latency strategy (its compiled model aborts
    /// otherwise), and `fuse_batch_normalization` folds a following BatchNormalization into it as
    /// `scale * kernel`, which numpy broadcasts from (kh, kw, channels, 1) to (kh, kw, channels,
    /// channels): the firmware then reads the wrong weights.
    private func checkDepthwise(_ layer: Layer, _ convolution: ConvolutionAttributes, className: String) throws {
        guard convolution.filters == 1 else {
            throw FirmwareError(layer: layer.name, "a \(className) with depth multiplier \(convolution.filters) is not emulated "
                                + "(hls4ml's io_parallel kernel asserts a multiplier of 1; its compiled model aborts)")
        }
        guard try !resolver.strategy(layer: layer.name, className: className).isResource else {
            throw FirmwareError(layer: layer.name, "a \(className) with the Resource strategy is not emulated "
                                + "(hls4ml's io_parallel kernel asserts Latency; its compiled model aborts)")
        }
        let following = graph.layers.first { next in
            guard case .batchNormalization = next.kind else { return false }
            return next.inputs == [layer.name]
        }
        if let folded = following?.name, layer.activation == nil || layer.activation == .linear,
            try configured("result", layer: layer.name, className: className) == nil
        {
            throw FirmwareError(layer: layer.name, "hls4ml 1.3.0 folds the BatchNormalization \(folded) into this \(className) "
                                + "wrongly (its per-channel scale broadcasts the kernel to channels × channels; the firmware reads the "
                                + "wrong weights); not emulated")
        }
    }

    /// MaxPooling/AveragePooling 1D/2D (hls4ml's Pooling1D/2D, types inferred by `_infer_pooling_precision`).
    mutating func addPooling(_ layer: Layer, _ pooling: PoolingAttributes) throws {
        let className = "Pooling\(pooling.rank)D"
        let (source, input, inputShape) = try inputOf(layer)
        let geometry = try WindowGeometry(layer: layer.name, inputShape: inputShape, window: pooling.poolSize, strides: pooling.strides,
                                          padding: pooling.padding, outputShape: layer.outputShape)
        let accumulator: FixedPointFormat
        if let configured = try configured("accum", layer: layer.name, className: className) {
            accumulator = configured
        } else if pooling.operation == .max {
            accumulator = input
        } else {
            // Average: ceil(log2(window)) more integer bits and twice that many more bits in all
            // (the model's maximum precision is not applied here).
            let extra = geometry.windowSize > 1 ? Int.bitWidth - (geometry.windowSize - 1).leadingZeroBitCount : 0
            accumulator = try .inferred(width: input.width + 2 * extra, integerBits: input.integerBits + extra, isSigned: input.isSigned,
                                        layer: layer.name)
        }
        let output = try configured("result", layer: layer.name, className: className) ?? input
        try requireSum(of: input, and: accumulator, layer: layer.name)
        let stage = PoolingStage(name: layer.name, input: input, output: output, accumulator: accumulator, operation: pooling.operation,
                                 channels: geometry.channels, windowSize: geometry.windowSize, windows: geometry.poolingWindows())
        append(stage, for: layer.name, after: source, automatic: false)
    }

    /// GlobalMax/GlobalAveragePooling 1D/2D: a window over the whole input. hls4ml infers no type
    /// for GlobalPooling layers, so `auto` accumulators and results take the model's default.
    mutating func addGlobalPooling(_ layer: Layer, operation: PoolingOperation, rank: Int) throws {
        let className = "GlobalPooling\(rank)D"
        let (source, input, inputShape) = try inputOf(layer)
        let spatial = Array(inputShape.dropLast())
        let geometry = try WindowGeometry(layer: layer.name, inputShape: inputShape, window: spatial, strides: spatial, padding: .valid,
                                          outputShape: spatial.map { _ in 1 } + [inputShape.last!])
        let accumulator = try resolver.type(of: "accum", layer: layer.name, className: className).precision.format(layer: layer.name, variable: "accum")
        let output = try resolver.type(of: "result", layer: layer.name, className: className).precision.format(layer: layer.name, variable: "result")
        try requireSum(of: input, and: accumulator, layer: layer.name)
        let stage = PoolingStage(name: layer.name, input: input, output: output, accumulator: accumulator, operation: operation,
                                 channels: geometry.channels, windowSize: geometry.windowSize, windows: geometry.poolingWindows())
        append(stage, for: layer.name, after: source, automatic: false)
    }

    /// ZeroPadding1D/2D: the input copied into a zero border. hls4ml gives the output the input's
    /// type whatever the configuration says.
    mutating func addZeroPadding(_ layer: Layer, padding: [[Int]]) throws {
        let (source, input, inputShape) = try inputOf(layer)
        let stage = CopyStage(name: layer.name, input: input, output: input, sources: CopyStage.zeroPadding(shape: inputShape, padding: padding))
        append(stage, for: layer.name, after: source, automatic: false)
    }

    /// UpSampling1D/2D (hls4ml's Resize, nearest). hls4ml gives the output the input's type
    /// whatever the configuration says.
    mutating func addUpSampling(_ layer: Layer, size: [Int]) throws {
        let (source, input, inputShape) = try inputOf(layer)
        let stage = CopyStage(name: layer.name, input: input, output: input, sources: CopyStage.nearestResize(shape: inputShape, factors: size))
        append(stage, for: layer.name, after: source, automatic: false)
    }

    /// The layer's input: the stage it reads, that stage's format and the input's shape.
    private func inputOf(_ layer: Layer) throws -> (source: String, format: FixedPointFormat, shape: [Int]) {
        let source = layer.inputs[0]
        guard let format = formats[source], let shape = graph.layer(named: source)?.outputShape else {
            throw FirmwareError(layer: layer.name, "its input has no type")
        }
        return (source, format, shape)
    }
}
