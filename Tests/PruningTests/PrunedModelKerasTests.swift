import FixtureSupport
import Foundation
import HLSEmit
import Inference
import KerasIO
import ModelIR
import Testing
@testable import Pruning

/// Real Keras loaded the pruned files `hlsprune prune --objective parameters --sparsity 0.6` wrote
/// and predicted the fixture batch (Fixtures/pruned); the masked IR must predict the same.
struct PrunedModelKerasTests {
    static let predictions: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.prunedFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".y.npy") }.sorted()
    }()

    @Test func kerasLoadedEveryPrunedModel() {
        #expect(Self.predictions.count >= 9)
    }

    @Test(arguments: predictions)
    func maskedModelPredictsWhatKerasPredicts(file: String) throws {
        let model = String(file.prefix { $0 != "." }) + "." + file.split(separator: ".").dropFirst().prefix { $0 != "pruned" }.joined(separator: ".")
        let graph = try KerasModelReader.read(path: Fixtures.path(model)).graph
        // The command's defaults: the generated name-granularity config, global selection.
        let configuration = try HLSConfiguration(yaml: try HLSConfigBuilder(graph: graph).hlsConfig.yaml())
        let plan = try PruningPlan(graph: graph, attributes: try LayerAttributes.resolve(graph, configuration: configuration),
                                   objective: ParameterEstimator())
        let pruned = try plan.masks(for: graph, sparsity: 0.6, local: false).apply(to: graph)
        let inputs = try NumpyArray.read(path: Fixtures.path(Fixtures.inputsFile(for: model)))
        let expected = try NumpyArray.read(path: Fixtures.prunedFolder.appendingPathComponent(file).path)
        let ours = ForwardPass(graph: pruned).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == expected.values.count)
        #expect(worst <= 1e-5, "\(file): largest difference \(worst)")
    }
}
