import FixtureSupport
import Foundation
import KerasIO
import ModelIR
import Testing
@testable import Pruning

/// hls4ml 1.3.0's `get_model_masks` on the jet-tagging MLP (Fixtures/masks/jet_mlp.masks.json).
struct GoldenMaskTests {
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // (property names are the JSON keys of the golden-mask file)
    struct Case: Decodable {
        let objective: String
        let structure: String
        let sparsity: Double
        let local: Bool
        let strategy: String
        let reuse_factor: Int
        let layers: [Layer]
        struct Layer: Decodable {
            let name: String
            let optimizable: Bool
            let resources: [Int]
            let savings: [Int]?
            let kept_weights: Int
            let mask: String
        }

        var label: String { "\(objective) \(structure) \(sparsity) \(local ? "local" : "global") \(strategy) RF \(reuse_factor)" }
    }

    struct Golden: Decodable { let cases: [Case] }

    static let golden: Golden = {
        let url = Fixtures.masksFolder.appendingPathComponent("jet_mlp.masks.json")
        return try! JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }()

    static let graph = try! KerasModelReader.read(path: Fixtures.path("jet_mlp.k2.h5")).graph

    static func ours(_ golden: Case, graph: Graph = graph) throws -> PruningResult {
        let objective: any PruningObjective = golden.objective == "dsp" ? VivadoDSPEstimator() : ParameterEstimator()
        // hls4ml's pruning API takes the reuse factor as given, even one its backend would replace.
        let attributes = try LayerAttributes.resolve(graph, defaults: ModelDefaults(precision: "fixed<16,6>", reuseFactor: golden.reuse_factor, strategy: golden.strategy),
                                                     acceptingInvalidReuseFactors: true)
        let plan = try PruningPlan(graph: graph, attributes: attributes, objective: objective,
                                   structure: .init(PruningStructure(rawValue: golden.structure)!))
        return try plan.masks(for: graph, sparsity: golden.sparsity, local: golden.local)
    }

    static func bits(_ layer: LayerPruning) -> String { String(layer.mask.map { $0 != 0 ? "1" : "0" }) }

    /// Same resources, same kept weights per layer and the same mask bits as hls4ml, except where
    /// we normalise global pattern values (docs/deviations.md); see the next test for those.
    @Test(arguments: golden.cases.filter { $0.local || $0.structure != "pattern" })
    func sameMasksAsHLS4ML(_ golden: Case) throws {
        let result = try Self.ours(golden)
        let included = result.layers.filter { $0.optimization.map { $0.pruning } ?? false }
        #expect(included.map(\.attributes.name) == golden.layers.filter(\.optimizable).map(\.name), "\(golden.label)")
        for expected in golden.layers {
            let layer = try #require(result.layers.first { $0.attributes.name == expected.name })
            #expect(layer.resourcesBefore == expected.resources, "\(golden.label) \(expected.name)")
            #expect(layer.keptWeights == expected.kept_weights, "\(golden.label) \(expected.name)")
            #expect(Self.bits(layer) == expected.mask, "\(golden.label) \(expected.name)")
        }
    }

    /// Global pattern selection with normalised values: with RF 1 every pattern is one weight, so the
    /// masks must equal hls4ml's global unstructured ones; with RF 4 the budget is used exactly as
    /// hls4ml uses it (same total of kept weights), only spread differently over the layers.
    @Test(arguments: golden.cases.filter { !$0.local && $0.structure == "pattern" })
    func globalPatternsAreNormalised(_ golden: Case) throws {
        let result = try Self.ours(golden)
        if golden.reuse_factor == 1 {
            let unstructured = try #require(Self.golden.cases.first {
                $0.objective == golden.objective && $0.structure == "unstructured" && $0.sparsity == golden.sparsity
                    && !$0.local && $0.reuse_factor == 1
            })
            for expected in unstructured.layers {
                let layer = try #require(result.layers.first { $0.attributes.name == expected.name })
                #expect(Self.bits(layer) == expected.mask, "\(golden.label) \(expected.name)")
            }
        } else {
            #expect(result.layers.map(\.keptWeights).reduce(0, +) == golden.layers.map(\.kept_weights).reduce(0, +))
            #expect(result.resourcesAfter == [Int((1 - golden.sparsity) * Double(result.resourcesBefore[0]))])
        }
    }
}
