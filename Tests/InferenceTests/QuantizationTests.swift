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

    @Test func vectorsArePresent() {
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

    /// Every QKeras fixture predicts what QKeras's `model.predict` did, within 1e-6.
    @Test(arguments: Fixtures.qkerasModels)
    func predictionsEqualQKeras(model: String) throws {
        let folder = Fixtures.qkerasFolder
        let graph = try KerasModelReader.read(path: folder.appendingPathComponent("\(model).h5").path).graph
        let inputs = try NumpyArray.read(path: folder.appendingPathComponent("\(model).x.npy").path)
        let expected = try NumpyArray.read(path: folder.appendingPathComponent("\(model).y.npy").path)
        let outputs = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])
        #expect(outputs[0].count == expected.values.count)
        let worst = zip(outputs[0], expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-6, "\(model): largest difference from QKeras \(worst)")
    }
}
