import ModelIR

/// A convolution (one group, not depthwise) over a batch as matrix products (im2col): each output
/// position of each sample becomes a row of its window's values (taps × input channels, zeros where
/// the window leaves the input), and the kernel, stored taps × channels × filters, is the matrix
/// the rows multiply.
package enum PatchMatrix {
    /// At most this many patch values are held at once: the batch is cut into blocks of samples
    /// (a fixed number for a given layer, so the products are the same on every run).
    package static let blockValues = 1 << 22

    /// Whether ``convolution(_:input:inputShape:outputShape:kernel:bias:)`` computes `conv`.
    package static func handles(_ conv: ConvolutionAttributes) -> Bool { !conv.isDepthwise && conv.groups == 1 }

    /// The outputs of `conv` for the samples of `input` (one after another, each of `inputShape`).
    package static func convolution(_ conv: ConvolutionAttributes, input: [Float], inputShape: [Int], outputShape: [Int],
                                    kernel: [Float], bias: [Float]?) -> [Float] {
        let geometry = ConvolutionGeometry(conv, inputShape: inputShape, outputShape: outputShape)
        let (source, target, windows) = (geometry.source, geometry.target, geometry.windows)
        let (positions, depth, filters) = (geometry.positions, geometry.depth, geometry.filters)
        let samples = geometry.samples(in: input.count)
        var output = [Float](repeating: 0, count: samples * positions * filters)
        guard positions > 0, filters > 0 else { return output }
        let block = max(1, blockValues / max(1, positions * depth))
        for first in stride(from: 0, to: samples, by: block) {
            let count = min(block, samples - first)
            let patches = patchRows(input, samples: first..<first + count, source: source, target: target, windows: windows)
            var part = [Float](repeating: 0, count: count * positions * filters)
            if let bias {
                for row in 0..<count * positions { part.replaceSubrange(row * filters..<(row + 1) * filters, with: bias) }
            }
            MatrixProduct.multiply(patches, kernel, into: &part, rows: count * positions, columns: filters, depth: depth,
                                   accumulating: bias != nil)
            output.replaceSubrange(first * positions * filters..<(first + count) * positions * filters, with: part)
        }
        return output
    }

    /// One row per output position of each sample in `samples`: the window's input values, tap by
    /// tap (row-major over the kernel), each tap's channels in order.
    package static func patchRows(_ input: [Float], samples: Range<Int>, source: SpatialShape, target: SpatialShape,
                          windows: ConvolutionWindows) -> [Float] {
        let channels = source.channels
        let sampleSize = source.height * source.width * channels
        let depth = windows.kernelHeight * windows.kernelWidth * channels
        var patches = [Float](repeating: 0, count: samples.count * target.height * target.width * depth)
        input.withUnsafeBufferPointer { input in
            patches.withUnsafeMutableBufferPointer { patches in
                var row = patches.baseAddress!
                for sample in samples {
                    let values = input.baseAddress! + sample * sampleSize
                    for outRow in 0..<target.height {
                        for outColumn in 0..<target.width {
                            for i in 0..<windows.kernelHeight {
                                let inRow = windows.rows.inputIndex(outRow, i * windows.dilationHeight)
                                guard inRow >= 0 && inRow < source.height else { continue }
                                // A window row wholly inside the input, undilated, is one run of values.
                                let firstColumn = windows.columns.inputIndex(outColumn, 0)
                                if windows.dilationWidth == 1 && firstColumn >= 0 && firstColumn + windows.kernelWidth <= source.width {
                                    (row + i * windows.kernelWidth * channels)
                                        .update(from: values + (inRow * source.width + firstColumn) * channels, count: windows.kernelWidth * channels)
                                    continue
                                }
                                for j in 0..<windows.kernelWidth {
                                    let inColumn = windows.columns.inputIndex(outColumn, j * windows.dilationWidth)
                                    guard inColumn >= 0 && inColumn < source.width else { continue }
                                    (row + (i * windows.kernelWidth + j) * channels)
                                        .update(from: values + (inRow * source.width + inColumn) * channels, count: channels)
                                }
                            }
                            row += depth
                        }
                    }
                }
            }
        }
        return patches
    }
}
