import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import ONNXIO
import Testing

/// `config_from_onnx_model` for the ONNX fixtures (Fixtures/hls4ml/onnx_configs.json, from hls4ml
/// 1.3.0 after qonnx's clean-up and GemmToMatMul): the same tree at name and type granularity
/// (Vivado), from our own mirror of qonnx's names; and no names where hls4ml refuses the graph.
struct GoldenONNXConfigTests {
    /// Per fixture: `name` and `type` configurations, or hls4ml's `error`.
    static let golden = try! ConfigTree(yaml: String(contentsOf: Fixtures.hls4mlFolder.appendingPathComponent("onnx_configs.json"), encoding: .utf8))

    static let fixtures: [String] = {
        guard case .mapping(let members) = golden else { return [] }
        return members.map(\.0).sorted()
    }()

    static func model(_ fixture: String) throws -> ONNXModel {
        try ONNXModelReader.read(path: Fixtures.onnxFolder.appendingPathComponent(fixture).path)
    }

    @Test(arguments: fixtures.filter { golden[$0]?["error"] == nil })
    func sameConfigurationAsHLS4ML(_ fixture: String) throws {
        let model = try Self.model(fixture)
        let names = try #require(HLS4MLONNXNames(model), "\(fixture): hls4ml takes this graph, so its names must be mirrored")
        for granularity in [Granularity.name, .type] {
            var builder = HLSConfigBuilder(graph: model.graph)
            builder.backend = .vivado
            builder.granularity = granularity
            builder.onnxLayers = names.layers
            let expected = try #require(Self.golden[fixture]?[granularity.rawValue])
            let ours = builder.hlsConfig
            let text = try ours.yaml()
            #expect(GoldenConfigTests.sorted(ours) == GoldenConfigTests.sorted(expected), "\(fixture) \(granularity): ours \(text)")
        }
        // Every IR Dense layer is tied to a MatMul and its kernel constant.
        let denseLayers = model.graph.layers.filter { if case .dense = $0.kind { true } else { false } }.map(\.name)
        #expect(Set(names.dense.keys) == Set(denseLayers))
        #expect(names.dense.values.allSatisfy { $0.layer.hasPrefix("MatMul_") && $0.weight == $0.layer + "_param0" })
    }

    @Test(arguments: fixtures.filter { golden[$0]?["error"] != nil })
    func noNamesWhereHLS4MLRefuses(_ fixture: String) throws {
        #expect(HLS4MLONNXNames(try Self.model(fixture)) == nil)
    }
}
