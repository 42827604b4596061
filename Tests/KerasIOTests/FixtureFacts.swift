import FixtureSupport
import Foundation

// swift-format-ignore: AlwaysUseLowerCamelCase
// (property names are the JSON keys that generate.py writes)
/// Keras's own view of a fixture model, written by `Fixtures/generate/generate.py`.
struct FixtureFacts: Decodable {
    struct WeightFacts: Decodable {
        var name: String
        var shape: [Int]
        var zeros: Int
        var fnv1a64: String
    }

    struct LayerFacts: Decodable {
        var name: String
        var `class`: String
        var output_shape: [Int]
        var parameters: Int
        var weights: [WeightFacts]
    }

    var keras_version: String
    var input_shapes: [[Int]]
    var layers: [LayerFacts]
}

extension Fixtures {
    static func facts(_ name: String) throws -> FixtureFacts {
        try JSONDecoder().decode(FixtureFacts.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

/// FNV-1a (64-bit) over the little-endian float32 bytes, the checksum the generator records.
func fnv1a64(_ values: [Float]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for value in values {
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
