import FixtureSupport
import ModelIR
import Testing
@testable import Training

/// Backpropagated gradients of convolution-family, ReLU-family and merge layers against central
/// finite differences of the loss.
struct SpatialGradientTests {
    static func weights(_ shape: [Int], _ random: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -0.6...0.6, using: &random) })
    }

    static func checkAll(_ graph: Graph, inputs: Int, labels: [Float], loss: Loss = .categoricalCrossentropy) throws {
        var random = SeededGenerator(seed: 21)
        let x = (0..<inputs).map { _ in Float.random(in: -1...1, using: &random) }
        let analytic = try Backpropagation(graph: graph).gradients(inputs: x, labels: labels, loss: loss).gradients
        for layer in graph.layers {
            for weight in layer.weights {
                let values = weight.tensor.values
                let ours = try #require(analytic[layer.name]?[weight.name], "\(layer.name)/\(weight.name) has no gradient")
                for index in values.indices {
                    func lossAt(_ delta: Float) throws -> Double {
                        var moved = graph
                        var changed = values
                        changed[index] += delta
                        try moved.setValues(changed, ofWeight: weight.name, inLayer: layer.name)
                        return try Backpropagation(graph: moved).gradients(inputs: x, labels: labels, loss: loss).loss
                    }
                    let numeric = (try lossAt(3e-3) - lossAt(-3e-3)) / 6e-3
                    #expect(abs(numeric - Double(ours[index])) <= 3e-3 + 3e-2 * abs(numeric),
                            "\(layer.name)/\(weight.name)[\(index)]: \(ours[index]) vs finite difference \(numeric)")
                }
            }
        }
    }

    /// Zero padding, a valid convolution, a depthwise convolution and max pooling, each left out once.
    @Test(arguments: ["pad", "depthwise", "max", "none"])
    func paddingDepthwiseAndMaxPooling(leavingOut skip: String) throws {
        var random = SeededGenerator(seed: 4)
        func conv(_ name: String, _ input: String, filters: Int, kernel: [Int], strides: [Int] = [1, 1], padding: Padding, depthwise: Bool = false, channels: Int, activation: Activation?) -> Layer {
            let attributes = ConvolutionAttributes(rank: 2, filters: filters, kernelSize: kernel, strides: strides, dilation: [1, 1], padding: padding, useBias: true, isDepthwise: depthwise)
            let outputs = depthwise ? channels * filters : filters
            return Layer(name: name, className: "Conv2D", kind: .convolution(attributes), inputs: [input], activation: activation,
                         weights: [Weight(name: depthwise ? "depthwise_kernel" : "kernel", tensor: Self.weights(kernel + [channels, filters], &random)), Weight(name: "bias", tensor: Self.weights([outputs], &random))])
        }
        var layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [6, 6, 2]), inputs: [])]
        var last = "in"
        if skip != "pad" { layers.append(Layer(name: "pad", className: "ZeroPadding2D", kind: .zeroPadding(rank: 2, padding: [[1, 0], [0, 1]]), inputs: ["in"])); last = "pad" }
        layers.append(conv("conv", last, filters: 3, kernel: [3, 3], padding: .valid, channels: 2, activation: .tanh)); last = "conv"
        var channels = 3
        if skip != "depthwise" { layers.append(conv("depthwise", last, filters: 2, kernel: [2, 2], padding: .same, depthwise: true, channels: 3, activation: nil)); last = "depthwise"; channels = 6 }
        if skip != "max" { layers.append(Layer(name: "max", className: "MaxPooling2D", kind: .pooling(.init(operation: .max, rank: 2, poolSize: [2, 2], strides: [1, 1], padding: .valid)), inputs: [last])); last = "max" }
        layers.append(Layer(name: "gap", className: "GlobalAveragePooling2D", kind: .globalPooling(operation: .average, rank: 2, keepDimensions: false), inputs: [last]))
        layers.append(Layer(name: "out", className: "Dense", kind: .dense(.init(units: 3, useBias: true)), inputs: ["gap"], activation: .softmax,
                            weights: [Weight(name: "kernel", tensor: Self.weights([channels, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))]))
        let graph = try Graph(name: "cnn", layers: layers, inputs: ["in"], outputs: ["out"])
        try Self.checkAll(graph, inputs: 2 * 72, labels: [0, 1, 0, 0, 0, 1])
    }

    /// A same-padded convolution, a ReLU with max value and slope, same-padded average pooling,
    /// up-sampling and a strided convolution, each left out once.
    @Test(arguments: ["relu", "avg", "up", "strided", "none"])
    func reluPoolingUpSamplingAndStrides(leavingOut skip: String) throws {
        var random = SeededGenerator(seed: 4)
        func conv(_ name: String, _ input: String, filters: Int, strides: [Int] = [1, 1], channels: Int) -> Layer {
            let attributes = ConvolutionAttributes(rank: 2, filters: filters, kernelSize: [3, 3], strides: strides, dilation: [1, 1], padding: .same, useBias: true)
            return Layer(name: name, className: "Conv2D", kind: .convolution(attributes), inputs: [input], activation: .tanh,
                         weights: [Weight(name: "kernel", tensor: Self.weights([3, 3, channels, filters], &random)), Weight(name: "bias", tensor: Self.weights([filters], &random))])
        }
        var layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [6, 6, 2]), inputs: []), conv("conv", "in", filters: 3, channels: 2)]
        var last = "conv"
        if skip != "relu" { layers.append(Layer(name: "relu", className: "ReLU", kind: .relu(.init(maxValue: 6, negativeSlope: 0.1, threshold: 0)), inputs: [last])); last = "relu" }
        if skip != "avg" {
            layers.append(Layer(name: "avg", className: "AveragePooling2D", kind: .pooling(.init(operation: .average, rank: 2, poolSize: [2, 2], strides: [2, 2], padding: .same)), inputs: [last]))
            last = "avg"
        }
        if skip != "up" { layers.append(Layer(name: "up", className: "UpSampling2D", kind: .upSampling(rank: 2, size: [2, 2]), inputs: [last])); last = "up" }
        if skip != "strided" { layers.append(conv("strided", last, filters: 4, strides: [2, 2], channels: 3)); last = "strided" }
        layers.append(Layer(name: "gap", className: "GlobalAveragePooling2D", kind: .globalPooling(operation: .average, rank: 2, keepDimensions: false), inputs: [last]))
        layers.append(Layer(name: "out", className: "Dense", kind: .dense(.init(units: 3, useBias: true)), inputs: ["gap"], activation: .softmax,
                            weights: [Weight(name: "kernel", tensor: Self.weights([skip == "strided" ? 3 : 4, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))]))
        try Self.checkAll(try Graph(name: "cnn", layers: layers, inputs: ["in"], outputs: ["out"]), inputs: 2 * 72, labels: [0, 1, 0, 0, 0, 1])
    }

    @Test func dilatedCausalConvolutionAndGlobalMax() throws {
        var random = SeededGenerator(seed: 9)
        let conv = ConvolutionAttributes(rank: 1, filters: 3, kernelSize: [3], strides: [1], dilation: [2], padding: .causal, useBias: true)
        let layers = [
            Layer(name: "in", className: "InputLayer", kind: .input(shape: [8, 2]), inputs: []),
            Layer(name: "conv", className: "Conv1D", kind: .convolution(conv), inputs: ["in"], activation: .swish,
                  weights: [Weight(name: "kernel", tensor: Self.weights([3, 2, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))]),
            Layer(name: "gmp", className: "GlobalMaxPooling1D", kind: .globalPooling(operation: .max, rank: 1, keepDimensions: false), inputs: ["conv"]),
            Layer(name: "out", className: "Dense", kind: .dense(.init(units: 1, useBias: true)), inputs: ["gmp"], activation: .sigmoid,
                  weights: [Weight(name: "kernel", tensor: Self.weights([3, 1], &random)), Weight(name: "bias", tensor: Self.weights([1], &random))]),
        ]
        let graph = try Graph(name: "c1", layers: layers, inputs: ["in"], outputs: ["out"])
        try Self.checkAll(graph, inputs: 3 * 16, labels: [1, 0, 1], loss: .binaryCrossentropy)
    }

    @Test func mergesAndConcatenation() throws {
        var random = SeededGenerator(seed: 12)
        func dense(_ name: String, _ input: String, _ units: Int, _ from: Int, _ activation: Activation?) -> Layer {
            Layer(name: name, className: "Dense", kind: .dense(.init(units: units, useBias: true)), inputs: [input], activation: activation,
                  weights: [Weight(name: "kernel", tensor: Self.weights([from, units], &random)), Weight(name: "bias", tensor: Self.weights([units], &random))])
        }
        var layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [4]), inputs: []), dense("a", "in", 5, 4, .tanh), dense("b", "in", 5, 4, .sigmoid)]
        for (name, operation) in [("add", MergeOperation.add), ("sub", .subtract), ("mul", .multiply), ("avg", .average), ("max", .maximum), ("min", .minimum)] {
            layers.append(Layer(name: name, className: name, kind: .merge(operation), inputs: ["a", "b"]))
        }
        layers.append(Layer(name: "cat", className: "Concatenate", kind: .concatenate(axis: -1), inputs: ["add", "sub", "mul", "avg", "max", "min"]))
        layers.append(Layer(name: "leaky", className: "LeakyReLU", kind: .leakyReLU(alpha: 0.2), inputs: ["cat"]))
        layers.append(dense("out", "leaky", 3, 30, nil))
        layers.append(Layer(name: "softmax", className: "Softmax", kind: .softmax(axis: -1), inputs: ["out"]))
        let graph = try Graph(name: "merges", layers: layers, inputs: ["in"], outputs: ["softmax"])
        try Self.checkAll(graph, inputs: 3 * 4, labels: [1, 0, 0, 0, 0, 1, 0, 1, 0])
    }


    /// A PReLU with its slopes shared over the spatial axes (its α gradients checked too) and a
    /// Permute that swaps the spatial axes before a Dense layer on the flattened values, each left out once.
    @Test(arguments: ["prelu", "permute", "none"])
    func preluAndPermute(leavingOut skip: String) throws {
        var random = SeededGenerator(seed: 9)
        let convolution = ConvolutionAttributes(rank: 2, filters: 3, kernelSize: [2, 2], strides: [1, 1], dilation: [1, 1], padding: .valid, useBias: true)
        var layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [4, 3, 2]), inputs: []),
                      Layer(name: "conv", className: "Conv2D", kind: .convolution(convolution), inputs: ["in"],
                            weights: [Weight(name: "kernel", tensor: Self.weights([2, 2, 2, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))])]
        var last = "conv"
        if skip != "prelu" {
            layers.append(Layer(name: "prelu", className: "PReLU", kind: .prelu(sharedAxes: [1, 2]), inputs: [last],
                                weights: [Weight(name: "alpha", tensor: Self.weights([1, 1, 3], &random))]))
            last = "prelu"
        }
        if skip != "permute" { layers.append(Layer(name: "permute", className: "Permute", kind: .permute(dims: [2, 1, 3]), inputs: [last])); last = "permute" }
        layers.append(Layer(name: "flat", className: "Flatten", kind: .flatten, inputs: [last]))
        layers.append(Layer(name: "out", className: "Dense", kind: .dense(.init(units: 3, useBias: true)), inputs: ["flat"], activation: .softmax,
                            weights: [Weight(name: "kernel", tensor: Self.weights([18, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))]))
        let graph = try Graph(name: "prelu_permute", layers: layers, inputs: ["in"], outputs: ["out"])
        try Self.checkAll(graph, inputs: 3 * 24, labels: [0, 1, 0, 0, 0, 1, 1, 0, 0])
    }

    /// Convolutions wide enough for the eight-lane paths (9 and 8 filters over 10 and 9 channels:
    /// full chunks and remainders, kernel and input gradients), and a depthwise one with multiplier 2.
    @Test func wideConvolutionsUseTheVectorPaths() throws {
        var random = SeededGenerator(seed: 13)
        func conv(_ name: String, _ input: String, filters: Int, kernel: [Int], padding: Padding, channels: Int, depthwise: Bool = false) -> Layer {
            let attributes = ConvolutionAttributes(rank: 2, filters: filters, kernelSize: kernel, strides: [1, 1], dilation: [1, 1], padding: padding,
                                                   useBias: true, isDepthwise: depthwise)
            return Layer(name: name, className: "Conv2D", kind: .convolution(attributes), inputs: [input], activation: .tanh,
                         weights: [Weight(name: depthwise ? "depthwise_kernel" : "kernel", tensor: Self.weights(kernel + [channels, filters], &random)),
                                   Weight(name: "bias", tensor: Self.weights([depthwise ? channels * filters : filters], &random))])
        }
        let layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [4, 4, 10]), inputs: []),
                      conv("wide", "in", filters: 9, kernel: [3, 3], padding: .same, channels: 10),
                      conv("depthwise", "wide", filters: 2, kernel: [2, 2], padding: .same, channels: 9, depthwise: true),
                      conv("narrow", "depthwise", filters: 8, kernel: [2, 2], padding: .valid, channels: 18),
                      Layer(name: "gap", className: "GlobalAveragePooling2D", kind: .globalPooling(operation: .average, rank: 2, keepDimensions: false), inputs: ["narrow"]),
                      Layer(name: "out", className: "Dense", kind: .dense(.init(units: 3, useBias: true)), inputs: ["gap"], activation: .softmax,
                            weights: [Weight(name: "kernel", tensor: Self.weights([8, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))])]
        let graph = try Graph(name: "wide", layers: layers, inputs: ["in"], outputs: ["out"])
        try Self.checkAll(graph, inputs: 2 * 160, labels: [0, 0, 1, 1, 0, 0])
    }

    /// Grouped convolutions: 2 groups of 8 channels and 9 filters (eight-lane paths and remainders),
    /// then 3 groups of 6 channels and 2 filters.
    @Test func groupedConvolutions() throws {
        var random = SeededGenerator(seed: 17)
        func conv(_ name: String, _ input: String, filters: Int, groups: Int, channels: Int, padding: Padding) -> Layer {
            let attributes = ConvolutionAttributes(rank: 2, filters: filters, kernelSize: [2, 2], strides: [1, 1], dilation: [1, 1], padding: padding,
                                                   useBias: true, groups: groups)
            return Layer(name: name, className: "Conv2D", kind: .convolution(attributes), inputs: [input], activation: .tanh,
                         weights: [Weight(name: "kernel", tensor: Self.weights([2, 2, channels / groups, filters], &random)),
                                   Weight(name: "bias", tensor: Self.weights([filters], &random))])
        }
        let layers = [Layer(name: "in", className: "InputLayer", kind: .input(shape: [3, 3, 16]), inputs: []),
                      Layer(name: "first", className: "Conv2D", kind: .convolution(.init(rank: 2, filters: 16, kernelSize: [1, 1], strides: [1, 1], dilation: [1, 1],
                                                                                          padding: .valid, useBias: false)), inputs: ["in"],
                            weights: [Weight(name: "kernel", tensor: Self.weights([1, 1, 16, 16], &random))]),
                      conv("halves", "first", filters: 18, groups: 2, channels: 16, padding: .same),
                      conv("thirds", "halves", filters: 6, groups: 3, channels: 18, padding: .valid),
                      Layer(name: "gap", className: "GlobalAveragePooling2D", kind: .globalPooling(operation: .average, rank: 2, keepDimensions: false), inputs: ["thirds"]),
                      Layer(name: "out", className: "Dense", kind: .dense(.init(units: 3, useBias: true)), inputs: ["gap"], activation: .softmax,
                            weights: [Weight(name: "kernel", tensor: Self.weights([6, 3], &random)), Weight(name: "bias", tensor: Self.weights([3], &random))])]
        let graph = try Graph(name: "grouped", layers: layers, inputs: ["in"], outputs: ["out"])
        try Self.checkAll(graph, inputs: 2 * 144, labels: [0, 1, 0, 1, 0, 0])
    }
}
