import ModelIR

/// Convolution, pooling, padding and up-sampling over channels-last data (one sample).
enum SpatialKernels {
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
        var output = [Float](repeating: 0, count: target.height * target.width * outputChannels)
        let biasValues = bias ?? []
        // Depthwise: each input channel repeated per multiplier, so output channel k reads value k.
        let values = conv.isDepthwise ? VectorKernels.repeated(input, times: filters) : input
        values.withUnsafeBufferPointer { input in
            kernel.withUnsafeBufferPointer { kernel in
                biasValues.withUnsafeBufferPointer { bias in
                    output.withUnsafeMutableBufferPointer { output in
                        let (x0, w0) = (input.baseAddress!, kernel.baseAddress!)
                        for outRow in 0..<target.height {
                            for outColumn in 0..<target.width {
                                let out = output.baseAddress! + (outRow * target.width + outColumn) * outputChannels
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
        return output
    }

    static func pooling(_ pool: PoolingAttributes, input: [Float], inputShape: [Int], outputShape: [Int]) -> [Float] {
        let source = SpatialShape(inputShape, rank: pool.rank)
        let target = SpatialShape(outputShape, rank: pool.rank)
        let (poolHeight, poolWidth) = SpatialShape.pair(pool.poolSize, rank: pool.rank, identity: 1)
        let (strideH, strideW) = SpatialShape.pair(pool.strides, rank: pool.rank, identity: 1)
        let rows = Window(inputSize: source.height, extent: poolHeight, stride: strideH, padding: pool.rank == 1 ? .valid : pool.padding, outputSize: target.height)
        let columns = Window(inputSize: source.width, extent: poolWidth, stride: strideW, padding: pool.padding, outputSize: target.width)
        var output = [Float](repeating: 0, count: target.height * target.width * target.channels)
        for outRow in 0..<target.height {
            for outColumn in 0..<target.width {
                for channel in 0..<source.channels {
                    var best = -Float.infinity
                    var total: Float = 0
                    var count = 0
                    for i in 0..<poolHeight {
                        let inRow = rows.inputIndex(outRow, i)
                        guard inRow >= 0 && inRow < source.height else { continue }
                        for j in 0..<poolWidth {
                            let inColumn = columns.inputIndex(outColumn, j)
                            guard inColumn >= 0 && inColumn < source.width else { continue }
                            let x = input[(inRow * source.width + inColumn) * source.channels + channel]
                            best = max(best, x)
                            total += x
                            count += 1
                        }
                    }
                    output[(outRow * target.width + outColumn) * target.channels + channel] =
                        pool.operation == .max ? best : total / Float(count)
                }
            }
        }
        return output
    }

    static func globalPooling(_ operation: PoolingOperation, input: [Float], channels: Int) -> [Float] {
        let positions = input.count / channels
        var output = [Float](repeating: operation == .max ? -.infinity : 0, count: channels)
        for position in 0..<positions {
            for channel in 0..<channels {
                let x = input[position * channels + channel]
                output[channel] = operation == .max ? max(output[channel], x) : output[channel] + x
            }
        }
        if operation == .average { for channel in 0..<channels { output[channel] /= Float(positions) } }
        return output
    }

    static func zeroPadding(rank: Int, padding: [[Int]], input: [Float], inputShape: [Int], outputShape: [Int]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let top = rank == 1 ? 0 : padding[0][0]
        let left = rank == 1 ? padding[0][0] : padding[1][0]
        var output = [Float](repeating: 0, count: target.height * target.width * target.channels)
        for row in 0..<source.height {
            for column in 0..<source.width {
                let from = (row * source.width + column) * source.channels
                let to = ((row + top) * target.width + column + left) * target.channels
                for channel in 0..<source.channels { output[to + channel] = input[from + channel] }
            }
        }
        return output
    }

    static func upSampling(rank: Int, size: [Int], input: [Float], inputShape: [Int], outputShape: [Int]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let (factorH, factorW) = SpatialShape.pair(size, rank: rank, identity: 1)
        var output = [Float](repeating: 0, count: target.height * target.width * target.channels)
        for row in 0..<target.height {
            for column in 0..<target.width {
                let from = ((row / factorH) * source.width + column / factorW) * source.channels
                let to = (row * target.width + column) * target.channels
                for channel in 0..<source.channels { output[to + channel] = input[from + channel] }
            }
        }
        return output
    }
}
