import Testing

@testable import KerasIO

/// Keras arguments beyond float32's range are refused naming the key, not carried as infinities.
@Suite struct LayerConfigFiniteTests {
    @Test func aNumberBeyondFloat32IsRefused() throws {
        let config = LayerConfig(name: "leaky", className: "LeakyReLU", values: try JSONValue.parse(#"{"negative_slope": 1e39}"#), isKeras3: true)
        let error = #expect(throws: ConfigError.self) { try config.float("negative_slope", default: 0.3) }
        #expect(error?.layer == "leaky")
        #expect(error?.message == "'negative_slope' in the LeakyReLU configuration is inf as a float32; expected a finite number")
        #expect(try config.float("missing", default: 0.3) == 0.3)
    }
}
