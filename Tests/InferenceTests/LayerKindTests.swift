import ModelIR
import Testing
@testable import Inference

/// One small case per layer kind, with outputs worked out by hand (TensorFlow's padding rules:
/// `same` puts the smaller half of the padding before, `causal` all of it before).
private func run(_ kind: LayerKind, input shape: [Int], _ values: [Float], weights: [Weight] = [], activation: Activation? = nil,
                 extraInputs: [(shape: [Int], values: [Float])] = []) throws -> (shape: [Int], values: [Float]) {
    var layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: shape), inputs: [])]
    for (index, extra) in extraInputs.enumerated() {
        layers.append(Layer(name: "in\(index + 1)", className: "InputLayer", kind: .input(shape: extra.shape), inputs: []))
    }
    layers.append(Layer(name: "l", className: "Test", kind: kind, inputs: layers.map(\.name), activation: activation, weights: weights))
    let graph = try Graph(name: "g", layers: layers, inputs: layers.dropLast().map(\.name), outputs: ["l"])
    let output = ForwardPass(graph: graph).run(inputs: [values] + extraInputs.map(\.values), count: 1)[0]
    return (graph.layers.last!.outputShape, output)
}

private func tensor(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(shape: shape, values: values) }

@Suite struct LayerKindTests {
    @Test func denseOnARank2InputWithActivation() throws {
        // rows [1, 2] and [-3, 1] times [[1, -1], [2, 0]] plus [0.5, 0.5], then relu.
        let result = try run(.dense(DenseAttributes(units: 2, useBias: true)), input: [2, 2], [1, 2, -3, 1],
                             weights: [Weight(name: "kernel", tensor: tensor([2, 2], [1, -1, 2, 0])), Weight(name: "bias", tensor: tensor([2], [0.5, 0.5]))],
                             activation: .relu)
        #expect(result.shape == [2, 2])
        #expect(result.values == [5.5, 0, 0, 3.5])
    }

    @Test func conv1DCausalWithDilation() throws {
        // y[t] = x[t] + 10·x[t−2] (kernel [10, 1] at dilation 2, zeros before the start).
        let conv = ConvolutionAttributes(rank: 1, filters: 1, kernelSize: [2], strides: [1], dilation: [2], padding: .causal, useBias: false)
        let result = try run(.convolution(conv), input: [5, 1], [1, 2, 3, 4, 5], weights: [Weight(name: "kernel", tensor: tensor([2, 1, 1], [10, 1]))])
        #expect(result.values == [1, 2, 13, 24, 35])
    }

    @Test func conv2DSameWithStrideTwo() throws {
        // 4×4 input 1…16, 3×3 kernel of ones, stride 2: output 2×2, padding total 1 → 0 before, 1 after.
        let conv = ConvolutionAttributes(rank: 2, filters: 1, kernelSize: [3, 3], strides: [2, 2], dilation: [1, 1], padding: .same, useBias: false)
        let result = try run(.convolution(conv), input: [4, 4, 1], (1...16).map(Float.init),
                             weights: [Weight(name: "kernel", tensor: tensor([3, 3, 1, 1], Array(repeating: 1, count: 9)))])
        #expect(result.shape == [2, 2, 1])
        // window rows 0–2 × cols 0–2: 1+2+3+5+6+7+9+10+11 = 54; cols 2–3: 3+4+7+8+11+12 = 45;
        // rows 2–3 × cols 0–2: 9+10+11+13+14+15 = 72; rows 2–3 × cols 2–3: 11+12+15+16 = 54.
        #expect(result.values == [54, 45, 72, 54])
    }

    @Test func depthwiseKeepsChannelsApart() throws {
        // 1×1 kernel, 2 channels, multiplier 2: channel c gives outputs 2c, 2c+1.
        let conv = ConvolutionAttributes(rank: 2, filters: 2, kernelSize: [1, 1], strides: [1, 1], dilation: [1, 1], padding: .valid, useBias: true, isDepthwise: true)
        let result = try run(.convolution(conv), input: [1, 1, 2], [3, 5],
                             weights: [Weight(name: "depthwise_kernel", tensor: tensor([1, 1, 2, 2], [1, 2, 10, 20])), Weight(name: "bias", tensor: tensor([4], [0, 0, 0, 1]))])
        #expect(result.values == [3, 6, 50, 101])
    }

    @Test func averagePoolingSameExcludesPadding() throws {
        // 3 values, pool 2, stride 2, same: windows [1, 2] and [3] → 1.5 and 3.
        let pool = PoolingAttributes(operation: .average, rank: 1, poolSize: [2], strides: [2], padding: .same)
        #expect(try run(.pooling(pool), input: [3, 1], [1, 2, 3]).values == [1.5, 3])
        let maxPool = PoolingAttributes(operation: .max, rank: 2, poolSize: [2, 2], strides: [2, 2], padding: .valid)
        #expect(try run(.pooling(maxPool), input: [2, 2, 1], [1, 4, -2, 3]).values == [4])
    }

    @Test func globalPooling() throws {
        #expect(try run(.globalPooling(operation: .average, rank: 1, keepDimensions: false), input: [2, 2], [1, 10, 3, 20]).values == [2, 15])
        #expect(try run(.globalPooling(operation: .max, rank: 2, keepDimensions: false), input: [1, 2, 2], [1, 10, 3, -20]).values == [3, 10])
    }

    @Test func batchNormalizationUsesMovingStatistics() throws {
        // (x − mean) / sqrt(var + ε) · γ + β with var + ε = 4.
        let norm = BatchNormalizationAttributes(axis: -1, epsilon: 0, center: true, scale: true)
        let weights = [Weight(name: "gamma", tensor: tensor([2], [2, 1])), Weight(name: "beta", tensor: tensor([2], [1, 0])),
                       Weight(name: "moving_mean", tensor: tensor([2], [1, -1])), Weight(name: "moving_variance", tensor: tensor([2], [4, 4]))]
        #expect(try run(.batchNormalization(norm), input: [2], [3, 1], weights: weights).values == [3, 1])
    }

    @Test func rectifiers() throws {
        let relu = ReLUAttributes(maxValue: 6, negativeSlope: 0.5, threshold: 1)
        #expect(try run(.relu(relu), input: [4], [-1, 0.5, 3, 9]).values == [-1, -0.25, 3, 6])
        #expect(try run(.leakyReLU(alpha: 0.1), input: [2], [-10, 4]).values == [-1, 4])
        // PReLU with shared axis 1: one slope per channel.
        let prelu = try run(.prelu(sharedAxes: [1]), input: [2, 2], [-1, -1, 2, -4], weights: [Weight(name: "alpha", tensor: tensor([1, 2], [0.5, 0.25]))])
        #expect(prelu.values == [-0.5, -0.25, 2, -1])
    }

    @Test func softmaxAlongAnAxis() throws {
        let result = try run(.softmax(axis: 1), input: [2, 2], [0, 0, 1, 1])
        #expect(result.values.map { ($0 * 1e6).rounded() / 1e6 } == [0.268941, 0.268941, 0.731059, 0.731059])
    }

    @Test func mergesAndConcatenation() throws {
        let other = [(shape: [2], values: [Float](arrayLiteral: 4, -1))]
        #expect(try run(.merge(.subtract), input: [2], [1, 2], extraInputs: other).values == [-3, 3])
        #expect(try run(.merge(.average), input: [2], [1, 2], extraInputs: other).values == [2.5, 0.5])
        #expect(try run(.merge(.minimum), input: [2], [1, 2], extraInputs: other).values == [1, -1])
        let tall = [(shape: [2, 1], values: [Float](arrayLiteral: 9, 8))]
        #expect(try run(.concatenate(axis: -1), input: [2, 2], [1, 2, 3, 4], extraInputs: tall).values == [1, 2, 9, 3, 4, 8])
    }

    @Test func paddingAndUpSampling() throws {
        #expect(try run(.zeroPadding(rank: 1, padding: [[1, 2]]), input: [2, 1], [5, 6]).values == [0, 5, 6, 0, 0])
        let padded = try run(.zeroPadding(rank: 2, padding: [[1, 0], [0, 1]]), input: [1, 1, 1], [7])
        #expect(padded.shape == [2, 2, 1])
        #expect(padded.values == [0, 0, 7, 0])
        #expect(try run(.upSampling(rank: 2, size: [1, 2]), input: [1, 2, 1], [1, 2]).values == [1, 1, 2, 2])
    }

    @Test func activationFunctions() throws {
        func apply(_ activation: Activation, _ x: Float) -> Float {
            var values = [x]
            ActivationFunctions.apply(activation, to: &values, lastAxis: 1)
            return values[0]
        }
        #expect(apply(.hardSigmoid(slope: 0.2), 1) == 0.7)
        #expect(abs(apply(.hardSigmoid(slope: 1.0 / 6.0), 1) - 0.6666667) < 1e-6)
        #expect(apply(.relu6, 7) == 6)
        #expect(apply(.leakyReLU(negativeSlope: 0.2), -2) == -0.4)
        #expect(apply(.leakyReLU(negativeSlope: 0.2), 3) == 3)
        #expect(abs(apply(.selu, -1) - (-1.1113307)) < 1e-6)
        #expect(abs(apply(.gelu, 1) - 0.8413447) < 1e-6)
        #expect(abs(apply(.softplus, 100) - 100) < 1e-5)
        #expect(apply(.softsign, 3) == 0.75)
        #expect(abs(apply(.swish, 1) - 0.7310586) < 1e-6)
    }
}
