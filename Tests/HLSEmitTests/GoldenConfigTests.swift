import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import KerasIO
import Testing

/// `hls4ml_config.yml` as parsed trees against hls4ml 1.3.0's (Fixtures/hls4ml), for the settings
/// each golden case was made with.
struct GoldenConfigTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let `case`: String
        let model: String
        let granularity: String
        let edited: String?
        var testDescription: String { self.case }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = Fixtures.hls4mlFolder.appendingPathComponent("cases.json")
        return (try? JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases) ?? []
    }()

    /// Mappings with their keys sorted, so that trees compare regardless of insertion order.
    static func sorted(_ tree: ConfigTree) -> ConfigTree {
        switch tree {
        case .mapping(let members): .mapping(members.map { ($0.0, sorted($0.1)) }.sorted { $0.0 < $1.0 })
        case .sequence(let items): .sequence(items.map(sorted))
        default: tree
        }
    }

    @Test(arguments: cases)
    func configEqualsHLS4MLs(_ golden: Case) throws {
        let folder = Fixtures.hls4mlFolder.appendingPathComponent(golden.case)
        let expected = try ConfigTree(yaml: String(contentsOf: folder.appendingPathComponent("hls4ml_config.json"), encoding: .utf8))
        let graph = try KerasModelReader.read(path: Fixtures.folder.deletingLastPathComponent().appendingPathComponent(golden.model).path).graph
        var builder = HLSConfigBuilder(graph: graph)
        builder.granularity = Granularity(rawValue: golden.granularity)!
        var options = HLSConfigBuilder.WriterOptions()
        if golden.case.hasSuffix("namespace_no_txt") { options = .init(namespace: "myns", writesWeightsText: false) }
        if golden.edited == "resource" { builder.strategy = .resource }
        var hls = builder.hlsConfig
        if golden.edited == "resource" {
            // The generator set every layer's ReuseFactor to 4 and left Model's at 1.
            builder.defaultReuseFactor = 4
            hls = hls.merging(.mapping([("LayerName", builder.hlsConfig["LayerName"]!)]))
        }
        if golden.edited == "precisions" {
            hls = hls.merging(try ConfigTree(yaml: """
                LayerName:
                  fc1: {Precision: {weight: "ap_fixed<8,3>"}}
                  fc2: {Precision: {weight: "ap_fixed<18,8>", bias: "ap_fixed<18,8>"}}
                """))
        }
        let ours = builder.document(hlsConfig: hls, options: options)
        let text = try ours.yaml()
        #expect(Self.sorted(ours) == Self.sorted(expected), "\(golden.case): ours \(text)")
        // The YAML we write parses back to the same tree.
        #expect(Self.sorted(try ConfigTree(yaml: text)) == Self.sorted(ours))
    }
}
