import ModelIR
import Testing

/// Shapes below are worked out by hand from Keras's rules (batch dimension left out).
private func input(_ shape: [Int]) -> Layer {
    Layer(name: "in", className: "InputLayer", kind: .input(shape: shape), inputs: [])
}

private func zeros(_ shape: [Int]) -> Tensor {
    Tensor(shape: shape, values: Array(repeating: 0, count: shape.reduce(1, *)))
}

private func outputShape(_ kind: LayerKind, input shape: [Int], weights: [Weight] = []) throws -> [Int] {
    let layer = Layer(name: "l", className: "Test", kind: kind, inputs: ["in"], weights: weights)
    return try Graph(name: "g", layers: [input(shape), layer], inputs: ["in"], outputs: ["l"]).layers[1].outputShape
}

private func conv(rank: Int, filters: Int, kernel: [Int], strides: [Int], dilation: [Int], padding: Padding, depthwise: Bool = false) -> ConvolutionAttributes {
    ConvolutionAttributes(rank: rank, filters: filters, kernelSize: kernel, strides: strides, dilation: dilation, padding: padding, useBias: false, isDepthwise: depthwise)
}

@Suite struct ShapeInferenceTests {
    @Test func denseActsOnTheLastAxis() throws {
        let dense = LayerKind.dense(DenseAttributes(units: 5, useBias: true))
        #expect(try outputShape(dense, input: [16], weights: [Weight(name: "kernel", tensor: zeros([16, 5])), Weight(name: "bias", tensor: zeros([5]))]) == [5])
        #expect(try outputShape(dense, input: [3, 16], weights: [Weight(name: "kernel", tensor: zeros([16, 5])), Weight(name: "bias", tensor: zeros([5]))]) == [3, 5])
    }

    @Test func convolutionWindows() throws {
        // valid: floor((12 - 3) / 1) + 1 = 10
        #expect(try outputShape(.convolution(conv(rank: 2, filters: 8, kernel: [3, 3], strides: [1, 1], dilation: [1, 1], padding: .valid)),
                                input: [12, 12, 3], weights: [Weight(name: "kernel", tensor: zeros([3, 3, 3, 8]))]) == [10, 10, 8])
        // same with stride 2: ceil(7 / 2) = 4
        #expect(try outputShape(.convolution(conv(rank: 2, filters: 8, kernel: [3, 3], strides: [2, 2], dilation: [1, 1], padding: .same)),
                                input: [7, 7, 16], weights: [Weight(name: "kernel", tensor: zeros([3, 3, 16, 8]))]) == [4, 4, 8])
        // dilation 2 widens a 3-tap kernel to 5: 15 - 5 + 1 = 11
        #expect(try outputShape(.convolution(conv(rank: 1, filters: 4, kernel: [3], strides: [1], dilation: [2], padding: .valid)),
                                input: [15, 2], weights: [Weight(name: "kernel", tensor: zeros([3, 2, 4]))]) == [11, 4])
        // depthwise with multiplier 2 doubles the channels
        #expect(try outputShape(.convolution(conv(rank: 2, filters: 2, kernel: [3, 3], strides: [1, 1], dilation: [1, 1], padding: .same, depthwise: true)),
                                input: [7, 7, 8], weights: [Weight(name: "depthwise_kernel", tensor: zeros([3, 3, 8, 2]))]) == [7, 7, 16])
    }

    @Test func poolingPaddingAndUpSampling() throws {
        #expect(try outputShape(.pooling(PoolingAttributes(operation: .max, rank: 2, poolSize: [2, 2], strides: [2, 2], padding: .valid)), input: [11, 10, 3]) == [5, 5, 3])
        #expect(try outputShape(.pooling(PoolingAttributes(operation: .average, rank: 1, poolSize: [3], strides: [2], padding: .same)), input: [11, 3]) == [6, 3])
        #expect(try outputShape(.globalPooling(operation: .average, rank: 2, keepDimensions: false), input: [4, 4, 6]) == [6])
        #expect(try outputShape(.globalPooling(operation: .max, rank: 2, keepDimensions: true), input: [4, 4, 6]) == [1, 1, 6])
        #expect(try outputShape(.zeroPadding(rank: 2, padding: [[1, 2], [0, 3]]), input: [5, 5, 8]) == [8, 8, 8])
        #expect(try outputShape(.upSampling(rank: 1, size: [3]), input: [5, 2]) == [15, 2])
    }

    @Test func reshapeAndFlatten() throws {
        #expect(try outputShape(.flatten, input: [4, 4, 8]) == [128])
        #expect(try outputShape(.reshape(targetShape: [12, -1]), input: [48]) == [12, 4])
        #expect(throws: GraphError.self) { try outputShape(.reshape(targetShape: [5, -1]), input: [48]) }
    }

    @Test func mergesAndConcatenation() throws {
        let a = Layer(name: "a", className: "Test", kind: .dropout(rate: 0), inputs: ["in"])
        let b = Layer(name: "b", className: "Test", kind: .flatten, inputs: ["in"])
        let concat = Layer(name: "c", className: "Concatenate", kind: .concatenate(axis: -1), inputs: ["a", "b", "a"])
        let graph = try Graph(name: "g", layers: [input([6]), a, b, concat], inputs: ["in"], outputs: ["c"])
        #expect(graph.layer(named: "c")?.outputShape == [18])
        let add = Layer(name: "add", className: "Add", kind: .merge(.add), inputs: ["in", "r"])
        let reshape = Layer(name: "r", className: "Reshape", kind: .reshape(targetShape: [2, 3]), inputs: ["in"])
        let error = #expect(throws: GraphError.self) {
            try Graph(name: "g", layers: [input([6]), reshape, add], inputs: ["in"], outputs: ["add"])
        }
        #expect(error?.layer == "add")
    }
}

@Suite struct GraphCheckTests {
    @Test func weightShapesMustMatchTheConfiguration() throws {
        let dense = Layer(name: "fc1", className: "Dense", kind: .dense(DenseAttributes(units: 4, useBias: true)), inputs: ["in"],
                          weights: [Weight(name: "kernel", tensor: zeros([16, 5])), Weight(name: "bias", tensor: zeros([4]))])
        let error = #expect(throws: GraphError.self) { try Graph(name: "g", layers: [input([16]), dense], inputs: ["in"], outputs: ["fc1"]) }
        #expect(error?.description == "layer 'fc1': weight 'kernel' has shape [16, 5], expected [16, 4] from the layer's configuration")
    }

    @Test func missingWeightsAreReported() throws {
        let norm = Layer(name: "bn", className: "BatchNormalization",
                         kind: .batchNormalization(BatchNormalizationAttributes(axis: -1, epsilon: 1e-3, center: true, scale: false)), inputs: ["in"],
                         weights: [Weight(name: "beta", tensor: zeros([3]))])
        let error = #expect(throws: GraphError.self) { try Graph(name: "g", layers: [input([3]), norm], inputs: ["in"], outputs: ["bn"]) }
        #expect(error?.message == "has weights [beta], expected [beta, moving_mean, moving_variance]")
    }

    @Test func namesAndEdgesAreChecked() throws {
        let late = Layer(name: "x", className: "Flatten", kind: .flatten, inputs: ["y"])
        let dangling = #expect(throws: GraphError.self) { try Graph(name: "g", layers: [input([3]), late], inputs: ["in"], outputs: ["x"]) }
        #expect(dangling?.message == "its input 'y' is not an earlier layer of the model")
        let duplicate = #expect(throws: GraphError.self) { try Graph(name: "g", layers: [input([3]), input([3])], inputs: ["in"], outputs: ["in"]) }
        #expect(duplicate?.layer == "in")
        #expect(throws: GraphError.self) { try Graph(name: "g", layers: [input([3])], inputs: ["in"], outputs: ["missing"]) }
    }

    @Test func parameterAndZeroCounts() throws {
        let kernel = Tensor(shape: [2, 2], values: [0, 1, -0, 2])
        let dense = Layer(name: "fc", className: "Dense", kind: .dense(DenseAttributes(units: 2, useBias: false)), inputs: ["in"],
                          weights: [Weight(name: "kernel", tensor: kernel)])
        let graph = try Graph(name: "g", layers: [input([2]), dense], inputs: ["in"], outputs: ["fc"])
        #expect(graph.parameterCount == 4)
        #expect(kernel.zeroCount == 2)
    }
}
