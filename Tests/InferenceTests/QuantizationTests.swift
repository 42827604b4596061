import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import Testing

/// QKeras's own outputs (`Fixtures/qkeras/quantizers.json`, `qkeras_models.py`) against ours.
@Suite struct QuantizationTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var quantizer: String
        var input: String
        var shape: [Int]
        var x: [Float]
        var y: [Float]
        var testDescription: String { "\(quantizer) on \(input)" }
    }

    static let cases: [Case] = {
        let url = Fixtures.qkerasFolder.appendingPathComponent("quantizers.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Case].self, from: data)) ?? []
    }()

    /// `keras3/<model>.h5` and `.keras`, written by qkeras-v3 under Keras 3.
    static let keras3Files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.qkerasFolder.appendingPathComponent("keras3").path)) ?? []
        return names.filter { $0.hasSuffix(".h5") || $0.hasSuffix(".keras") }.sorted().map { "keras3/\($0)" }
    }()

    @Test func vectorsArePresent() {
        #expect(Self.keras3Files.count >= 6)
        #expect(Self.cases.count >= 60)
    }

    /// Each quantizer, read from the expression QKeras was given, maps QKeras's input to QKeras's output.
    @Test(arguments: cases)
    func quantizerEqualsQKeras(_ example: Case) throws {
        let quantizer = try Quantizer(qkerasExpression: example.quantizer)
        let output = Quantization.apply(quantizer, to: example.x, shape: example.shape)
        let worst = zip(output, example.y).map { abs($0 - $1) }.max() ?? .infinity
        #expect(output.count == example.y.count)
        #expect(worst <= 1e-6, "\(example.quantizer) (\(quantizer)) on \(example.input): largest difference \(worst)")
    }

    /// Every QKeras fixture predicts what QKeras's `model.predict` did, within 1e-6: QKeras 0.9
    /// (Keras 2 `.h5`) and qkeras-v3 (Keras 3 `.h5` and `.keras`, in `keras3/`).
    @Test(arguments: Fixtures.qkerasModels.map { "\($0).h5" } + keras3Files)
    func predictionsEqualQKeras(file: String) throws {
        let folder = Fixtures.qkerasFolder
        let model = String(file.prefix { $0 != "." })
        let graph = try KerasModelReader.read(path: folder.appendingPathComponent(file).path).graph
        let inputs = try NumpyArray.read(path: folder.appendingPathComponent("\(model).x.npy").path)
        let expected = try NumpyArray.read(path: folder.appendingPathComponent(file.hasSuffix(".keras") ? "\(model).keras.y.npy" : "\(model).y.npy").path)
        let outputs = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])
        #expect(outputs[0].count == expected.values.count)
        let worst = zip(outputs[0], expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-6, "\(model): largest difference from QKeras \(worst)")
    }
}
