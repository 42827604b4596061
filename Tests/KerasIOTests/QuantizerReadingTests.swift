import FixtureSupport
import Foundation
import KerasIO
import ModelIR
import Testing

@Suite struct QuantizerReadingTests {
    /// Positional and keyword arguments follow QKeras's parameter order; a string alpha makes
    /// quantized_bits symmetric, as QKeras's constructor does.
    @Test func expressionsNameTheirParametersInQKerasOrder() throws {
        #expect(try Quantizer(qkerasExpression: "quantized_bits(6,0,alpha=1)") == .bits(.init(bits: 6, integer: 0, scale: .constant(1))))
        #expect(try Quantizer(qkerasExpression: "quantized_bits(8, 1, 0, alpha='auto_po2')")
            == .bits(.init(bits: 8, integer: 1, isSymmetric: true, scale: .autoPowerOfTwo)))
        #expect(try Quantizer(qkerasExpression: "quantized_relu(6,2)") == .relu(.init(bits: 6, integer: 2)))
        #expect(try Quantizer(qkerasExpression: "quantized_tanh(8,symmetric=True)") == .tanh(bits: 8, symmetric: true, usesRealTanh: false))
        #expect(try Quantizer(qkerasExpression: "quantized_relu_po2(6, 2048)") == .powerOfTwo(.init(bits: 6, maxValue: 2048, isReLU: true)))
        #expect(try Quantizer(qkerasExpression: "ternary(alpha=1, threshold=0.2)") == .ternary(scale: .constant(1), threshold: 0.2))
        #expect(try Quantizer(qkerasExpression: "binary") == .binary(usesZeroOne: false, scale: nil))
    }

    /// The printed form reads back as the same quantizer.
    @Test(arguments: ["quantized_bits(4,2,1,keep_negative=False,alpha='auto')", "quantized_relu(4,1,use_sigmoid=1,negative_slope=0.25)",
                      "quantized_po2(5,max_value=2,quadratic_approximation=True)", "binary(use_01=True,alpha='auto_po2')",
                      "quantized_sigmoid(6,symmetric=True,use_real_sigmoid=True)", "ternary(alpha=0.5)"])
    func descriptionRoundTrips(expression: String) throws {
        let quantizer = try Quantizer(qkerasExpression: expression)
        #expect(try Quantizer(qkerasExpression: quantizer.description) == quantizer)
    }

    @Test(arguments: [
        ("quantized_ulaw(8)", "quantizer 'quantized_ulaw' is not supported"),
        ("quantized_bits(8,0,alpha='max')", "quantized_bits's alpha"),
        ("quantized_bits(8,0,use_stochastic_rounding=True)", "quantized_bits with use_stochastic_rounding"),
        ("quantized_bits(8,0,0,1,1,0,0,1,None,1,0,7)", "more positional arguments"),
        ("quantized_bits(8,0", "expected ',' or ')'"),
        ("quantized_bits(8,0) + 1", "unexpected text"),
        ("quantized_relu(4,0,negative_slope=0.3)", "negative_slope must be 0 or a power of two"),
        ("ternary(alpha='auto')", "ternary with alpha"),
        ("quantized_bits(bits=40)", "needs 1 to 32 bits"),
        ("quantized_relu(bits=99)", "bits must be an integer in 1...32"),
    ])
    func unsupportedQuantizersAreRefused(expression: String, message: String) {
        let error = #expect(throws: KerasIOError.self) { try Quantizer(qkerasExpression: expression) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }

    @Test func activationQuantizersMayNotFitTheirScaleToTheBatch() {
        #expect(throws: KerasIOError.self) { try Quantizer(qkerasExpression: "quantized_bits(8,0,alpha='auto')", isActivation: true) }
    }

    /// A layer with an unsupported quantizer is refused with an error naming the layer and the key.
    @Test func unsupportedQuantizerInAFileNamesTheLayer() throws {
        let copy = try DamagedCopy(of: "qmixed_mlp.h5", in: Fixtures.qkerasFolder)
        try copy.editModelConfig { $0.replacingOccurrences(of: "\"class_name\": \"quantized_bits\", \"config\": {\"bits\": 8, \"integer\": 0",
                                                           with: "\"class_name\": \"quantized_ulaw\", \"config\": {\"bits\": 8, \"integer\": 0") }
        let error = #expect(throws: KerasIOError.self) { try KerasModelReader.read(path: copy.path) }
        #expect(error?.layer == "narrow")
        #expect(error?.message.hasPrefix("kernel_quantizer: quantizer 'quantized_ulaw' is not supported") == true, "\(error?.message ?? "")")
    }

    /// String and dictionary forms, in Q layers and QActivation, all reach the IR.
    @Test func qkerasLayersReadWithTheirQuantizers() throws {
        let graph = try KerasModelReader.read(path: Fixtures.qkerasFolder.appendingPathComponent("qmixed_mlp.h5").path).graph
        let wide = try #require(graph.layer(named: "wide"))
        #expect(wide.className == "QDense")
        #expect(wide.weightQuantizers["kernel"] == .bits(.init(bits: 12, integer: 2, scale: .constant(1))))
        #expect(wide.activation == .quantized(.relu(.init(bits: 8, integer: 3))))
        let act = try #require(graph.layer(named: "act_narrow"))
        #expect(act.kind == .activation(.quantized(.relu(.init(bits: 10, integer: 4)))))
    }
}
