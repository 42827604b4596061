import FixedPoint
import FixtureSupport
import Testing

@testable import Firmware

/// `FirmwareModel.profile` against hls4ml's own outputs (the last layer's values are `y.npy`) and
/// against the definition of the integer bits a value needs.
@Suite struct FirmwareProfileTests {
    static let cases = [
        "jet_trained_model_fixed8_3", "jet_trained_rnd_sat_rf4", "act_mlp_tables", "jet_mlp_bn_standalone", "graph_merges_default", "qkeras_act_default",
    ]

    @Test(arguments: cases)
    func theOutputLayerSeesExactlyHLS4MLsOutputs(_ name: String) throws {
        let golden = try FirmwareGoldenTests.Case(name)
        let layers = golden.firmware.profile(golden.x, count: golden.rows)
        let output = try #require(layers.last)
        #expect(output.count == golden.expected.count)
        #expect(output.minimum == golden.expected.min())
        #expect(output.maximum == golden.expected.max())
        let atLimits = golden.expected.filter { $0 == output.typeMinimum || $0 == output.typeMaximum }.count
        #expect(output.valuesAtLimits == atLimits)
        #expect(layers.first?.count == golden.x.count)
    }

    @Test(arguments: cases)
    func integerBitsUsedAreTheFewestThatHoldEveryValue(_ name: String) throws {
        let golden = try FirmwareGoldenTests.Case(name)
        let formats = [golden.firmware.inputFormat] + golden.firmware.stages.map(\.stage.output)
        for (layer, format) in zip(golden.firmware.profile(golden.x, count: golden.rows), formats) {
            func holds(_ integerBits: Int) -> Bool {
                guard integerBits + format.fractionBits >= 1,
                    let narrower = try? FixedPointFormat(width: integerBits + format.fractionBits, integerBits: integerBits, isSigned: format.isSigned, overflow: .wrap)
                else { return false }
                return [layer.minimum, layer.maximum].allSatisfy { FixedPointValue($0, as: narrower).doubleValue == $0 }
            }
            #expect(holds(layer.integerBitsUsed), "\(name) \(layer.name)")
            #expect(!holds(layer.integerBitsUsed - 1) || layer.minimum == 0 && layer.maximum == 0, "\(name) \(layer.name)")
            #expect(layer.unusedIntegerBits == max(0, format.integerBits - layer.integerBitsUsed))
        }
    }
}
