import FixtureSupport
import Foundation
import Inference
import KerasIO
import ModelIR
import ONNXIO
import Testing

/// Grouped convolutions (Fixtures/grouped from Keras 3, Fixtures/onnx/grouped_nchw.onnx with
/// onnxruntime's outputs; Fixtures/generate/grouped.py): read from both formats, run, and carried
/// through the ONNX exporter and the Keras 3 `.h5` writer.
struct GroupedConvolutionTests {
    static func path(_ name: String) -> String {
        Fixtures.groupedFolder.appendingPathComponent(name).path
    }

    static func worstDifference(_ graph: Graph, inputs: NumpyArray, expected: NumpyArray) -> Float {
        let ours = ForwardPass(graph: graph).run(inputs: [inputs.values], count: inputs.shape[0])[0]
        guard ours.count == expected.values.count else { return .infinity }
        return zip(ours, expected.values).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test(arguments: ["grouped2d.keras", "grouped2d.k3.h5", "grouped1d.keras", "grouped1d.k3.h5"])
    func kerasGroupedConvolutionsPredictLikeKeras(_ file: String) throws {
        let graph = try KerasModelReader.read(path: Self.path(file)).graph
        let groups = graph.layers.compactMap { if case .convolution(let conv) = $0.kind { conv.groups } else { nil } }
        #expect(groups == (file.hasPrefix("grouped2d") ? [2, 2] : [3]))
        let base = String(file.prefix { $0 != "." })
        let worst = Self.worstDifference(graph, inputs: try NumpyArray.read(path: Self.path("\(base).x.npy")),
                                         expected: try NumpyArray.read(path: Self.path("\(base).y.npy")))
        #expect(worst <= 1e-5, "\(file): largest difference \(worst)")
    }

    @Test func onnxGroupIsAGroupedConvolution() throws {
        let graph = try ONNXModelReader.read(path: Fixtures.onnxFolder.appendingPathComponent("grouped_nchw.onnx").path).graph
        let conv = try #require(graph.layer(named: "gconv"))
        guard case .convolution(let attributes) = conv.kind else { Issue.record("gconv is \(conv.kind)"); return }
        #expect(attributes.groups == 2 && !attributes.isDepthwise)
        #expect(conv.weight("kernel")?.tensor.shape == [3, 3, 2, 6])
    }

    /// Keras → IR → ONNX (group attribute) → IR predicts what Keras predicted; and the ONNX → Keras 3
    /// `.h5` writer keeps `groups`, so reading that file back predicts the same again.
    @Test func groupsSurviveExportAndKerasWriting() throws {
        let graph = try KerasModelReader.read(path: Self.path("grouped2d.keras")).graph
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-grouped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let onnxPath = folder.appendingPathComponent("grouped2d.onnx").path
        try ONNXExporter.model(from: graph).serializedData().write(to: URL(fileURLWithPath: onnxPath))
        let exported = try ONNXModelReader.read(path: onnxPath)
        #expect(exported.proto.graph.node.filter { $0.opType == "Conv" }.allSatisfy { $0.attribute.contains { $0.name == "group" && $0.i == 2 } })
        let h5Path = folder.appendingPathComponent("grouped2d.h5").path
        try KerasH5Writer.write(exported.graph, to: h5Path)
        let inputs = try NumpyArray.read(path: Self.path("grouped2d.x.npy"))
        let keras = try NumpyArray.read(path: Self.path("grouped2d.y.npy"))
        #expect(Self.worstDifference(exported.graph, inputs: inputs, expected: keras) <= 1e-5)
        #expect(Self.worstDifference(try KerasModelReader.read(path: h5Path).graph, inputs: inputs, expected: keras) <= 1e-5)
    }
}
