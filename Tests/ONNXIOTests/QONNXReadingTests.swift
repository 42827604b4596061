import FixtureSupport
import Foundation
import Inference
import ModelIR
import ONNXIO
import ONNXProto
import Testing

/// QONNX graphs (Fixtures/onnx/qonnx, made by `Fixtures/generate/qonnx_models.py` with qonnx 1.0.0)
/// against qonnx's `execute_onnx` (issue 18).
struct QONNXReadingTests {
    static let folder = Fixtures.onnxFolder.appendingPathComponent("qonnx")
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func worstDifference(_ name: String) throws -> Float {
        let graph = try ONNXModelReader.read(path: path("\(name).onnx")).graph
        let inputs = try NumpyArray.read(path: path("\(name).x.npy"))
        let expected = try NumpyArray.read(path: path("\(name).qonnx.y.npy"))
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        #expect(ours.count == expected.values.count)
        return zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
    }

    /// Quant, BipolarQuant and Trunc on inputs, weights, biases and activations; per-channel and
    /// non-power-of-two scales, zero points, every rounding mode used; NCHW and channels-last; an
    /// NCHW value quantized per channel (axis 1). Equal bit for bit: the sums are of values on
    /// power-of-two grids (exact in float32 in any order), or (qmlp_affine) rounded by a Quant.
    @Test(arguments: ["qmlp", "qmlp_affine", "qcnn", "qcnn_channels_last", "qcnn_channel_scales"])
    func predictionsEqualQONNX(_ name: String) throws {
        let worst = try Self.worstDifference(name)
        #expect(worst == 0, "\(name): largest difference \(worst)")
    }

    /// A float graph after qonnx's channels-last conversion (Conv, grouped Conv, BatchNormalization, MaxPool).
    @Test func channelsLastFloatGraphPredictsLikeQONNX() throws {
        let worst = try Self.worstDifference("cnn_channels_last")
        #expect(worst <= 1e-5, "largest difference \(worst)")
    }

    /// Brevitas's export domain (and FINN's older name for qonnx's) reads as qonnx's own.
    @Test(arguments: ["onnx.brevitas", "finn.custom_op.general"])
    func quantizationDomainsAreEquivalent(_ domain: String) throws {
        var proto = try ONNXModelReader.readProto(path: Self.path("qmlp.onnx"))
        for index in proto.graph.node.indices where !proto.graph.node[index].domain.isEmpty { proto.graph.node[index].domain = domain }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-domain-\(UUID().uuidString).onnx")
        defer { try? FileManager.default.removeItem(at: file) }
        try proto.serializedData().write(to: file)
        let renamed = try ONNXModelReader.read(path: file.path).graph
        #expect(renamed.layers == (try ONNXModelReader.read(path: Self.path("qmlp.onnx")).graph.layers))
    }

    /// Weights keep their float values and the quantizer (pruning works on the float weights, as for
    /// QKeras); a per-channel scale follows the IR's output-channel axis.
    @Test func quantizedWeightsStayFloatWithTheirQuantizer() throws {
        let model = try ONNXModelReader.read(path: Self.path("qcnn.onnx"))
        let proto = try ONNXModelReader.readProto(path: Self.path("qcnn.onnx"))
        let conv = try #require(model.graph.layers.first { $0.className == "Conv2D" })
        guard case .integer(let quantizer)? = conv.weightQuantizers["kernel"] else { Issue.record("no kernel quantizer"); return }
        #expect(quantizer.scale.count == 4 && quantizer.bitWidth == 6 && quantizer.isNarrow)
        let source = try #require(model.bindings[conv.name]?["kernel"]?.initializer)
        let initializer = try #require(proto.graph.initializer.first { $0.name == source })
        #expect(initializer.dims == [4, 2, 3, 3])
        // Some float value is off the grid: the stored weights are the float ones, not the quantized.
        let float = conv.weight("kernel")!.tensor.values
        #expect(float.contains { value in Quantization.apply(.integer(quantizer), to: [value], shape: [1]) != [value] })
    }

    /// Pruned weights of qonnx's channels-last Conv (M, k…, C) go back into their initializers:
    /// the written file reads back as the pruned graph (grouped Conv included).
    @Test func channelsLastConvolutionWeightsAreWrittenBack() throws {
        let model = try ONNXModelReader.read(path: Self.path("cnn_channels_last.onnx"))
        var pruned = model.graph
        for layer in pruned.layers where layer.className == "Conv2D" {
            let values = layer.weights[0].tensor.values.enumerated().map { $0.offset % 3 == 0 ? 0 : $0.element }
            try pruned.setValues(values, ofWeight: layer.weights[0].name, inLayer: layer.name)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-cl-\(UUID().uuidString).onnx")
        defer { try? FileManager.default.removeItem(at: file) }
        try ONNXModelWriter.data(pruned, over: model).write(to: file)
        let reread = try ONNXModelReader.read(path: file.path).graph
        let convolutions = reread.layers.filter { $0.className == "Conv2D" }
        #expect(convolutions.count == 2)
        for layer in convolutions { #expect(layer.weights == pruned.layer(named: layer.name)?.weights) }
    }

    /// `qmlp.onnx` with `edit` applied, written to a temporary file; the reader's error for it.
    static func error(_ edit: (inout Onnx_ModelProto) throws -> Void) throws -> String {
        var proto = try ONNXModelReader.readProto(path: path("qmlp.onnx"))
        try edit(&proto)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-qonnx-\(UUID().uuidString).onnx").path
        try proto.serializedData().write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try #require(throws: ONNXError.self) { try ONNXModelReader.read(path: file) }.description
    }

    static func quant(_ proto: Onnx_ModelProto, _ name: String) throws -> Int {
        try #require(proto.graph.node.firstIndex { $0.name == name })
    }

    @Test func unsupportedQONNXOpsSayWhy() throws {
        let message = try Self.error { proto in proto.graph.node[try Self.quant(proto, "Quant_3")].opType = "FloatQuant" }
        #expect(message.contains("FloatQuant): op qonnx.custom_op.general.FloatQuant is not supported yet: minifloat quantization has no fixed-point form"), "\(message)")
        let finn = try Self.error { proto in proto.graph.node[try Self.quant(proto, "Relu_0")].domain = "finn.custom_op.fpgadataflow" }
        #expect(finn.contains("Relu): op finn.custom_op.fpgadataflow.Relu is not supported yet: FINN's hardware-layer ops"), "\(finn)")
    }

    @Test func malformedQuantParametersAreRefused() throws {
        let computed = try Self.error { proto in
            let index = try Self.quant(proto, "Quant_3")
            proto.graph.node[index].input[1] = "Relu_0_out0"
        }
        #expect(computed.contains("Quant): Quant needs constant parameters; input 1 'Relu_0_out0' is computed"), "\(computed)")
        let rounding = try Self.error { proto in
            let index = try Self.quant(proto, "Quant_3")
            let mode = try #require(proto.graph.node[index].attribute.firstIndex { $0.name == "rounding_mode" })
            proto.graph.node[index].attribute[mode].s = Data("STOCHASTIC".utf8)
        }
        #expect(rounding.contains("rounding_mode 'STOCHASTIC' is not one of ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN, HALF_EVEN"), "\(rounding)")
        let bits = try Self.error { proto in
            let index = try #require(proto.graph.initializer.firstIndex { $0.name == "Quant_3_param2" })
            proto.graph.initializer[index].rawData = Data(withUnsafeBytes(of: Float(2.5).bitPattern.littleEndian, Array.init))
        }
        #expect(bits.contains("Quant): Quant's bit width must be a whole number from 1 to 32, not 2.5"), "\(bits)")
    }
}

/// The IR's QONNX quantizers against qonnx 1.0.0's own functions (`quant`, `binary_quant`,
/// `trunc_v1`, `trunc_v2`) on one vector with ties, signed zeros and out-of-range values
/// (`Fixtures/onnx/qonnx/quantizers.json`): bit for bit.
struct QONNXQuantizerTests {
    /// One golden case as the generator wrote it.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var op: String
        var bits: Int?
        var signed: Int?
        var narrow: Int?
        var scale: Float
        var zeroPoint: Float?
        var rounding: String?
        var version: Int?
        var inputBits: Int?
        var outputBits: Int?
        var outputScale: Float?
        var y: [Float]

        var testDescription: String { "\(op) v\(version ?? 1) bits \(bits ?? outputBits ?? 1) signed \(signed ?? 1) narrow \(narrow ?? 0) \(rounding ?? "")" }

        var quantizer: Quantizer? {
            let mode = rounding.flatMap(QuantizerRounding.init(spelling:))
            switch op {
            case "Quant":
                guard let mode, let bits, let signed, let narrow, let zeroPoint else { return nil }
                return .integer(IntegerQuantizer(bitWidth: bits, isSigned: signed == 1, isNarrow: narrow == 1, rounding: mode, scale: [scale], zeroPoint: [zeroPoint]))
            case "BipolarQuant": return .bipolar(scale: [scale])
            case "Trunc":
                guard let mode, let inputBits, let outputBits, let zeroPoint else { return nil }
                return .truncation(TruncationQuantizer(scale: scale, zeroPoint: zeroPoint, inputBitWidth: inputBits, outputBitWidth: outputBits,
                                                       outputScale: outputScale, isSigned: (signed ?? 1) == 1, isNarrow: narrow == 1, rounding: mode))
            default: return nil
            }
        }
    }

    struct Golden: Decodable, Sendable {
        var x: [Float]
        var cases: [Case]
    }

    static let golden: Golden = {
        let url = QONNXReadingTests.folder.appendingPathComponent("quantizers.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (try? Data(contentsOf: url)).flatMap { try? decoder.decode(Golden.self, from: $0) } ?? Golden(x: [], cases: [])
    }()

    @Test func goldenCoversEveryOpAndRoundingMode() {
        #expect(Self.golden.cases.count == 8 * 8 + 2 + 6)
        #expect(Set(Self.golden.cases.compactMap(\.rounding)).count == QuantizerRounding.allCases.count + 1)  // + the HALF_EVEN spelling
    }

    @Test(arguments: golden.cases)
    func equalsQONNX(_ testCase: Case) throws {
        let quantizer = try #require(testCase.quantizer)
        let ours = Quantization.apply(quantizer, to: Self.golden.x, shape: [Self.golden.x.count])
        let wrong = zip(Self.golden.x, zip(ours, testCase.y)).filter { $1.0 != $1.1 || $1.0.sign != $1.1.sign }
        #expect(ours.count == testCase.y.count && wrong.isEmpty, "x, (ours, qonnx): \(wrong.prefix(5))")
    }
}
