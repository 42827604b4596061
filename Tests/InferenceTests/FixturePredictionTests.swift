import Foundation
import Inference
import KerasIO
import ModelIR
import Testing

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/models")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every model file with the predictions Keras made for it: `.k2.h5` ↔ `.k2.y.npy`,
    /// `.k3.h5` and `.keras` ↔ `.k3.y.npy`; inputs in `<model>.x.npy`.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".h5") || $0.hasSuffix(".keras") }.sorted()
    }()

    static func predictionsFile(for model: String) -> String {
        if model.hasSuffix(".keras") { return model.replacingOccurrences(of: ".keras", with: ".k3.y.npy") }
        return model.replacingOccurrences(of: ".h5", with: ".y.npy")
    }

    static func inputsFile(for model: String) -> String {
        String(model.prefix { $0 != "." }) + ".x.npy"
    }
}

@Suite struct FixturePredictionTests {
    @Test(arguments: Fixtures.cases)
    func predictionsEqualKeras(model: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path(model)).graph
        let inputs = try NumpyArray.read(path: Fixtures.path(Fixtures.inputsFile(for: model)))
        let expected = try NumpyArray.read(path: Fixtures.path(Fixtures.predictionsFile(for: model)))
        let samples = inputs.shape[0]
        let outputs = ForwardPass(graph: graph).run(inputs: [inputs.values], count: samples)
        #expect(outputs[0].count == expected.values.count)
        let isConvolutional = graph.layers.contains { if case .convolution = $0.kind { true } else { false } }
        let tolerance: Float = isConvolutional ? 1e-4 : 1e-5
        let worst = zip(outputs[0], expected.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "\(model): largest difference from Keras \(worst)")
    }
}
