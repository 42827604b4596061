import Inference
import ModelIR

/// Backward passes of the convolution-family layers for one sample (channels-last data), mirroring
/// the forward kernels of `Inference` (same windows, same padding).
enum SpatialGradients {
    /// Gradients of a (depthwise) convolution: kernel and bias (added into `kernelGradient` and
    /// `biasGradient`) and the input's.
    static func convolution(_ conv: ConvolutionAttributes, input: [Float], inputShape: [Int], outputShape: [Int], kernel: [Float],
                            gradient: [Float], kernelGradient: inout [Float], biasGradient: inout [Float]) -> [Float] {
        let source = SpatialShape(inputShape, rank: conv.rank)
        let target = SpatialShape(outputShape, rank: conv.rank)
        let (kernelHeight, kernelWidth) = SpatialShape.pair(conv.kernelSize, rank: conv.rank, identity: 1)
        let (strideH, strideW) = SpatialShape.pair(conv.strides, rank: conv.rank, identity: 1)
        let (dilationH, dilationW) = SpatialShape.pair(conv.dilation, rank: conv.rank, identity: 1)
        let rows = Window(inputSize: source.height, extent: (kernelHeight - 1) * dilationH + 1, stride: strideH,
                          padding: conv.rank == 1 ? .valid : conv.padding, outputSize: target.height)
        let columns = Window(inputSize: source.width, extent: (kernelWidth - 1) * dilationW + 1, stride: strideW,
                             padding: conv.padding, outputSize: target.width)
        let channels = source.channels
        let filters = conv.filters
        var toInput = [Float](repeating: 0, count: input.count)
        for outRow in 0..<target.height {
            for outColumn in 0..<target.width {
                let outBase = (outRow * target.width + outColumn) * target.channels
                for c in 0..<target.channels { biasGradient[c] += gradient[outBase + c] }
                for i in 0..<kernelHeight {
                    let inRow = rows.inputIndex(outRow, i * dilationH)
                    guard inRow >= 0 && inRow < source.height else { continue }
                    for j in 0..<kernelWidth {
                        let inColumn = columns.inputIndex(outColumn, j * dilationW)
                        guard inColumn >= 0 && inColumn < source.width else { continue }
                        let inputBase = (inRow * source.width + inColumn) * channels
                        let kernelBase = (i * kernelWidth + j) * channels * filters
                        for channel in 0..<channels {
                            let x = input[inputBase + channel]
                            let weights = kernelBase + channel * filters
                            let gradientBase = outBase + (conv.isDepthwise ? channel * filters : 0)
                            var sum: Float = 0
                            for f in 0..<filters {
                                let g = gradient[gradientBase + f]
                                kernelGradient[weights + f] += x * g
                                sum += kernel[weights + f] * g
                            }
                            toInput[inputBase + channel] += sum
                        }
                    }
                }
            }
        }
        return toInput
    }

    /// Max pooling sends each gradient to the first largest input of its window; average pooling
    /// shares it among the window's inputs inside the image.
    static func pooling(_ pool: PoolingAttributes, input: [Float], inputShape: [Int], outputShape: [Int], gradient: [Float]) -> [Float] {
        let source = SpatialShape(inputShape, rank: pool.rank)
        let target = SpatialShape(outputShape, rank: pool.rank)
        let (poolHeight, poolWidth) = SpatialShape.pair(pool.poolSize, rank: pool.rank, identity: 1)
        let (strideH, strideW) = SpatialShape.pair(pool.strides, rank: pool.rank, identity: 1)
        let rows = Window(inputSize: source.height, extent: poolHeight, stride: strideH, padding: pool.rank == 1 ? .valid : pool.padding, outputSize: target.height)
        let columns = Window(inputSize: source.width, extent: poolWidth, stride: strideW, padding: pool.padding, outputSize: target.width)
        var toInput = [Float](repeating: 0, count: input.count)
        for outRow in 0..<target.height {
            for outColumn in 0..<target.width {
                for channel in 0..<source.channels {
                    let g = gradient[(outRow * target.width + outColumn) * target.channels + channel]
                    var positions: [Int] = []
                    for i in 0..<poolHeight {
                        let inRow = rows.inputIndex(outRow, i)
                        guard inRow >= 0 && inRow < source.height else { continue }
                        for j in 0..<poolWidth {
                            let inColumn = columns.inputIndex(outColumn, j)
                            guard inColumn >= 0 && inColumn < source.width else { continue }
                            positions.append((inRow * source.width + inColumn) * source.channels + channel)
                        }
                    }
                    guard !positions.isEmpty else { continue }
                    if pool.operation == .max {
                        var best = positions[0]
                        for position in positions where input[position] > input[best] { best = position }
                        toInput[best] += g
                    } else {
                        for position in positions { toInput[position] += g / Float(positions.count) }
                    }
                }
            }
        }
        return toInput
    }

    /// Global pooling: the average's gradient shared over every position, the maximum's to the first largest.
    static func globalPooling(_ operation: PoolingOperation, input: [Float], channels: Int, gradient: [Float]) -> [Float] {
        let positions = input.count / channels
        var toInput = [Float](repeating: 0, count: input.count)
        for channel in 0..<channels {
            if operation == .average {
                for position in 0..<positions { toInput[position * channels + channel] = gradient[channel] / Float(positions) }
            } else {
                var best = channel
                for position in 0..<positions where input[position * channels + channel] > input[best] { best = position * channels + channel }
                toInput[best] = gradient[channel]
            }
        }
        return toInput
    }

    /// Zero padding: the gradient of the unpadded interior.
    static func zeroPadding(rank: Int, padding: [[Int]], inputShape: [Int], outputShape: [Int], gradient: [Float]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let top = rank == 1 ? 0 : padding[0][0]
        let left = rank == 1 ? padding[0][0] : padding[1][0]
        var toInput = [Float](repeating: 0, count: source.height * source.width * source.channels)
        for row in 0..<source.height {
            for column in 0..<source.width {
                let from = ((row + top) * target.width + column + left) * target.channels
                let to = (row * source.width + column) * source.channels
                for channel in 0..<source.channels { toInput[to + channel] = gradient[from + channel] }
            }
        }
        return toInput
    }

    /// Nearest up-sampling: each input collects the gradients of its copies.
    static func upSampling(rank: Int, size: [Int], inputShape: [Int], outputShape: [Int], gradient: [Float]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let (sizeH, sizeW) = SpatialShape.pair(size, rank: rank, identity: 1)
        var toInput = [Float](repeating: 0, count: source.height * source.width * source.channels)
        for row in 0..<target.height {
            for column in 0..<target.width {
                let from = (row * target.width + column) * target.channels
                let to = ((row / sizeH) * source.width + column / sizeW) * source.channels
                for channel in 0..<source.channels { toInput[to + channel] += gradient[from + channel] }
            }
        }
        return toInput
    }
}
