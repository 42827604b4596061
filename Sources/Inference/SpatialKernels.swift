import ModelIR

/// Convolution, pooling, padding and up-sampling over channels-last data: `input` holds any number
/// of samples of `inputShape` one after another, and each sample is computed as if alone (the same
/// arithmetic, in the same order, whatever the batch).
enum SpatialKernels {
    /// A grouped or depthwise convolution (``PatchMatrix`` computes the others as matrix products).
    static func convolution(_ conv: ConvolutionAttributes, input: [Float], inputShape: [Int], outputShape: [Int], kernel: [Float], bias: [Float]?) -> [Float] {
        let source = SpatialShape(inputShape, rank: conv.rank)
        let target = SpatialShape(outputShape, rank: conv.rank)
        let windows = ConvolutionWindows(conv, source: source, target: target)
        let (kernelHeight, kernelWidth, rows, columns) = (windows.kernelHeight, windows.kernelWidth, windows.rows, windows.columns)
        let (dilationH, dilationW) = (windows.dilationHeight, windows.dilationWidth)
        let inputChannels = source.channels
        let filters = conv.filters  // per input channel when depthwise
        let outputChannels = target.channels
        // Per tap: channels × multiplier (depthwise), or the channels of one group × filters.
        let groups = conv.isDepthwise ? 1 : conv.groups
        let groupChannels = inputChannels / groups
        let groupFilters = filters / groups
        let perTap = groupChannels * filters
        let sourceSize = source.height * source.width * inputChannels
        let targetSize = target.height * target.width * outputChannels
        let samples = sourceSize == 0 ? 0 : input.count / sourceSize
        var output = [Float](repeating: 0, count: samples * targetSize)
        let biasValues = bias ?? []
        // Depthwise: each input channel repeated per multiplier, so output channel k reads value k.
        let values = conv.isDepthwise ? VectorKernels.repeated(input, times: filters) : input
        values.withUnsafeBufferPointer { input in
            kernel.withUnsafeBufferPointer { kernel in
                biasValues.withUnsafeBufferPointer { bias in
                    output.withUnsafeMutableBufferPointer { output in
                        let w0 = kernel.baseAddress!
                        for sample in 0..<samples {
                        // The repeated input (depthwise) holds `filters` values per input value.
                        let x0 = input.baseAddress! + sample * sourceSize * (conv.isDepthwise ? filters : 1)
                        let o0 = output.baseAddress! + sample * targetSize
                        for outRow in 0..<target.height {
                            for outColumn in 0..<target.width {
                                let out = o0 + (outRow * target.width + outColumn) * outputChannels
                                if !bias.isEmpty { out.update(from: bias.baseAddress!, count: outputChannels) }
                                for i in 0..<kernelHeight {
                                    let inRow = rows.inputIndex(outRow, i * dilationH)
                                    guard inRow >= 0 && inRow < source.height else { continue }
                                    for j in 0..<kernelWidth {
                                        let inColumn = columns.inputIndex(outColumn, j * dilationW)
                                        guard inColumn >= 0 && inColumn < source.width else { continue }
                                        let x = x0 + (inRow * source.width + inColumn) * inputChannels
                                        let taps = w0 + (i * kernelWidth + j) * perTap
                                        if conv.isDepthwise {
                                            let spread = x0 + (inRow * source.width + inColumn) * outputChannels
                                            VectorKernels.addProducts(spread, taps, count: outputChannels, to: out)
                                            continue
                                        }
                                        for group in 0..<groups {
                                            VectorKernels.addProduct(x + group * groupChannels, rows: groupChannels, taps + group * groupFilters,
                                                                     columns: groupFilters, stride: filters, to: out + group * groupFilters)
                                        }
                                    }
                                }
                            }
                        }
                        }
                    }
                }
            }
        }
        return output
    }

    static func pooling(_ pool: PoolingAttributes, input: [Float], inputShape: [Int], outputShape: [Int]) -> [Float] {
        let source = SpatialShape(inputShape, rank: pool.rank)
        let target = SpatialShape(outputShape, rank: pool.rank)
        let (poolHeight, poolWidth) = SpatialShape.pair(pool.poolSize, rank: pool.rank, identity: 1)
        let (strideH, strideW) = SpatialShape.pair(pool.strides, rank: pool.rank, identity: 1)
        let rows = Window(inputSize: source.height, extent: poolHeight, stride: strideH, padding: pool.rank == 1 ? .valid : pool.padding, outputSize: target.height)
        let columns = Window(inputSize: source.width, extent: poolWidth, stride: strideW, padding: pool.padding, outputSize: target.width)
        let (sourceSize, targetSize) = (source.size, target.size)
        let samples = sourceSize == 0 ? 0 : input.count / sourceSize
        var output = [Float](repeating: 0, count: samples * targetSize)
        let channels = source.channels
        let isMax = pool.operation == .max
        output.withUnsafeMutableBufferPointer { output in
            input.withUnsafeBufferPointer { input in
                for sample in 0..<samples {
                    for outRow in 0..<target.height {
                        for outColumn in 0..<target.width {
                            // Every channel at once: each channel's taps in the same order as alone.
                            let out = output.baseAddress! + sample * targetSize + (outRow * target.width + outColumn) * channels
                            out.update(repeating: isMax ? -.infinity : 0, count: channels)
                            var count = 0
                            for i in 0..<poolHeight {
                                let inRow = rows.inputIndex(outRow, i)
                                guard inRow >= 0 && inRow < source.height else { continue }
                                for j in 0..<poolWidth {
                                    let inColumn = columns.inputIndex(outColumn, j)
                                    guard inColumn >= 0 && inColumn < source.width else { continue }
                                    let x = input.baseAddress! + sample * sourceSize + (inRow * source.width + inColumn) * channels
                                    if isMax {
                                        for channel in 0..<channels { out[channel] = max(out[channel], x[channel]) }
                                    } else {
                                        for channel in 0..<channels { out[channel] += x[channel] }
                                    }
                                    count += 1
                                }
                            }
                            if !isMax { for channel in 0..<channels { out[channel] /= Float(count) } }
                        }
                    }
                }
            }
        }
        return output
    }

    /// The maximum or mean of each channel over the positions of each sample (`positions` per sample).
    static func globalPooling(_ operation: PoolingOperation, input: [Float], positions: Int, channels: Int) -> [Float] {
        let sampleSize = positions * channels
        let samples = sampleSize == 0 ? 0 : input.count / sampleSize
        var output = [Float](repeating: operation == .max ? -.infinity : 0, count: samples * channels)
        for sample in 0..<samples {
            let (inBase, outBase) = (sample * sampleSize, sample * channels)
            for position in 0..<positions {
                for channel in 0..<channels {
                    let x = input[inBase + position * channels + channel]
                    output[outBase + channel] = operation == .max ? max(output[outBase + channel], x) : output[outBase + channel] + x
                }
            }
        }
        if operation == .average { for index in output.indices { output[index] /= Float(positions) } }
        return output
    }

    static func zeroPadding(rank: Int, padding: [[Int]], input: [Float], inputShape: [Int], outputShape: [Int]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let top = rank == 1 ? 0 : padding[0][0]
        let left = rank == 1 ? padding[0][0] : padding[1][0]
        let samples = source.size == 0 ? 0 : input.count / source.size
        var output = [Float](repeating: 0, count: samples * target.size)
        for sample in 0..<samples {
            for row in 0..<source.height {
                for column in 0..<source.width {
                    let from = sample * source.size + (row * source.width + column) * source.channels
                    let to = sample * target.size + ((row + top) * target.width + column + left) * target.channels
                    for channel in 0..<source.channels { output[to + channel] = input[from + channel] }
                }
            }
        }
        return output
    }

    static func upSampling(rank: Int, size: [Int], input: [Float], inputShape: [Int], outputShape: [Int]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let (factorH, factorW) = SpatialShape.pair(size, rank: rank, identity: 1)
        let samples = source.size == 0 ? 0 : input.count / source.size
        var output = [Float](repeating: 0, count: samples * target.size)
        for sample in 0..<samples {
            for row in 0..<target.height {
                for column in 0..<target.width {
                    let from = sample * source.size + ((row / factorH) * source.width + column / factorW) * source.channels
                    let to = sample * target.size + (row * target.width + column) * target.channels
                    for channel in 0..<source.channels { output[to + channel] = input[from + channel] }
                }
            }
        }
        return output
    }
}
