import FixtureSupport
import ModelIR
import Testing

@testable import Inference

/// The batched im2col convolution against the direct per-sample kernel (itself checked against
/// Keras by the fixture tests), over random shapes, strides, dilations and paddings.
@Suite struct PatchMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rank: Int, padding: Padding, stride: Int, dilation: Int, useBias: Bool
        var testDescription: String { "Conv\(rank)D \(padding) stride \(stride) dilation \(dilation) bias \(useBias)" }
    }

    static let cases: [Case] = [
        Case(rank: 2, padding: .valid, stride: 1, dilation: 1, useBias: true),
        Case(rank: 2, padding: .same, stride: 2, dilation: 1, useBias: false),
        Case(rank: 2, padding: .same, stride: 1, dilation: 2, useBias: true),
        Case(rank: 1, padding: .valid, stride: 3, dilation: 1, useBias: true),
        Case(rank: 1, padding: .same, stride: 1, dilation: 1, useBias: false),
        Case(rank: 1, padding: .causal, stride: 1, dilation: 3, useBias: true),
    ]

    @Test(arguments: cases)
    func batchEqualsPerSampleKernel(_ test: Case) {
        var generator = SeededGenerator(seed: UInt64(test.rank * 100 + test.stride * 10 + test.dilation))
        let (channels, filters, samples) = (Int.random(in: 1...5, using: &generator), Int.random(in: 1...9, using: &generator), 7)
        let spatial = (0..<test.rank).map { _ in Int.random(in: 8...13, using: &generator) }
        let kernelSize = (0..<test.rank).map { _ in Int.random(in: 1...3, using: &generator) }
        let conv = ConvolutionAttributes(rank: test.rank, filters: filters, kernelSize: kernelSize, strides: Array(repeating: test.stride, count: test.rank),
                                         dilation: Array(repeating: test.dilation, count: test.rank), padding: test.padding, useBias: test.useBias)
        let inputShape = spatial + [channels]
        let outputShape = zip(spatial, kernelSize).map {
            WindowShapes.outputLength($0, kernel: $1, stride: test.stride, dilation: test.dilation, padding: test.padding)
        } + [filters]
        let random = { (count: Int) in (0..<count).map { _ in Float.random(in: -1...1, using: &generator) } }
        let kernel = random(kernelSize.reduce(1, *) * channels * filters)
        let bias = test.useBias ? random(filters) : nil
        let sampleSize = inputShape.reduce(1, *)
        let input = random(samples * sampleSize)
        let batch = PatchMatrix.convolution(conv, input: input, inputShape: inputShape, outputShape: outputShape, kernel: kernel, bias: bias)
        let perSample = (0..<samples).flatMap { sample in
            SpatialKernels.convolution(conv, input: Array(input[sample * sampleSize..<(sample + 1) * sampleSize]), inputShape: inputShape,
                                       outputShape: outputShape, kernel: kernel, bias: bias)
        }
        #expect(batch.count == perSample.count)
        // Both sum n ≤ taps × channels + 1 terms of magnitude ≤ 1 in Float, in different orders: each
        // is within n·u·n of the exact sum (u = ε/2), so they differ by at most n²·ε.
        let terms = Float(kernelSize.reduce(1, *) * channels + 1)
        let tolerance = terms * terms * Float.ulpOfOne
        let worst = zip(batch, perSample).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "largest difference \(worst)")
    }
}
