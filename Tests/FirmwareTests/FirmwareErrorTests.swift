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
}
