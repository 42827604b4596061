import FixtureSupport
import Foundation
import GraphPasses
import Inference
import KerasIO
import ModelIR
import ONNXIO
import Testing

/// The canonical form of exported graphs (``PassPipeline/standard`` after the node-by-node
/// reader): a tf2onnx export reads as the Keras model it came from, a PyTorch export as
/// Conv1D/Conv2D + BatchNormalization + Dense with at most one Permute, at the input; both still
/// predict what onnxruntime does.
@Suite struct CanonicalFormTests {
    static func path(_ name: String) -> String { Fixtures.onnxFolder.appendingPathComponent(name).path }
    static let tf2onnxExports = Fixtures.onnxModels.filter { $0.hasSuffix(".tf2onnx.onnx") }
    static let torchExports = Fixtures.onnxModels.filter { $0.hasPrefix("torch_") }

    static func canonical(_ name: String) throws -> (raw: Graph, result: PassPipeline.Result) {
        let raw = try ONNXModelReader.read(path: path(name)).graph
        return (raw, try PassPipeline.standard.run(on: raw))
    }

    /// The largest difference between `graph`'s outputs on `<base>.x.npy` and the stored `<base>.<oracle>.y.npy`.
    static func worstDifference(_ graph: Graph, _ name: String, oracle: String = "ort") throws -> Float {
        let base = String(name.dropLast(".onnx".count))
        let inputs = try NumpyArray.read(path: path("\(base).x.npy"))
        let expected = try NumpyArray.read(path: path("\(base).\(oracle).y.npy"))
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        guard ours.count == expected.values.count else { return .infinity }
        return zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
    }

    static func layoutLayers(_ graph: Graph) -> Int {
        graph.layers.filter { ["Permute", "Reshape", "Flatten"].contains($0.className) }.count
    }

    /// Class and weight shapes of each layer with weights, in order.
    static func weighted(_ graph: Graph) -> [String] {
        graph.layers.filter { !$0.weights.isEmpty }.map { "\($0.className) \($0.weights.map(\.tensor.shape))" }
    }

    @Test func everyKerasFixtureExportedByTF2ONNXIsCovered() {
        #expect(Self.tf2onnxExports.count >= 5)
    }

    @Test(arguments: tf2onnxExports)
    func tf2onnxExportsReadAsTheirKerasModel(_ name: String) throws {
        let keras = try KerasModelReader.read(path: Fixtures.path("\(Fixtures.baseName(of: name)).k2.h5")).graph
        let (raw, result) = try Self.canonical(name)
        #expect(Self.weighted(result.graph) == Self.weighted(keras), "\(name): raw \(raw.layers.map(\.className))")
        #expect(Self.layoutLayers(result.graph) <= Self.layoutLayers(keras) + 1, "\(name): \(result.graph.layers.map(\.className))")
        #expect(try Self.worstDifference(result.graph, name) <= 1e-5)
    }

    /// The issue's example: 29 layers node by node, 18 of them Permute/Reshape.
    @Test func theConv1DExportLosesItsExpandDimsPermutesAndBiasLayers() throws {
        let (raw, result) = try Self.canonical("conv1d.tf2onnx.onnx")
        #expect(Self.layoutLayers(raw) > 10)
        #expect(!result.graph.layers.contains { $0.className == "Conv2D" || $0.className == "Permute" || $0.className == "Reshape" })
        // The padding in front of each convolution folded into it; the model's own ZeroPadding1D stays.
        #expect(result.graph.layers.filter { $0.className.hasPrefix("ZeroPadding") }.map(\.name) == ["conv1d/pad/Pad"])
        // Each BiasAdd became its convolution's bias (conv3 has none in the Keras model).
        #expect(!result.graph.layers.contains { $0.className == "BatchNormalization" })
        #expect(result.graph.layers.filter { $0.className == "Conv1D" }.map { $0.weight("bias") != nil } == [true, true, false])
    }

    /// Pruning's path: kernels and biases changed in the canonical graph, written back through
    /// their origins into the original initializers, read again: the canonical graph has exactly
    /// the changed values (Dense rows un-permuted, fused biases in their `Add` constants, Conv1D
    /// kernels in their Conv2D initializers).
    @Test(arguments: Fixtures.onnxModels.filter { $0 != "mlp_external.onnx" })
    func changedCanonicalWeightsAreWrittenToTheirInitializers(_ name: String) throws {
        let model = try ONNXModelReader.read(path: Self.path(name))
        let result = try PassPipeline.standard.run(on: model.graph)
        var changed = result.graph
        for layer in result.graph.layers {
            // The weights whose origin is bound to an initializer (kernels and biases).
            for weight in layer.weights where result.origins.byLayer[layer.name]?[weight.name].flatMap({ model.bindings[$0.layer]?[$0.weight] }) != nil {
                // Every other value zeroed, the rest shifted: a misplaced value shows.
                let values = weight.tensor.values.enumerated().map { $0.offset % 2 == 0 ? 0 : $0.element + 0.25 }
                try changed.setValues(values, ofWeight: weight.name, inLayer: layer.name)
            }
        }
        #expect(changed != result.graph)
        let raw = try result.origins.writing(changed, onto: model.graph)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-canonical-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = folder.appendingPathComponent(name).path
        try ONNXModelWriter.data(raw, over: model).write(to: URL(fileURLWithPath: written))
        let reread = try PassPipeline.standard.run(on: try ONNXModelReader.read(path: written).graph).graph
        #expect(reread.layers.map(\.name) == changed.layers.map(\.name))
        for (after, expected) in zip(reread.layers, changed.layers) {
            let same = after.weights == expected.weights
            #expect(same, "\(name): layer \(expected.name) reads back other weights than were written")
        }
    }

    @Test func everyTorchNetworkIsCovered() {
        #expect(Self.torchExports == ["torch_cnn2d.onnx", "torch_conv1d.onnx", "torch_mlp.onnx"])
    }

    @Test(arguments: torchExports)
    func torchExportsReadAsConvolutionsBatchNormalizationAndDense(_ name: String) throws {
        let (_, result) = try Self.canonical(name)
        let graph = result.graph
        let permutes = graph.layers.enumerated().filter { $0.element.className == "Permute" }
        #expect(permutes.count <= 1)
        #expect(permutes.allSatisfy { $0.offset == 1 && $0.element.inputs == graph.inputs }, "\(graph.layers.map(\.className))")
        let classes = Set(graph.layers.filter { !$0.weights.isEmpty }.map(\.className))
        #expect(classes.isSubset(of: ["Conv1D", "Conv2D", "BatchNormalization", "Dense"]))
        #expect(!graph.layers.contains { $0.className.hasPrefix("ZeroPadding") || $0.className == "Reshape" })
        #expect(try Self.worstDifference(graph, name) <= 1e-5)
        #expect(try Self.worstDifference(graph, name, oracle: "torch") <= 1e-5)
    }

    @Test func theTorchCNNKeepsItsBatchNormalizationAndFoldsItsPadding() throws {
        let graph = try Self.canonical("torch_cnn2d.onnx").result.graph
        #expect(graph.layers.map(\.className) == ["InputLayer", "Permute", "Conv2D", "BatchNormalization", "Activation", "MaxPooling2D",
                                                  "Conv2D", "Activation", "Flatten", "Dense"])
        guard case .convolution(let first) = graph.layers[2].kind else { Issue.record("no convolution"); return }
        #expect(first.padding == .same)
    }
}
