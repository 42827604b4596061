import FixtureSupport
import Foundation
import HLSConfig
import Inference
import KerasIO
import ModelIR
import Pruning
import Testing

/// QDense/QConv layers are optimisable like their float twins, and the weight width the objectives
/// read is the quantizer's (hls4ml's `config_from_keras_model` writes the quantizer type as the
/// layer's weight precision), whatever the model default.
struct QuantizedLayerAttributeTests {
    static func graph(_ model: String) throws -> Graph {
        try KerasModelReader.read(path: Fixtures.qkerasFolder.appendingPathComponent("\(model).h5").path).graph
    }

    @Test(arguments: ["qjet_6bit", "qmixed_mlp", "qcnn2d"])
    func weightWidthIsTheQuantizers(model: String) throws {
        let graph = try Self.graph(model)
        let attributes = try LayerAttributes.resolve(graph, defaults: .init(precision: "fixed<16,6>"))
        let quantized = graph.layers.filter { $0.weightQuantizers["kernel"] != nil && $0.className != "QDepthwiseConv2D" }
        #expect(attributes.map(\.name) == quantized.map(\.name))
        for (layer, attribute) in zip(quantized, attributes) {
            guard case .bits(let q) = layer.weightQuantizers["kernel"] else { Issue.record("\(layer.name): unexpected quantizer"); continue }
            #expect(attribute.weightPrecision.width == q.bits, "\(layer.name)")
            #expect(attribute.weightPrecision.integerBits == (q.bits == q.integer ? q.bits : q.integer + 1), "\(layer.name)")
            // hls4ml's VivadoDSPEstimator: weights under 9 bits are multiplied in LUTs.
            let dsps = VivadoDSPEstimator().resources(of: attribute)[0]
            #expect((dsps == 0) == (q.bits < 9), "\(layer.name): \(q.bits)-bit weights, \(dsps) DSPs")
        }
    }
}

/// QKeras loaded the `model_pruned.h5` that `hlsprune prune --objective parameters --sparsity 0.6`
/// wrote for each QKeras fixture, with every Q layer and quantizer kept, and predicted the fixture
/// batch (`Fixtures/qkeras/pruned`, `qkeras_pruned.py`); the IR masked the same way must agree.
struct PrunedQKerasModelTests {
    /// Model files (relative to `Fixtures/qkeras`) with QKeras's predictions of their pruned copies:
    /// `pruned/<model>.y.npy` (QKeras 0.9) and `keras3/pruned/<model>.<h5|keras>.y.npy` (qkeras-v3).
    static let files: [String] = {
        let list = { (folder: String) in (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.qkerasFolder.appendingPathComponent(folder).path)) ?? [] }
        return list("pruned").map { String($0.dropLast(".y.npy".count)) + ".h5" }.sorted()
            + list("keras3/pruned").map { "keras3/" + String($0.dropLast(".y.npy".count)) }.sorted()
    }()

    @Test func qkerasLoadedThePrunedModels() {
        #expect(Self.files.count >= 10)
    }

    @Test(arguments: files)
    func maskedModelPredictsWhatQKerasPredicts(file: String) throws {
        let folder = Fixtures.qkerasFolder
        let model = String(file.prefix { $0 != "." })
        let graph = try KerasModelReader.read(path: folder.appendingPathComponent(file).path).graph
        let pruned = try PrunedModelKerasTests.pruned(graph, variant: "pruned")
        let inputs = try NumpyArray.read(path: folder.appendingPathComponent("\(model).x.npy").path)
        let predictions = file.hasPrefix("keras3/") ? "keras3/pruned/\(file.dropFirst("keras3/".count)).y.npy" : "pruned/\(model).y.npy"
        let expected = try NumpyArray.read(path: folder.appendingPathComponent(predictions).path)
        let ours = ForwardPass(graph: pruned).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        #expect(ours.count == expected.values.count)
        let worst = zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-6, "\(model): largest difference from QKeras \(worst)")
    }
}
