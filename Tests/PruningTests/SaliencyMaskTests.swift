import FixtureSupport
import Foundation
import HDF5
import Inference
import KerasIO
import ModelIR
import Testing
import Training
@testable import Pruning

/// hls4ml's `saliency` masks (W² ⊙ Hessian row sums) on the trained jet MLP, DSP objective, 50 %,
/// Resource RF 4 (Fixtures/masks/jet_trained.saliency.masks.json, from Fixtures/generate/hessians.py),
/// first with hls4ml's own TensorFlow Hessians, then with ours. Global pattern cases are left out:
/// we normalise their values (docs/deviations.md).
struct SaliencyMaskTests {
    static let golden: GoldenMaskTests.Golden = {
        let url = Fixtures.masksFolder.appendingPathComponent("jet_trained.saliency.masks.json")
        return try! JSONDecoder().decode(GoldenMaskTests.Golden.self, from: Data(contentsOf: url))
    }()

    static let cases = golden.cases.filter { $0.local || $0.structure != "pattern" }
    static let graph = try! KerasModelReader.read(path: Fixtures.trainedFolder.appendingPathComponent("jet_trained.keras").path).graph

    static func expectSameMasks(_ golden: GoldenMaskTests.Case, hessians: [String: [Float]], source: String, skipping skipped: Set<String> = []) throws {
        let attributes = try LayerAttributes.resolve(graph, defaults: ModelDefaults(precision: "fixed<16,6>", reuseFactor: 4, strategy: "Resource"))
        let plan = try PruningPlan(graph: graph, attributes: attributes, objective: VivadoDSPEstimator(),
                                   structure: .init(PruningStructure(rawValue: golden.structure)!))
        let result = try plan.masks(for: graph, sparsity: golden.sparsity, local: golden.local, metric: .saliency(hessians: hessians))
        for expected in golden.layers where !skipped.contains(expected.name) {
            let layer = try #require(result.layers.first { $0.attributes.name == expected.name })
            #expect(layer.keptWeights == expected.kept_weights, "\(golden.label) \(expected.name), \(source) Hessians")
            #expect(GoldenMaskTests.bits(layer) == expected.mask, "\(golden.label) \(expected.name), \(source) Hessians")
        }
    }

    @Test(arguments: cases)
    func sameMasksFromHls4mlsHessians(_ golden: GoldenMaskTests.Case) throws {
        let file = try File(path: Fixtures.trainingFolder.appendingPathComponent("jet_trained.hessians.h5").path)
        var hessians: [String: [Float]] = [:]
        for layer in ["fc1", "fc2", "fc3", "output"] { hessians[layer] = try file.rootGroup().dataset(layer).read(as: Float.self) }
        try Self.expectSameMasks(golden, hessians: hessians, source: "hls4ml's")
    }

    static let ourHessians: [String: [Float]] = {
        let folder = Fixtures.trainedFolder
        let x = try! NumpyArray.read(path: folder.appendingPathComponent("jet_trained.train.x.npy").path).values
        let y = try! NumpyArray.read(path: folder.appendingPathComponent("jet_trained.train.y.npy").path).values
        return try! Backpropagation(graph: graph).kernelHessianRowSums(inputs: x, labels: y, loss: .categoricalCrossentropy)
    }()

    /// The softmax output layer is left out: its Hessian row sums are zero in exact arithmetic (adding
    /// the same amount to every logit changes nothing), so both tools rank its weights by Float32 noise.
    @Test(arguments: cases)
    func sameMasksFromOurHessians(_ golden: GoldenMaskTests.Case) throws {
        try Self.expectSameMasks(golden, hessians: Self.ourHessians, source: "our", skipping: ["output"])
    }
}

extension GoldenMaskTests.Case: CustomTestStringConvertible {
    var testDescription: String { label }
}
