import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import KerasIO
import ModelIR
import Pruning
import Testing

/// hls4ml 1.3.0's own resolution of precisions, reuse factors and strategies
/// (`Fixtures/hls4ml_precedence`, made by `Fixtures/generate/hls4ml_precedence.py`): for each
/// configuration, the weight headers' type names and precisions equal hls4ml's, and the pruning
/// attributes see exactly the header's weight precision, reuse factor and strategy.
@Suite struct PrecedenceGoldenTests {
    static let folder = Fixtures.folder.deletingLastPathComponent().appendingPathComponent("hls4ml_precedence")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/config.json").path) }.sorted()
    }()

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct GoldenLayer: Decodable {
        struct Weight: Decodable {
            var `var`: String
            var type: String
            var precision: String
        }
        var name: String
        var weights: [String: Weight]
        var reuse_factor: Int?
        var strategy: String?
    }

    static func load(_ name: String) throws -> (graph: Graph, configuration: HLSConfiguration) {
        let document = try ConfigTree(contentsOf: folder.appendingPathComponent("\(name)/config.json").path)
        guard case .string(let model)? = document["model"], let hls = document["hls_config"] else { throw ConfigurationError("\(name): no model or hls_config") }
        let graph = try KerasModelReader.read(path: Fixtures.folder.deletingLastPathComponent().appendingPathComponent(model).path).graph
        return (graph, try HLSConfiguration(tree: hls))
    }

    @Test func everyCaseIsHere() {
        #expect(Self.cases.count >= 15, "expected the generated cases in \(Self.folder.path)")
    }

    @Test(arguments: cases)
    func headersAndPruningAgreeWithHLS4ML(name: String) throws {
        let (graph, configuration) = try Self.load(name)
        let errorFile = Self.folder.appendingPathComponent("\(name)/error.txt")
        if FileManager.default.fileExists(atPath: errorFile.path) {
            // hls4ml refuses the configuration; so do we, before writing anything.
            #expect(throws: ConfigurationError.self) { try WeightVariable.all(in: graph, configuration: configuration) }
            #expect(throws: ConfigurationError.self) { try LayerAttributes.resolve(graph, configuration: configuration) }
            return
        }
        let golden = try JSONDecoder().decode([GoldenLayer].self, from: Data(contentsOf: Self.folder.appendingPathComponent("\(name)/types.json")))
        let variables = Dictionary(uniqueKeysWithValues: try WeightVariable.all(in: graph, configuration: configuration).map { ($0.name, $0) })
        let attributes = Dictionary(uniqueKeysWithValues: try LayerAttributes.resolve(graph, configuration: configuration).map { ($0.name, $0) })
        for layer in golden {
            for weight in layer.weights.values {
                let ours = try #require(variables[weight.var])
                #expect(ours.typeName == weight.type, "\(name) \(layer.name) \(weight.var)")
                #expect(ours.precision == Precision(weight.precision), "\(name) \(layer.name) \(weight.var): \(ours.precision) vs \(weight.precision)")
            }
            guard let pruning = attributes[layer.name], let kernel = layer.weights["weight"] else { continue }
            #expect(Precision.fixed(pruning.weightPrecision) == Precision(kernel.precision), "\(name) \(layer.name): pruning sees another weight precision")
            #expect(pruning.reuseFactor == layer.reuse_factor, "\(name) \(layer.name)")
            #expect(pruning.strategy.rawValue.lowercased() == layer.strategy, "\(name) \(layer.name)")
        }
    }
}
