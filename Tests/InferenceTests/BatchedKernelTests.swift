import FixtureSupport
import ModelIR
import Testing

@testable import Inference

/// The spatial kernels on a batch against the same kernels on each sample alone: every value the
/// same bits (the batch loops over samples and changes no sum), over random odd shapes, strides
/// and paddings.
@Suite struct BatchedKernelTests {
    static let samples = 5

    /// `kernel` on each sample of `input` alone (`size` values each), one result after another.
    static func perSample(_ input: [Float], size: Int, _ kernel: ([Float]) -> [Float]) -> [Float] {
        (0..<input.count / size).flatMap { kernel(Array(input[$0 * size..<($0 + 1) * size])) }
    }

    static func random(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
    }

    static func expectSameBits(_ batch: [Float], _ alone: [Float]) {
        #expect(batch.count == alone.count && !batch.isEmpty)
        #expect(batch.map(\.bitPattern) == alone.map(\.bitPattern))
    }

    @Test(arguments: WindowShapes.cases.indices)
    func groupedAndDepthwiseConvolution(_ index: Int) {
        let shape = WindowShapes.cases[index]
        var generator = SeededGenerator(seed: shape.seed)
        let spatial = shape.spatialSizes(using: &generator)
        let kernelSize = shape.windowSizes(using: &generator)
        let padding: Padding = shape.rank == 1 && shape.padding == .same && shape.seed == 5 ? .causal : shape.padding
        for depthwise in [true, false] {
            let groups = depthwise ? 1 : 3
            let channels = depthwise ? Int.random(in: 1...5, using: &generator) : 3 * Int.random(in: 1...2, using: &generator)
            let filters = depthwise ? Int.random(in: 1...3, using: &generator) : 3 * Int.random(in: 1...3, using: &generator)
            let conv = ConvolutionAttributes(rank: shape.rank, filters: filters, kernelSize: kernelSize, strides: Array(repeating: shape.stride, count: shape.rank),
                                             dilation: Array(repeating: 1, count: shape.rank), padding: padding, useBias: true,
                                             isDepthwise: depthwise, groups: groups)
            let inputShape = spatial + [channels]
            let outputShape = zip(spatial, kernelSize).map {
                WindowShapes.outputLength($0, kernel: $1, stride: shape.stride, dilation: 1, padding: padding)
            } + [depthwise ? channels * filters : filters]
            let kernel = Self.random(kernelSize.reduce(1, *) * (depthwise ? channels : channels / groups) * filters, &generator)
            let bias = Self.random(outputShape.last!, &generator)
            let input = Self.random(Self.samples * inputShape.reduce(1, *), &generator)
            let run = { (x: [Float]) in
                SpatialKernels.convolution(conv, input: x, inputShape: inputShape, outputShape: outputShape, kernel: kernel, bias: bias)
            }
            Self.expectSameBits(run(input), Self.perSample(input, size: inputShape.reduce(1, *), run))
        }
    }

    @Test(arguments: WindowShapes.cases.indices)
    func pooling(_ index: Int) {
        let shape = WindowShapes.cases[index]
        var generator = SeededGenerator(seed: shape.seed + 10)
        let spatial = shape.spatialSizes(using: &generator)
        let poolSize = (0..<shape.rank).map { _ in Int.random(in: 2...3, using: &generator) }
        let channels = Int.random(in: 1...7, using: &generator)
        let inputShape = spatial + [channels]
        let outputShape = zip(spatial, poolSize).map {
            WindowShapes.outputLength($0, kernel: $1, stride: shape.stride, dilation: 1, padding: shape.padding)
        } + [channels]
        let input = Self.random(Self.samples * inputShape.reduce(1, *), &generator)
        for operation in [PoolingOperation.max, .average] {
            let pool = PoolingAttributes(operation: operation, rank: shape.rank, poolSize: poolSize,
                                         strides: Array(repeating: shape.stride, count: shape.rank), padding: shape.padding)
            let run = { (x: [Float]) in SpatialKernels.pooling(pool, input: x, inputShape: inputShape, outputShape: outputShape) }
            Self.expectSameBits(run(input), Self.perSample(input, size: inputShape.reduce(1, *), run))
            let global = { (x: [Float]) in
                SpatialKernels.globalPooling(operation, input: x, positions: spatial.reduce(1, *), channels: channels)
            }
            Self.expectSameBits(global(input), Self.perSample(input, size: inputShape.reduce(1, *), global))
        }
    }

    @Test(arguments: WindowShapes.cases.indices)
    func paddingUpSamplingPermuteAndConcatenation(_ index: Int) {
        let shape = WindowShapes.cases[index]
        var generator = SeededGenerator(seed: shape.seed + 20)
        let spatial = (0..<shape.rank).map { _ in Int.random(in: 1...6, using: &generator) }
        let channels = Int.random(in: 1...5, using: &generator)
        let inputShape = spatial + [channels]
        let size = inputShape.reduce(1, *)
        let input = Self.random(Self.samples * size, &generator)
        let padding = (0..<shape.rank).map { _ in [Int.random(in: 0...2, using: &generator), Int.random(in: 0...2, using: &generator)] }
        let padded = zip(spatial, padding).map { $0 + $1[0] + $1[1] } + [channels]
        let pad = { (x: [Float]) in SpatialKernels.zeroPadding(rank: shape.rank, padding: padding, input: x, inputShape: inputShape, outputShape: padded) }
        Self.expectSameBits(pad(input), Self.perSample(input, size: size, pad))
        let factors = shape.windowSizes(using: &generator)
        let upSampled = zip(spatial, factors).map { $0 * $1 } + [channels]
        let up = { (x: [Float]) in SpatialKernels.upSampling(rank: shape.rank, size: factors, input: x, inputShape: inputShape, outputShape: upSampled) }
        Self.expectSameBits(up(input), Self.perSample(input, size: size, up))
        let dims = Array(1...inputShape.count).shuffled(using: &generator)
        let permute = { (x: [Float]) in LayerEvaluation.permute(x, shape: inputShape, dims: dims) }
        Self.expectSameBits(permute(input), Self.perSample(input, size: size, permute))
        // Concatenation over the last axis with a second input of other width.
        let otherShape = spatial + [Int.random(in: 1...4, using: &generator)]
        let other = Self.random(Self.samples * otherShape.reduce(1, *), &generator)
        let batch = LayerEvaluation.concatenate([input, other], shapes: [inputShape, otherShape], axis: -1)
        let alone = (0..<Self.samples).flatMap { sample in
            let otherSize = otherShape.reduce(1, *)
            return LayerEvaluation.concatenate([Array(input[sample * size..<(sample + 1) * size]), Array(other[sample * otherSize..<(sample + 1) * otherSize])],
                                               shapes: [inputShape, otherShape], axis: -1)
        }
        Self.expectSameBits(batch, alone)
    }
}
