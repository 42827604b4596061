import FixtureSupport
import Foundation
import KerasIO
import ModelIR
import Testing
@testable import Pruning

/// hls4ml 1.3.0's `get_model_masks` on QKeras models (Fixtures/masks/q*.masks.json, made by
/// Fixtures/generate/qkeras_masks.py from hls4ml's own configuration of each model): weight types come
/// from the quantizers, so the DSP objective leaves layers with weights under 9 bits alone.
struct QKerasGoldenMaskTests {
    struct Labelled: CustomStringConvertible, Sendable {
        var model: String
        var index: Int
        var description: String { "\(model) #\(index)" }
    }

    static let models = ["qjet_6bit", "qmixed_mlp", "qcnn2d"]

    static let goldens: [String: [GoldenMaskTests.Case]] = Dictionary(uniqueKeysWithValues: models.map { model in
        let url = Fixtures.masksFolder.appendingPathComponent("\(model).masks.json")
        return (model, (try? JSONDecoder().decode(GoldenMaskTests.Golden.self, from: Data(contentsOf: url)).cases) ?? [])
    })

    static let cases: [Labelled] = models.flatMap { model in (goldens[model] ?? []).indices.map { Labelled(model: model, index: $0) } }

    @Test func everyModelHasItsCases() {
        #expect(Self.models.allSatisfy { Self.goldens[$0]?.count == 8 })
    }

    @Test(arguments: cases)
    func sameMasksAsHLS4ML(_ labelled: Labelled) throws {
        let golden = try #require(Self.goldens[labelled.model]?[labelled.index])
        let graph = try KerasModelReader.read(path: Fixtures.qkerasFolder.appendingPathComponent("\(labelled.model).h5").path).graph
        let result = try GoldenMaskTests.ours(golden, graph: graph)
        let included = result.layers.filter { $0.optimization.map { $0.pruning } ?? false }
        #expect(included.map(\.attributes.name) == golden.layers.filter(\.optimizable).map(\.name), "\(labelled) \(golden.label)")
        for expected in golden.layers {
            let layer = try #require(result.layers.first { $0.attributes.name == expected.name })
            #expect(layer.resourcesBefore == expected.resources, "\(labelled) \(golden.label) \(expected.name)")
            #expect(layer.keptWeights == expected.kept_weights, "\(labelled) \(golden.label) \(expected.name)")
            #expect(GoldenMaskTests.bits(layer) == expected.mask, "\(labelled) \(golden.label) \(expected.name)")
        }
    }
}
