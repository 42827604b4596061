import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import Inference
import KerasIO
import ModelIR
import ONNXIO
import Testing
@testable import Pruning

/// Real Keras loaded the files `hlsprune prune -o` wrote and predicted the fixture batch
/// (Fixtures/pruned): `pruned` (`--objective parameters --sparsity 0.6`, masked kernels) and `reduced`
/// (`--objective gpu-flops --local --reduce`, zero neurons and filters removed and the configuration
/// rewritten). The IR, masked and reduced the same way, must predict the same.
struct PrunedModelKerasTests {
    static let predictions: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.prunedFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".y.npy") && !$0.contains(".onnx.") }.sorted()
    }()

    @Test func kerasLoadedEveryPrunedModel() {
        #expect(Self.predictions.count >= 18)
    }

    @Test(arguments: predictions)
    func maskedModelPredictsWhatKerasPredicts(file: String) throws {
        let variant = file.contains(".reduced.") ? "reduced" : "pruned"
        let model = String(file[..<file.range(of: ".\(variant).")!.lowerBound])
        let graph = try KerasModelReader.read(path: Fixtures.path(model)).graph
        let pruned = try Self.pruned(graph, variant: variant)
        let inputs = try NumpyArray.read(path: Fixtures.path(Fixtures.inputsFile(for: model)))
        let expected = try NumpyArray.read(path: Fixtures.prunedFolder.appendingPathComponent(file).path)
        let ours = ForwardPass(graph: pruned).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == expected.values.count)
        #expect(worst <= 1e-5, "\(file): largest difference \(worst)")
    }

    /// `graph` pruned as the generator's command line prunes it, with the command's default
    /// (generated, name-granularity) configuration.
    static func pruned(_ graph: Graph, variant: String) throws -> Graph {
        let configuration = try HLSConfiguration(yaml: try HLSConfigBuilder(graph: graph).hlsConfig.yaml())
        let attributes = try LayerAttributes.resolve(graph, configuration: configuration)
        if variant == "pruned" {
            return try PruningPlan(graph: graph, attributes: attributes, objective: ParameterEstimator())
                .masks(for: graph, sparsity: 0.6, local: false).apply(to: graph)
        }
        let masked = try PruningPlan(graph: graph, attributes: attributes, objective: GPUFLOPEstimator())
            .masks(for: graph, sparsity: 0.5, local: true).apply(to: graph)
        return try Reduction(masked).graph
    }

    static let onnxPredictions: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.prunedFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".ort.y.npy") }.sorted()
    }()

    /// `prune` on ONNX input writes a model_pruned.onnx that passes onnx.checker and that
    /// onnxruntime runs (pruned weights written back, external data included; reduced models
    /// exported afresh); it predicts what the masked or reduced IR predicts.
    @Test(arguments: onnxPredictions)
    func prunedONNXPredictsLikeTheMaskedIR(file: String) throws {
        let variant = file.contains(".reduced.") ? "reduced" : "pruned"
        let model = String(file[..<file.range(of: ".\(variant).")!.lowerBound])
        let path = Fixtures.onnxFolder.appendingPathComponent(model).path
        let pruned = try Self.pruned(try ONNXModelReader.read(path: path).graph, variant: variant)
        let base = String(model.dropLast(".onnx".count))
        let inputs = try NumpyArray.read(path: Fixtures.onnxFolder.appendingPathComponent("\(base).x.npy").path)
        let expected = try NumpyArray.read(path: Fixtures.prunedFolder.appendingPathComponent(file).path)
        let ours = ForwardPass(graph: pruned).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == expected.values.count && worst <= 1e-5, "\(file): largest difference \(worst)")
    }
}
