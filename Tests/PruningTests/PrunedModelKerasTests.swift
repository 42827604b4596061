import FixtureSupport
import Foundation
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
        // The command's defaults: the generated name-granularity config.
        let configuration = try HLSConfiguration(yaml: try HLSConfigBuilder(graph: graph).hlsConfig.yaml())
        let attributes = try LayerAttributes.resolve(graph, configuration: configuration)
        let pruned: Graph
        if variant == "pruned" {
            pruned = try PruningPlan(graph: graph, attributes: attributes, objective: ParameterEstimator())
                .masks(for: graph, sparsity: 0.6, local: false).apply(to: graph)
        } else {
            let masked = try PruningPlan(graph: graph, attributes: attributes, objective: GPUFLOPEstimator())
                .masks(for: graph, sparsity: 0.5, local: true).apply(to: graph)
            pruned = try Reduction(masked).graph
        }
        let inputs = try NumpyArray.read(path: Fixtures.path(Fixtures.inputsFile(for: model)))
        let expected = try NumpyArray.read(path: Fixtures.prunedFolder.appendingPathComponent(file).path)
        let ours = ForwardPass(graph: pruned).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == expected.values.count)
        #expect(worst <= 1e-5, "\(file): largest difference \(worst)")
    }

    static let onnxPredictions: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.prunedFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".onnx.pruned.ort.y.npy") }.sorted()
    }()

    /// `prune` on ONNX input writes a model_pruned.onnx that passes onnx.checker and that
    /// onnxruntime runs; it predicts what the masked IR predicts.
    @Test(arguments: onnxPredictions)
    func prunedONNXPredictsLikeTheMaskedIR(file: String) throws {
        let model = String(file[..<file.range(of: ".pruned.")!.lowerBound])
        let path = Fixtures.onnxFolder.appendingPathComponent(model).path
        let graph = try ONNXModelReader.read(path: path).graph
        let configuration = try HLSConfiguration(yaml: try HLSConfigBuilder(graph: graph).hlsConfig.yaml())
        let pruned = try PruningPlan(graph: graph, attributes: try LayerAttributes.resolve(graph, configuration: configuration),
                                     objective: ParameterEstimator()).masks(for: graph, sparsity: 0.6, local: false).apply(to: graph)
        let base = String(model.dropLast(".onnx".count))
        let inputs = try NumpyArray.read(path: Fixtures.onnxFolder.appendingPathComponent("\(base).x.npy").path)
        let expected = try NumpyArray.read(path: Fixtures.prunedFolder.appendingPathComponent(file).path)
        let ours = ForwardPass(graph: pruned).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.count == expected.values.count && worst <= 1e-5, "\(file): largest difference \(worst)")
    }
}
