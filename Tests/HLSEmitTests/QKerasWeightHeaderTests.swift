import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import KerasIO
import ModelIR
import Testing

/// QKeras models' weight headers byte for byte against hls4ml 1.3.0's Keras 2 route
/// (`Fixtures/qkeras/hls4ml`, `qkeras_models.py`): quantized values, `weight<i>_t` types, and the
/// layer numbering with split-off linear activations.
struct QKerasWeightHeaderTests {
    static let models: [String] = {
        let folder = Fixtures.qkerasFolder.appendingPathComponent("hls4ml").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }()

    @Test func goldenHeadersArePresent() {
        #expect(Self.models.count >= 3)
    }

    @Test(arguments: models)
    func headersEqualHLS4ML(model: String) throws {
        let folder = Fixtures.qkerasFolder.appendingPathComponent("hls4ml").appendingPathComponent(model)
        let configText = try String(contentsOf: folder.appendingPathComponent("hls4ml_config.json"), encoding: .utf8)
        let configuration = try HLSConfiguration(yaml: configText)
        let graph = try KerasModelReader.read(path: Fixtures.qkerasFolder.appendingPathComponent("\(model).h5").path).graph
        let variables = try WeightVariable.all(in: graph, configuration: configuration)
        let weights = folder.appendingPathComponent("weights")
        let expectedNames = try FileManager.default.contentsOfDirectory(atPath: weights.path).sorted()
        var written: [String] = []
        for variable in variables {
            // hls4ml's defaults (weights also as .txt, which changes the header); the fixture keeps only the headers.
            for file in WeightFiles(namespace: nil, writesText: true).files(of: variable) where file.name.hasSuffix(".h") {
                written.append(file.name)
                let expected = try Data(contentsOf: weights.appendingPathComponent(file.name))
                #expect(Data(file.parts.joined()) == expected, "\(model)/\(file.name) differs from hls4ml's")
            }
        }
        #expect(written.sorted() == expectedNames)
    }

    /// hls4ml's `QKerasQuantizer._get_type`: quantized_bits(b, i) → fixed<b, i+1>, int<b> when b = i;
    /// a quantizer overrides the configured precision and names the type `<variable><index>_t`.
    @Test func quantizerPrecisionOverridesTheConfiguration() throws {
        let resolver = try ConfigurationResolver(HLSConfiguration(yaml: "Model: {Precision: {default: 'fixed<16,6>'}}"))
        let six = try resolver.type(of: "weight", layer: "fc1", className: "QDense", index: 2,
                                    quantizer: .bits(.init(bits: 6, integer: 0, scale: .constant(1))))
        #expect(six.typeName == "weight2_t")
        #expect(six.precision == .fixed(.init(width: 6, integerBits: 1)))
        let integer = try resolver.type(of: "bias", layer: "fc1", className: "QDense", index: 7, quantizer: .bits(.init(bits: 4, integer: 4)))
        #expect(integer.precision == .fixed(.init(width: 4, integerBits: 4, isInteger: true)))
        #expect(try resolver.type(of: "weight", layer: "fc1", className: "QDense", index: 2, quantizer: nil).typeName == "model_default_t")
        #expect(throws: ConfigurationError.self) {
            try resolver.type(of: "weight", layer: "fc1", className: "QDense", index: 2, quantizer: .powerOfTwo(.init(bits: 5)))
        }
    }
}
