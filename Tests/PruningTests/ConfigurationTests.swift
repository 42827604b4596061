import HLSConfig
import HLSEmit
import ModelIR
import Testing
@testable import Pruning

/// Reading hls4ml configurations and resolving per-layer settings (issue 5, behaviour doc §1.3, §3).
struct ConfigurationTests {
    static func graph() throws -> Graph {
        try TestModels.denseChain(inputs: 16, kernels: [([16, 64], TestModels.ramp(1024)), ([64, 8], TestModels.ramp(512))],
                                  activation: .relu)
    }

    /// A whole hls4ml_config.yml as hls4ml writes it (tags, auto precisions, dict-valued Model.Precision).
    static let written = """
        Backend: Vitis
        HLSConfig:
          LayerName:
            dense_1:
              Precision:
                accum: auto
                bias: auto
                result: auto
                weight: ap_fixed<18,8>
              ReuseFactor: 4
              Trace: false
            dense_1_relu:
              Precision:
                result: auto
              Trace: false
            input:
              Precision:
                result: auto
          LayerType:
            Dense:
              Precision:
                weight: ap_fixed<10,4>
          Model:
            BramFactor: 1000000000
            Precision:
              default: fixed<16,6>
              maximum: fixed<32,16>
            ReuseFactor: 2
            Strategy: Resource
            TraceOutput: false
        IOType: io_stream
        KerasModel: !keras_model 'prj/keras_model.keras'
        Stamp: 50ea7a61
        """

    @Test func settingsFallBackFromNameToTypeToModel() throws {
        let configuration = try HLSConfiguration(yaml: Self.written)
        let layers = try LayerAttributes.resolve(try Self.graph(), configuration: configuration)
        #expect(layers.map(\.name) == ["dense_1", "dense_2"])
        #expect(layers[0].weightPrecision.width == 18)
        #expect(layers[0].outputPrecision.width == 16)  // auto → the model default
        #expect(layers[0].reuseFactor == 4)
        #expect(layers[1].weightPrecision.width == 10)  // not in LayerName → LayerType.Dense
        #expect(layers[1].reuseFactor == 2)
        #expect(layers.allSatisfy { $0.strategy == .resource && $0.ioType == .stream })
    }

    @Test func commandLineReplacesTheModelBlockOnly() throws {
        let configuration = try HLSConfiguration(yaml: Self.written)
        let layers = try LayerAttributes.resolve(try Self.graph(), configuration: configuration,
                                                 defaults: ModelDefaults(reuseFactor: 8, strategy: "Latency"))
        #expect(layers[0].reuseFactor == 4)
        #expect(layers[1].reuseFactor == 8)
        #expect(layers.allSatisfy { $0.strategy == .latency })
    }

    @Test func jsonHLSConfigPartAlone() throws {
        let json = #"{"Model": {"Precision": "ap_fixed<12,4>", "ReuseFactor": 1, "Strategy": "Resource_Unrolled"},\#n\#t"LayerName": {"dense_2": {"Precision": {"weight": "ap_int<8>"}}}}"#
        let layers = try LayerAttributes.resolve(try Self.graph(), configuration: try HLSConfiguration(yaml: json))
        #expect(layers[0].weightPrecision.width == 12 && layers[0].strategy == .resourceUnrolled)
        #expect(layers[1].weightPrecision == .init(width: 8, integerBits: 8, isInteger: true))
        #expect(layers[0].ioType == .parallel)
    }

    @Test func unknownLayerNameIsAnError() throws {
        let configuration = try HLSConfiguration(yaml: "LayerName:\n  dense_9:\n    ReuseFactor: 2\n")
        let error = try #require(throws: PruningError.self) { try LayerAttributes.resolve(try Self.graph(), configuration: configuration) }
        #expect(error.layer == "dense_9")
        #expect(error.message.contains("dense_1, dense_2"))
    }

    /// hls4ml's Resource strategy accepts RF 3 for 16×64 only after silently changing it; we list the valid ones.
    @Test func invalidReuseFactorListsValidOnes() throws {
        let error = try #require(throws: PruningError.self) {
            try LayerAttributes.resolve(try Self.graph(), defaults: ModelDefaults(reuseFactor: 3, strategy: "Resource"))
        }
        #expect(error.layer == "dense_1")
        #expect(error.message.contains("valid: 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024"))
        // Latency accepts any reuse factor.
        #expect(throws: Never.self) { try LayerAttributes.resolve(try Self.graph(), defaults: ModelDefaults(reuseFactor: 3)) }
    }

    @Test(arguments: [("Strategy: Distributed\n", "strategy"), ("IOType: io_serial\n", "IOType"),
                      ("Model:\n  Precision: float\n", "floating point"), ("Model:\n  ReuseFactor: many\n", "whole number"),
                      ("Model:\n  Precision: auto\n", "auto")])
    func badSettingsAreExplained(_ yaml: String, _ expected: String) throws {
        let text = yaml.hasPrefix("Strategy") ? "Model:\n  " + yaml : yaml
        let error = try #require(throws: (any Error).self) {
            try LayerAttributes.resolve(try Self.graph(), configuration: try HLSConfiguration(yaml: text))
        }
        #expect("\(error)".contains(expected), "\(error)")
    }

    @Test func validReuseFactorRuleMatchesHLS4ML() {
        // hls4ml's _validate_reuse_factor for n_in = 16, n_out = 64 and for 64 × 32.
        #expect(LayerAttributes.validReuseFactors(inputs: 16, outputs: 64) == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024])
        #expect(LayerAttributes.validReuseFactors(inputs: 6, outputs: 5) == [1, 2, 3, 6, 30])
    }

    /// hls4ml's get_closest_reuse_factor: nearest valid value, the smaller on a tie, clamped at both ends.
    @Test(arguments: [(3, 2), (6, 4), (7, 8), (5, 4), (100, 30), (0, 1), (29, 30), (18, 8), (19, 8), (20, 30)])
    func closestReuseFactorRuleMatchesHLS4ML(_ requested: Int, _ expected: Int) {
        #expect(LayerAttributes.closestReuseFactor(to: requested, among: [1, 2, 4, 8, 30]) == expected)
    }
}
