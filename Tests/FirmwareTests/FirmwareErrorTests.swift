import FixtureSupport
import HLSConfig
import KerasIO
import ModelIR
import Testing

@testable import Firmware

/// What the emulation refuses, and that the error names the layer and what was expected.
@Suite struct FirmwareErrorTests {
    static func graph(_ name: String) throws -> Graph { try KerasModelReader.read(path: Fixtures.path(name)).graph }

    @Test func aReuseFactorHLS4MLWouldReplaceIsRefused() throws {
        let configuration = try HLSConfiguration(yaml: "Model: {Precision: 'fixed<16,6>', Strategy: Resource}\nLayerName: {fc1: {ReuseFactor: 3}}")
        #expect(throws: FirmwareError(layer: "fc1", "reuse factor 3 is not one hls4ml accepts for 16 inputs and 64 outputs (it would use another)")) {
            try FirmwareModel(graph: Self.graph("jet_mlp.k2.h5"), configuration: configuration)
        }
    }

    @Test func floatingPointTypesAreRefused() throws {
        let configuration = try HLSConfiguration(yaml: "LayerName: {fc2: {Precision: {result: float}}}")
        #expect(throws: FirmwareError(layer: "fc2", "the result type float is not emulated (only fixed-point and integer types are)")) {
            try FirmwareModel(graph: Self.graph("jet_mlp.k2.h5"), configuration: configuration)
        }
    }

    @Test func ioStreamIsRefused() throws {
        #expect(throws: FirmwareError("io_stream is not emulated yet; use IOType io_parallel")) {
            try FirmwareModel(graph: Self.graph("jet_mlp.k2.h5"), configuration: HLSConfiguration(yaml: "IOType: io_stream"))
        }
    }

    @Test func anActivationThatIsNotEmulatedIsNamed() throws {
        let error = #expect(throws: FirmwareError.self) {
            try FirmwareModel(graph: Self.graph("activations.k2.h5"), configuration: HLSConfiguration())
        }
        #expect(error?.layer == "act_swish")
        #expect(error?.message.hasPrefix("the activation swish is not emulated yet") ?? false)
    }

    @Test func aMergeOfThreeInputsIsRefused() throws {
        #expect(throws: FirmwareError(layer: "concat", "hls4ml merges exactly two inputs; this Concatenate has 3")) {
            try FirmwareModel(graph: Self.graph("branches.k3.h5"), configuration: HLSConfiguration())
        }
    }

    /// `x → Dense(4) → <layer>`, the layer built by `make` from the Dense's name.
    static func denseThen(_ make: (String) -> Layer) throws -> Graph {
        let input = Layer(name: "x", className: "InputLayer", kind: .input(shape: [3]), inputs: [])
        let kernel = Weight(name: "kernel", tensor: Tensor(shape: [3, 4], values: (0..<12).map { Float($0) / 8 }))
        let bias = Weight(name: "bias", tensor: Tensor(shape: [4], values: [0, 0.5, -0.5, 1]))
        let dense = Layer(name: "fc", className: "Dense", kind: .dense(.init(units: 4, useBias: true)), inputs: ["x"], weights: [kernel, bias])
        let last = make("fc")
        return try Graph(name: "g", layers: [input, dense, last], inputs: ["x"], outputs: [last.name])
    }

    @Test func aPowerOfTwoActivationQuantizerIsRefused() throws {
        let quantizer = Quantizer.powerOfTwo(.init(bits: 4, isReLU: true))
        let graph = try Self.denseThen { Layer(name: "po2", className: "QActivation", kind: .activation(.quantized(quantizer)), inputs: [$0]) }
        let error = #expect(throws: FirmwareError.self) { try FirmwareModel(graph: graph, configuration: HLSConfiguration()) }
        #expect(error?.layer == "po2")
        #expect(error?.message.hasPrefix("the QKeras activation quantized_relu_po2") ?? false)
    }

    @Test func aTernaryActivationIsRefused() throws {
        // hls4ml scales its input by an inserted ApplyAlpha layer before its ternary_tanh.
        let graph = try Self.denseThen { Layer(name: "ternary", className: "QActivation", kind: .activation(.quantized(.ternary(scale: nil, threshold: nil))), inputs: [$0]) }
        let error = #expect(throws: FirmwareError.self) { try FirmwareModel(graph: graph, configuration: HLSConfiguration()) }
        #expect(error?.layer == "ternary")
        #expect(error?.message.hasPrefix("the QKeras activation ternary") ?? false)
    }

    @Test func aConcatenationOfRankFourIsRefused() throws {
        let input = Layer(name: "x", className: "InputLayer", kind: .input(shape: [2, 2, 2, 2]), inputs: [])
        let concat = Layer(name: "cat", className: "Concatenate", kind: .concatenate(axis: -1), inputs: ["x", "x"])
        let graph = try Graph(name: "g", layers: [input, concat], inputs: ["x"], outputs: ["cat"])
        #expect(throws: FirmwareError(layer: "cat", "concatenating shapes [2, 2, 2, 2] and [2, 2, 2, 2] on axis -1 is not emulated (hls4ml concatenates tensors of rank 1 to 3)")) {
            try FirmwareModel(graph: graph, configuration: HLSConfiguration())
        }
    }

    /// cnn2d's depthwise layer has depth multiplier 2, which hls4ml's io_parallel kernel asserts against.
    @Test func aDepthwiseMultiplierAboveOneIsRefusedByName() throws {
        let error = #expect(throws: FirmwareError.self) {
            try FirmwareModel(graph: Self.graph("cnn2d.k2.h5"), configuration: HLSConfiguration())
        }
        #expect(error?.layer == "depthwise")
        #expect(error?.message.hasPrefix("a DepthwiseConv2D with depth multiplier 2 is not emulated") ?? false)
    }

    /// hls4ml folds a BatchNormalization into a DepthwiseConv2D whose result is `auto` and gets it
    /// wrong (checked: its firmware then differs from Keras by 5.4 on a 6×6×2 model).
    @Test func aBatchNormalizationHLS4MLWouldFoldIntoADepthwiseConvolutionIsRefused() throws {
        let convolution = ConvolutionAttributes(rank: 2, filters: 1, kernelSize: [2, 2], strides: [1, 1], dilation: [1, 1], padding: .valid,
                                                useBias: true, isDepthwise: true)
        let norm = BatchNormalizationAttributes(axis: -1, epsilon: 0.001, center: true, scale: true)
        let statistics = ["gamma", "beta", "moving_mean", "moving_variance"].map { Weight(name: $0, tensor: Tensor(shape: [2], values: [1, 0.5])) }
        let graph = try Graph(name: "dw_bn",
                              layers: [Layer(name: "image", className: "InputLayer", kind: .input(shape: [3, 3, 2]), inputs: []),
                                       Layer(name: "dw", className: "DepthwiseConv2D", kind: .convolution(convolution), inputs: ["image"],
                                             weights: [Weight(name: "depthwise_kernel", tensor: Tensor(shape: [2, 2, 2, 1], values: [1, -1, 0.5, 0.25, 2, 1, -0.5, 0])),
                                                       Weight(name: "bias", tensor: Tensor(shape: [2], values: [0, 0.25]))]),
                                       Layer(name: "bn", className: "BatchNormalization", kind: .batchNormalization(norm), inputs: ["dw"], weights: statistics)],
                              inputs: ["image"], outputs: ["bn"])
        let error = #expect(throws: FirmwareError.self) {
            try FirmwareModel(graph: graph, configuration: HLSConfiguration(yaml: "LayerName: {dw: {Precision: {result: auto}}}"))
        }
        #expect(error?.layer == "dw")
        #expect(error?.message.hasPrefix("hls4ml 1.3.0 folds the BatchNormalization bn into this DepthwiseConv2D") ?? false)
    }

    /// hls4ml accepts reuse factor 24 for conv1 (12 inputs per pixel, 8 filters), but its
    /// `conv_1d_resource_cl` asserts RF <= n_in, so its compiled model aborts.
    @Test func aConvolutionReuseFactorAboveItsInputsIsRefused() throws {
        let configuration = try HLSConfiguration(yaml: "Model: {Precision: 'fixed<16,6>', Strategy: Resource}\nLayerName: {conv1: {ReuseFactor: 24}}")
        let error = #expect(throws: FirmwareError.self) {
            try FirmwareModel(graph: Self.graph("conv1d.k2.h5"), configuration: configuration)
        }
        #expect(error?.layer == "conv1")
        #expect(error?.message.hasPrefix("reuse factor 24 is above the 12 inputs of each pixel") ?? false)
    }

    /// hls4ml 1.3.0's Keras 3 reader drops dilation_rate: with `valid` padding its undilated im2col
    /// has 6 output steps where Keras has 4, so its firmware could not match the model.
    @Test func aDilatedConvolutionHLS4MLWouldMisreadIsRefused() throws {
        let convolution = ConvolutionAttributes(rank: 1, filters: 2, kernelSize: [3], strides: [1], dilation: [2], padding: .valid, useBias: true)
        let kernel = Weight(name: "kernel", tensor: Tensor(shape: [3, 1, 2], values: [0.5, -0.25, 1, 0.75, -1, 0.125]))
        let bias = Weight(name: "bias", tensor: Tensor(shape: [2], values: [0, 0.5]))
        let graph = try Graph(name: "dilated",
                              layers: [Layer(name: "series", className: "InputLayer", kind: .input(shape: [8, 1]), inputs: []),
                                       Layer(name: "conv", className: "Conv1D", kind: .convolution(convolution), inputs: ["series"], weights: [kernel, bias])],
                              inputs: ["series"], outputs: ["conv"])
        let error = #expect(throws: FirmwareError.self) { try FirmwareModel(graph: graph, configuration: HLSConfiguration()) }
        #expect(error?.layer == "conv")
        #expect(error?.message.hasPrefix("hls4ml computes [6] output positions where Keras has [4]") ?? false)
    }

    static func actMLP() throws -> Graph {
        try KerasModelReader.read(path: Fixtures.firmwareFolder.appendingPathComponent("models/act_mlp.h5").path).graph
    }

    /// No TableSize may make a table stage trap or allocate without bound.
    @Test(arguments: [0, -5, (1 << 20) + 1])
    func aTableSizeOutOfRangeIsRefused(_ size: Int) throws {
        let configuration = try HLSConfiguration(yaml: "Model: {Precision: 'fixed<16,6>'}\nLayerName: {tanh1: {TableSize: \(size)}}")
        #expect(throws: FirmwareError(layer: "tanh1", "TableSize \(size) must be between 1 and 1048576")) {
            try FirmwareModel(graph: Self.actMLP(), configuration: configuration)
        }
    }

    /// Types whose exact intermediate values would overflow the emulation's 128 bits are refused
    /// when the stage is built, not wrapped or trapped on while it runs.
    @Test func typesTooWideForTheArithmeticAreRefused() throws {
        let wideInput = try HLSConfiguration(yaml: "Model: {Precision: 'fixed<16,6>'}\nLayerName: {fc1: {Precision: {result: 'fixed<110,50>'}}}")
        #expect(throws: FirmwareError(layer: "tanh1", "the input type ap_fixed<110,50> is too wide to index a lookup table in the emulation")) {
            try FirmwareModel(graph: Self.actMLP(), configuration: wideInput)
        }
    }

    /// A parameter without a fixed-point type (a slope that is infinite as a float32) is refused.
    @Test func aParameterWithoutAFixedPointTypeIsRefused() throws {
        #expect(throws: FirmwareError(layer: "leaky", "the parameter inf has no fixed-point type")) { try InferredTypes.constant(.infinity, layer: "leaky") }
    }
}
