import FixedPoint
import FixtureSupport
import Foundation
import Testing

@testable import Firmware

/// The types the emulation computes in against those hls4ml 1.3.0 gave its layers (`types.json`
/// of each `Fixtures/firmware` case, read from the converted `hls_model`): every stage's output
/// must be its layer's `result_t`, including the `auto` results hls4ml infers (merges,
/// concatenations, Dense accumulators) and QKeras quantizers' types.
@Suite struct FirmwareTypesTests {
    /// hls4ml's `result_t` precision text by layer name.
    static func resultTypes(_ name: String) throws -> [String: String] {
        let data = try Data(contentsOf: Fixtures.firmwareFolder.appendingPathComponent("\(name)/types.json"))
        let layers = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var result: [String: String] = [:]
        for layer in layers {
            if let name = layer["name"] as? String, let types = layer["types"] as? [String: [String: String]], let text = types["result_t"]?["precision"] {
                result[name] = text
            }
        }
        return result
    }

    /// The format as hls4ml's Python side prints a precision: modes and saturation bits written out
    /// when they are not the defaults; integer formats as `ap_int<W>`/`ap_uint<W>`.
    static func hls4mlText(_ format: FixedPointFormat, integer: Bool) -> String {
        let sign = format.isSigned ? "" : "u"
        if integer { return "ap_\(sign)int<\(format.width)>" }
        var text = "ap_\(sign)fixed<\(format.width),\(format.integerBits)"
        if format.quantization != .truncate || format.overflow != .wrap || format.saturationBits != 0 {
            text += ",AP_\(format.quantization.rawValue),AP_\(format.overflow.rawValue),\(format.saturationBits)"
        }
        return text + ">"
    }

    @Test(arguments: Fixtures.firmwareCases)
    func everyStageWritesItsLayersResultType(_ name: String) throws {
        let golden = try FirmwareGoldenTests.Case(name)
        let expected = try Self.resultTypes(name)
        var compared = 0
        for (_, stage) in golden.firmware.stages {
            guard let text = expected[stage.name] else { continue }
            let integer = text.contains("int<")
            #expect(Self.hls4mlText(stage.output, integer: integer) == text, "\(name): \(stage.name)")
            compared += 1
        }
        #expect(compared >= golden.firmware.stages.count / 2, "\(name): only \(compared) of \(golden.firmware.stages.count) stages compared")
    }

    /// `_get_precision_from_constant` against the `param_t` hls4ml gave the LeakyReLU (slope 0.1),
    /// the ReLU with slope 0.25, the ELU (alpha 0.8) and the `elu` activation (alpha 1) of
    /// `graph_activations_default`.
    @Test(arguments: [("leaky", 0.1), ("relu_slope", 0.25), ("elu", 0.8), ("fc_elu_elu", 1.0)])
    func constantParametersTakeHLS4MLsType(_ layer: String, _ value: Double) throws {
        let data = try Data(contentsOf: Fixtures.firmwareFolder.appendingPathComponent("graph_activations_default/types.json"))
        let layers = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let entry = try #require(layers.first { $0["name"] as? String == layer })
        let expected = try #require((entry["types"] as? [String: [String: String]])?["param_t"]?["precision"])
        #expect(Self.hls4mlText(try InferredTypes.constant(value, layer: "test"), integer: false) == expected)
    }
}
