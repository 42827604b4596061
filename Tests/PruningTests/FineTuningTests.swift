import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import Inference
import KerasIO
import ModelIR
import Testing
import Training
@testable import Pruning

/// Issue 8's acceptance check on the trained jet MLP (Fixtures/trained; 8 000 training and 2 000
/// validation samples, 88.2 % validation accuracy): 50 % DSP sparsity (Resource, RF 4) with masked
/// fine-tuning stays within 1 % of the unpruned accuracy; the training-free masks at the same
/// sparsity are measured beside it.
struct FineTuningTests {
    static func array(_ name: String) throws -> NumpyArray {
        try NumpyArray.read(path: Fixtures.trainedFolder.appendingPathComponent(name).path)
    }

    static func accuracy(_ graph: Graph, _ x: NumpyArray, _ y: NumpyArray) throws -> Double {
        let pass = ForwardPass(graph: graph)
        let predictions = pass.run(inputs: [x.values], count: x.shape[0])[0]
        return try Evaluation(predictions: predictions, outputSize: 5, labels: y, metric: .accuracy).value
    }

    @Test func fineTuningRecoversAccuracyAtHalfTheDSPs() throws {
        let graph = try KerasModelReader.read(path: Fixtures.trainedFolder.appendingPathComponent("jet_trained.keras").path).graph
        let (xTrain, yTrain, xVal, yVal) = (try Self.array("jet_trained.train.x.npy"), try Self.array("jet_trained.train.y.npy"),
                                            try Self.array("jet_trained.val.x.npy"), try Self.array("jet_trained.val.y.npy"))
        var builder = HLSConfigBuilder(graph: graph)
        builder.strategy = .resource
        builder.defaultReuseFactor = 4
        let configuration = try HLSConfiguration(yaml: try builder.hlsConfig.yaml())
        let plan = try PruningPlan(graph: graph, attributes: try LayerAttributes.resolve(graph, configuration: configuration),
                                   objective: VivadoDSPEstimator())
        let result = try plan.masks(for: graph, sparsity: 0.5, local: false)
        #expect(result.resourcesAfter == [532])
        let masked = try result.apply(to: graph)
        var trainer = Trainer(graph: masked, optimizer: Adam(learningRate: 1e-3), loss: .categoricalCrossentropy)
        trainer.masks = Dictionary(uniqueKeysWithValues: result.layers.map { ($0.attributes.name, ($0.mask, $0.offsets)) })
        _ = try trainer.fit(inputs: xTrain.values, labels: yTrain.values, count: xTrain.shape[0], epochs: 3, batchSize: 256, seed: 0)
        let baseline = try Self.accuracy(graph, xVal, yVal)
        let trainingFree = try Self.accuracy(masked, xVal, yVal)
        let fineTuned = try Self.accuracy(trainer.graph, xVal, yVal)
        print("jet_trained, 50 % DSP sparsity: unpruned \(baseline), training-free \(trainingFree), fine-tuned (3 epochs) \(fineTuned)")
        #expect(abs(baseline - 0.882) < 1e-9)
        #expect(fineTuned >= baseline - 0.01, "fine-tuned \(fineTuned) vs unpruned \(baseline)")
        #expect(fineTuned > trainingFree)
        // The masks held: every removed weight is still zero.
        for layer in result.layers {
            let kernel = trainer.graph.layer(named: layer.attributes.name)!.weight("kernel")!.tensor.values
            #expect(zip(kernel, layer.mask).allSatisfy { $1 != 0 || $0 == 0 }, "\(layer.attributes.name)")
        }
    }
}
