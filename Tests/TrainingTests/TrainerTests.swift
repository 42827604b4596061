import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import Testing
@testable import Training

/// Masked mini-batch training keeps pruned weights where the mask puts them and lowers the loss.
struct TrainerTests {
    @Test(arguments: ["sgd", "adam"])
    func maskedTrainingKeepsPrunedWeightsAndLearns(_ name: String) throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("jet_mlp.keras")).graph
        let x = try NumpyArray.read(path: Fixtures.path("jet_mlp.x.npy")).values
        let y = try NumpyArray.read(path: Fixtures.path("jet_mlp.labels.npy")).values
        let optimizer: any Optimizer = name == "sgd" ? SGD(learningRate: 0.05, momentum: 0.9) : Adam(learningRate: 0.01)
        var trainer = Trainer(graph: graph, optimizer: optimizer, loss: .categoricalCrossentropy)
        let kernel = graph.layer(named: "fc2")!.weight("kernel")!.tensor.values
        let mask = kernel.indices.map { Float($0 % 3 == 0 ? 0 : 1) }
        let offset = kernel.indices.map { $0 % 6 == 0 ? Float(0.25) : 0 }
        trainer.masks["fc2"] = (mask, offset)
        try trainer.applyMasks()
        let history = try trainer.fit(inputs: x, labels: y, count: 32, epochs: 20, batchSize: 8, seed: 3)
        #expect(history.last! < history.first! * 0.8, "\(history)")
        let trained = trainer.graph.layer(named: "fc2")!.weight("kernel")!.tensor.values
        for index in trained.indices where mask[index] == 0 {
            #expect(trained[index] == offset[index])
        }
        #expect(zip(trained, kernel).enumerated().contains { mask[$0.offset] == 1 && $0.element.0 != $0.element.1 })
    }

    @Test func shufflingIsSeeded() throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("jet_mlp.keras")).graph
        let x = try NumpyArray.read(path: Fixtures.path("jet_mlp.x.npy")).values
        let y = try NumpyArray.read(path: Fixtures.path("jet_mlp.labels.npy")).values
        func run() throws -> Graph {
            var trainer = Trainer(graph: graph, optimizer: SGD(learningRate: 0.05), loss: .categoricalCrossentropy)
            _ = try trainer.fit(inputs: x, labels: y, count: 32, epochs: 2, batchSize: 5, seed: 99)
            return trainer.graph
        }
        #expect(try run() == run())
    }
}
