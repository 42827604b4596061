import Inference
import ModelIR

/// Backward passes of the convolution-family layers over channels-last data, mirroring the forward
/// kernels of `Inference` (same windows, same padding). `input` and `gradient` hold any number of
/// samples one after another; each sample's input gradient is computed as if alone, and weight
/// gradients are summed sample after sample.
enum SpatialGradients {
    /// Gradients of a grouped or depthwise convolution: kernel and bias (added into `kernelGradient`
    /// and `biasGradient`, sample by sample in order) and the input's (empty unless `needsInput`).
    static func convolution(_ conv: ConvolutionAttributes, input: [Float], inputShape: [Int], outputShape: [Int], kernel: [Float],
                            gradient: [Float], needsInput: Bool = true, kernelGradient: inout [Float], biasGradient: inout [Float]) -> [Float] {
        let source = SpatialShape(inputShape, rank: conv.rank)
        let target = SpatialShape(outputShape, rank: conv.rank)
        let windows = ConvolutionWindows(conv, source: source, target: target)
        let (kernelHeight, kernelWidth, rows, columns) = (windows.kernelHeight, windows.kernelWidth, windows.rows, windows.columns)
        let (dilationH, dilationW) = (windows.dilationHeight, windows.dilationWidth)
        let channels = source.channels
        let filters = conv.filters
        let outputChannels = target.channels
        // Per tap: channels × multiplier (depthwise), or the channels of one group × filters.
        let groups = conv.isDepthwise ? 1 : conv.groups
        let groupChannels = channels / groups
        let groupFilters = filters / groups
        let perTap = groupChannels * filters
        let sourceSize = source.size
        let targetSize = target.size
        let samples = sourceSize == 0 ? 0 : input.count / sourceSize
        // The kernel as taps × filters × a group's input channels, so that ∂L/∂input sums over
        // filters with eight input channels in a register.
        var transposed = [Float](repeating: 0, count: conv.isDepthwise || !needsInput ? 0 : kernel.count)
        if !transposed.isEmpty {
            for tap in 0..<(kernelHeight * kernelWidth) {
                for channel in 0..<groupChannels {
                    for f in 0..<filters { transposed[(tap * filters + f) * groupChannels + channel] = kernel[tap * perTap + channel * filters + f] }
                }
            }
        }
        /// Visits every output position whose window has tap (i, j) inside the input, with the
        /// offsets of that output position and of the input position under the tap.
        func positions(tap i: Int, _ j: Int, _ body: (_ output: Int, _ input: Int) -> Void) {
            for outRow in 0..<target.height {
                let inRow = rows.inputIndex(outRow, i * dilationH)
                guard inRow >= 0 && inRow < source.height else { continue }
                for outColumn in 0..<target.width {
                    let inColumn = columns.inputIndex(outColumn, j * dilationW)
                    guard inColumn >= 0 && inColumn < source.width else { continue }
                    body((outRow * target.width + outColumn) * outputChannels, (inRow * source.width + inColumn) * channels)
                }
            }
        }
        var toInput = [Float](repeating: 0, count: needsInput ? input.count : 0)
        // Depthwise: the input repeated per multiplier, and the gradient with respect to that.
        let spreadInput = conv.isDepthwise ? VectorKernels.repeated(input, times: filters) : []
        var spreadGradients = [Float](repeating: 0, count: conv.isDepthwise && needsInput ? input.count * filters : 0)
        spreadInput.withUnsafeBufferPointer { spread in
        spreadGradients.withUnsafeMutableBufferPointer { spreadGradient in
        input.withUnsafeBufferPointer { input in
        kernel.withUnsafeBufferPointer { kernel in
        transposed.withUnsafeBufferPointer { transposed in
        gradient.withUnsafeBufferPointer { gradient in
        toInput.withUnsafeMutableBufferPointer { toInput in
        kernelGradient.withUnsafeMutableBufferPointer { kernelGradient in
            for sample in 0..<samples {
            let (x0, g0) = (input.baseAddress! + sample * sourceSize, gradient.baseAddress! + sample * targetSize)
            let dx0 = toInput.baseAddress.map { $0 + sample * sourceSize }
            let spread0 = spread.baseAddress.map { $0 + sample * sourceSize * filters }
            let spreadGradient0 = spreadGradient.baseAddress.map { $0 + sample * sourceSize * filters }
            for position in 0..<(target.height * target.width) {
                for c in 0..<outputChannels { biasGradient[c] += g0[position * outputChannels + c] }
            }
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let tap = i * kernelWidth + j
                    let tapGradients = kernelGradient.baseAddress! + tap * perTap
                    if conv.isDepthwise {
                        // Output channel k = c·multiplier + f reads input channel c: with the input
                        // repeated per multiplier, everything is element by element over k.
                        let taps = kernel.baseAddress! + tap * perTap
                        positions(tap: i, j) { output, input in
                            VectorKernels.addProducts(spread0! + input * filters, g0 + output, count: outputChannels, to: tapGradients)
                            if needsInput {
                                VectorKernels.addProducts(taps, g0 + output, count: outputChannels, to: spreadGradient0! + input * filters)
                            }
                        }
                        continue
                    }
                    // ∂L/∂W of this tap, row by row (input channel, with its group's filters), eight
                    // filters at a time summed over the positions in a register.
                    for channel in 0..<channels {
                        let group = channel / groupChannels
                        let row = tapGradients + (channel % groupChannels) * filters + group * groupFilters
                        let g = g0 + group * groupFilters
                        var first = 0
                        while first + 8 <= groupFilters {
                            var sum = VectorKernels.load(row + first)
                            positions(tap: i, j) { output, input in sum += x0[input + channel] * VectorKernels.load(g + output + first) }
                            VectorKernels.store(sum, row + first)
                            first += 8
                        }
                        if first < groupFilters {
                            positions(tap: i, j) { output, input in
                                for f in first..<groupFilters { row[f] += x0[input + channel] * g[output + f] }
                            }
                        }
                    }
                    guard needsInput else { continue }
                    // ∂L/∂input through this tap.
                    let taps = transposed.baseAddress! + tap * perTap
                    positions(tap: i, j) { output, input in
                        for group in 0..<groups {
                            VectorKernels.addProduct(g0 + output + group * groupFilters, rows: groupFilters, taps + group * groupFilters * groupChannels,
                                                     columns: groupChannels, to: dx0! + input + group * groupChannels)
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
        }
        }
        }
        if conv.isDepthwise && needsInput {
            // Back from the repeated input: each channel collects its multiplier's gradients.
            for index in toInput.indices {
                for copy in 0..<filters { toInput[index] += spreadGradients[index * filters + copy] }
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
        let channels = source.channels
        let samples = source.size == 0 ? 0 : input.count / source.size
        // Every channel at once per window, each channel's taps in the same order as alone.
        var best = [Int](repeating: 0, count: channels)
        for sample in 0..<samples {
            let (inBase, outBase) = (sample * source.size, sample * target.size)
            for outRow in 0..<target.height {
                let top = rows.inputIndex(outRow, 0)
                let rowRange = max(top, 0)..<min(top + poolHeight, source.height)
                for outColumn in 0..<target.width {
                    let left = columns.inputIndex(outColumn, 0)
                    let columnRange = max(left, 0)..<min(left + poolWidth, source.width)
                    guard !rowRange.isEmpty && !columnRange.isEmpty else { continue }
                    let outputBase = outBase + (outRow * target.width + outColumn) * target.channels
                    if pool.operation == .max {
                        let first = inBase + (rowRange.lowerBound * source.width + columnRange.lowerBound) * channels
                        for channel in 0..<channels { best[channel] = first + channel }
                        for inRow in rowRange {
                            for inColumn in columnRange {
                                let position = inBase + (inRow * source.width + inColumn) * channels
                                for channel in 0..<channels where input[position + channel] > input[best[channel]] { best[channel] = position + channel }
                            }
                        }
                        for channel in 0..<channels { toInput[best[channel]] += gradient[outputBase + channel] }
                    } else {
                        let share = 1 / Float(rowRange.count * columnRange.count)
                        for inRow in rowRange {
                            for inColumn in columnRange {
                                let position = inBase + (inRow * source.width + inColumn) * channels
                                for channel in 0..<channels { toInput[position + channel] += gradient[outputBase + channel] * share }
                            }
                        }
                    }
                }
            }
        }
        return toInput
    }

    /// Global pooling (`positions` per sample): the average's gradient shared over every position,
    /// the maximum's to the first largest.
    static func globalPooling(_ operation: PoolingOperation, input: [Float], positions: Int, channels: Int, gradient: [Float]) -> [Float] {
        var toInput = [Float](repeating: 0, count: input.count)
        let sampleSize = positions * channels
        let samples = sampleSize == 0 ? 0 : input.count / sampleSize
        for sample in 0..<samples {
            let base = sample * sampleSize
            for channel in 0..<channels {
                let g = gradient[sample * channels + channel]
                if operation == .average {
                    for position in 0..<positions { toInput[base + position * channels + channel] = g / Float(positions) }
                } else {
                    var best = base + channel
                    for position in 0..<positions where input[base + position * channels + channel] > input[best] {
                        best = base + position * channels + channel
                    }
                    toInput[best] = g
                }
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
        let samples = target.size == 0 ? 0 : gradient.count / target.size
        var toInput = [Float](repeating: 0, count: samples * source.size)
        for sample in 0..<samples {
            for row in 0..<source.height {
                for column in 0..<source.width {
                    let from = sample * target.size + ((row + top) * target.width + column + left) * target.channels
                    let to = sample * source.size + (row * source.width + column) * source.channels
                    for channel in 0..<source.channels { toInput[to + channel] = gradient[from + channel] }
                }
            }
        }
        return toInput
    }

    /// Nearest up-sampling: each input collects the gradients of its copies.
    static func upSampling(rank: Int, size: [Int], inputShape: [Int], outputShape: [Int], gradient: [Float]) -> [Float] {
        let source = SpatialShape(inputShape, rank: rank)
        let target = SpatialShape(outputShape, rank: rank)
        let (sizeH, sizeW) = SpatialShape.pair(size, rank: rank, identity: 1)
        let samples = target.size == 0 ? 0 : gradient.count / target.size
        var toInput = [Float](repeating: 0, count: samples * source.size)
        for sample in 0..<samples {
            for row in 0..<target.height {
                for column in 0..<target.width {
                    let from = sample * target.size + (row * target.width + column) * target.channels
                    let to = sample * source.size + ((row / sizeH) * source.width + column / sizeW) * source.channels
                    for channel in 0..<source.channels { toInput[to + channel] += gradient[from + channel] }
                }
            }
        }
        return toInput
    }
}
