import FixtureSupport
import ModelIR
import Testing

@testable import Training

/// The spatial backward kernels on a batch against the same kernels on each sample alone: input
/// gradients the same bits, and weight gradients the same bits as summing the samples one after
/// another into one buffer, over random odd shapes, strides and paddings.
@Suite struct BatchedGradientTests {
    static let samples = 5

    static func random(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
    }

    static func slice(_ values: [Float], _ sample: Int, size: Int) -> [Float] { Array(values[sample * size..<(sample + 1) * size]) }

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
        for depthwise in [true, false] {
            let groups = depthwise ? 1 : 2
            let channels = depthwise ? Int.random(in: 1...5, using: &generator) : 2 * Int.random(in: 1...3, using: &generator)
            let filters = depthwise ? Int.random(in: 1...3, using: &generator) : 2 * Int.random(in: 1...6, using: &generator)
            let conv = ConvolutionAttributes(rank: shape.rank, filters: filters, kernelSize: kernelSize, strides: Array(repeating: shape.stride, count: shape.rank),
                                             dilation: Array(repeating: 1, count: shape.rank), padding: shape.padding, useBias: true,
                                             isDepthwise: depthwise, groups: groups)
            let inputShape = spatial + [channels]
            let outputShape = zip(spatial, kernelSize).map { WindowShapes.outputLength($0, kernel: $1, stride: shape.stride, padding: shape.padding) }
                + [depthwise ? channels * filters : filters]
            let kernel = Self.random(kernelSize.reduce(1, *) * (depthwise ? channels : channels / groups) * filters, &generator)
            let (inputSize, outputSize) = (inputShape.reduce(1, *), outputShape.reduce(1, *))
            let input = Self.random(Self.samples * inputSize, &generator)
            let gradient = Self.random(Self.samples * outputSize, &generator)
            var batchKernel = [Float](repeating: 0, count: kernel.count)
            var batchBias = [Float](repeating: 0, count: outputShape.last!)
            let batch = SpatialGradients.convolution(conv, input: input, inputShape: inputShape, outputShape: outputShape, kernel: kernel, gradient: gradient,
                                                     kernelGradient: &batchKernel, biasGradient: &batchBias)
            var aloneKernel = batchKernel.map { _ in Float(0) }
            var aloneBias = batchBias.map { _ in Float(0) }
            let alone = (0..<Self.samples).flatMap { sample in
                SpatialGradients.convolution(conv, input: Self.slice(input, sample, size: inputSize), inputShape: inputShape, outputShape: outputShape,
                                             kernel: kernel, gradient: Self.slice(gradient, sample, size: outputSize),
                                             kernelGradient: &aloneKernel, biasGradient: &aloneBias)
            }
            Self.expectSameBits(batch, alone)
            Self.expectSameBits(batchKernel, aloneKernel)
            Self.expectSameBits(batchBias, aloneBias)
        }
    }

    @Test(arguments: WindowShapes.cases.indices)
    func poolingPaddingAndUpSampling(_ index: Int) {
        let shape = WindowShapes.cases[index]
        var generator = SeededGenerator(seed: shape.seed + 10)
        let spatial = shape.spatialSizes(using: &generator)
        let poolSize = (0..<shape.rank).map { _ in Int.random(in: 2...3, using: &generator) }
        let channels = Int.random(in: 1...7, using: &generator)
        let inputShape = spatial + [channels]
        let inputSize = inputShape.reduce(1, *)
        // Repeated values, so that max pooling's first-largest rule matters.
        let input = Self.random(Self.samples * inputSize, &generator).map { ($0 * 2).rounded() / 2 }
        let pooled = zip(spatial, poolSize).map { WindowShapes.outputLength($0, kernel: $1, stride: shape.stride, padding: shape.padding) } + [channels]
        let pooledGradient = Self.random(Self.samples * pooled.reduce(1, *), &generator)
        for operation in [PoolingOperation.max, .average] {
            let pool = PoolingAttributes(operation: operation, rank: shape.rank, poolSize: poolSize,
                                         strides: Array(repeating: shape.stride, count: shape.rank), padding: shape.padding)
            let batch = SpatialGradients.pooling(pool, input: input, inputShape: inputShape, outputShape: pooled, gradient: pooledGradient)
            let alone = (0..<Self.samples).flatMap { sample in
                SpatialGradients.pooling(pool, input: Self.slice(input, sample, size: inputSize), inputShape: inputShape, outputShape: pooled,
                                         gradient: Self.slice(pooledGradient, sample, size: pooled.reduce(1, *)))
            }
            Self.expectSameBits(batch, alone)
            let globalGradient = Self.random(Self.samples * channels, &generator)
            let global = SpatialGradients.globalPooling(operation, input: input, positions: spatial.reduce(1, *), channels: channels, gradient: globalGradient)
            let globalAlone = (0..<Self.samples).flatMap { sample in
                SpatialGradients.globalPooling(operation, input: Self.slice(input, sample, size: inputSize), positions: spatial.reduce(1, *),
                                               channels: channels, gradient: Self.slice(globalGradient, sample, size: channels))
            }
            Self.expectSameBits(global, globalAlone)
        }
        let padding = (0..<shape.rank).map { _ in [Int.random(in: 0...2, using: &generator), Int.random(in: 0...2, using: &generator)] }
        let padded = zip(spatial, padding).map { $0 + $1[0] + $1[1] } + [channels]
        let paddedGradient = Self.random(Self.samples * padded.reduce(1, *), &generator)
        Self.expectSameBits(
            SpatialGradients.zeroPadding(rank: shape.rank, padding: padding, inputShape: inputShape, outputShape: padded, gradient: paddedGradient),
            (0..<Self.samples).flatMap { sample in
                SpatialGradients.zeroPadding(rank: shape.rank, padding: padding, inputShape: inputShape, outputShape: padded,
                                             gradient: Self.slice(paddedGradient, sample, size: padded.reduce(1, *)))
            })
        let factors = shape.windowSizes(using: &generator)
        let upSampled = zip(spatial, factors).map { $0 * $1 } + [channels]
        let upGradient = Self.random(Self.samples * upSampled.reduce(1, *), &generator)
        Self.expectSameBits(
            SpatialGradients.upSampling(rank: shape.rank, size: factors, inputShape: inputShape, outputShape: upSampled, gradient: upGradient),
            (0..<Self.samples).flatMap { sample in
                SpatialGradients.upSampling(rank: shape.rank, size: factors, inputShape: inputShape, outputShape: upSampled,
                                            gradient: Self.slice(upGradient, sample, size: upSampled.reduce(1, *)))
            })
    }
}
