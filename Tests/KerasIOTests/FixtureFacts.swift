import Foundation

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

enum Fixtures {
    /// `Fixtures/models` of this repository.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/models")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every model file with the facts file that describes it: `.k2.h5` ↔ `.k2.json`,
    /// `.k3.h5` and `.keras` ↔ `.k3.json`.
    static let modelFiles: [(model: String, facts: String)] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            if name.hasSuffix(".k2.h5") { return (name, name.replacingOccurrences(of: ".h5", with: ".json")) }
            if name.hasSuffix(".k3.h5") { return (name, name.replacingOccurrences(of: ".h5", with: ".json")) }
            if name.hasSuffix(".keras") { return (name, name.replacingOccurrences(of: ".keras", with: ".k3.json")) }
            return nil
        }
    }()

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
