import Inference
import ModelIR

/// The backward pass of a one-group convolution over a batch as matrix products on its patch
/// rows (``PatchMatrix``): kernel `patchesᵀ·g`, input `g·kernelᵀ` scattered back over the windows.
extension Backpropagation {
    /// Gradients of `conv` for a batch: kernel and bias (summed over samples and positions), and
    /// the input's when `needsInput`. Blocks of samples as in the forward pass, summed in order.
    static func convolutionBackward(_ conv: ConvolutionAttributes, input x: [Float], inputShape: [Int], outputShape: [Int], kernel: [Float],
                                    gradient: [Float], needsInput: Bool) -> (kernel: [Float], bias: [Float], input: [Float]) {
        let geometry = ConvolutionGeometry(conv, inputShape: inputShape, outputShape: outputShape)
        let (source, target, windows) = (geometry.source, geometry.target, geometry.windows)
        let (positions, depth, filters) = (geometry.positions, geometry.depth, geometry.filters)
        let samples = geometry.samples(in: x.count)
        var dKernel = [Float](repeating: 0, count: kernel.count)
        var dBias = [Float](repeating: 0, count: filters)
        var dInput = [Float](repeating: 0, count: needsInput ? x.count : 0)
        guard positions > 0, filters > 0, depth > 0 else { return (dKernel, dBias, dInput) }
        for row in 0..<samples * positions {
            for filter in 0..<filters { dBias[filter] += gradient[row * filters + filter] }
        }
        let block = max(1, PatchMatrix.blockValues / (positions * depth))
        for first in stride(from: 0, to: samples, by: block) {
            let count = min(block, samples - first)
            let rows = count * positions
            let g = Array(gradient[first * positions * filters..<(first + count) * positions * filters])
            let patches = PatchMatrix.patchRows(x, samples: first..<first + count, source: source, target: target, windows: windows)
            MatrixProduct.multiply(patches, transposingA: true, g, into: &dKernel, rows: depth, columns: filters, depth: rows, accumulating: true)
            guard needsInput else { continue }
            var patchGradient = [Float](repeating: 0, count: rows * depth)
            MatrixProduct.multiply(g, kernel, transposingB: true, into: &patchGradient, rows: rows, columns: depth, depth: filters)
            scatter(patchGradient, samples: first..<first + count, source: source, target: target, windows: windows, into: &dInput)
        }
        return (dKernel, dBias, dInput)
    }

    /// Adds each patch row's values back onto the input values its window read (the transpose of
    /// ``PatchMatrix/patchRows(_:samples:source:target:windows:)``), in a fixed order.
    private static func scatter(_ patches: [Float], samples: Range<Int>, source: SpatialShape, target: SpatialShape,
                                windows: ConvolutionWindows, into input: inout [Float]) {
        let channels = source.channels
        let sampleSize = source.height * source.width * channels
        let depth = windows.kernelHeight * windows.kernelWidth * channels
        var row = 0
        for sample in samples {
            let base = sample * sampleSize
            for outRow in 0..<target.height {
                for outColumn in 0..<target.width {
                    for i in 0..<windows.kernelHeight {
                        let inRow = windows.rows.inputIndex(outRow, i * windows.dilationHeight)
                        guard inRow >= 0 && inRow < source.height else { continue }
                        for j in 0..<windows.kernelWidth {
                            let inColumn = windows.columns.inputIndex(outColumn, j * windows.dilationWidth)
                            guard inColumn >= 0 && inColumn < source.width else { continue }
                            let from = row + (i * windows.kernelWidth + j) * channels
                            let to = base + (inRow * source.width + inColumn) * channels
                            for channel in 0..<channels { input[to + channel] += patches[from + channel] }
                        }
                    }
                    row += depth
                }
            }
        }
    }
}
