import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import KerasIO
import ModelIR
import Testing

@Suite struct EmitCommandTests {
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-emit-\(UUID().uuidString)")
    }

    static func files(in folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    /// The Keras 2 file holds the weights hls4ml converted from the Keras 3 file: same bytes out.
    @Test func weightFilesEqualHLS4MLsForResourceRF4() throws {
        let output = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", output.path, "--strategy", "Resource", "--reuse-factor", "4")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let golden = Fixtures.hls4mlFolder.appendingPathComponent("jet_mlp_resource_rf4")
        #expect(try Self.files(in: output.appendingPathComponent("firmware/weights")) == Self.files(in: golden.appendingPathComponent("weights")))
        var expected = try ConfigTree(yaml: String(contentsOf: golden.appendingPathComponent("hls4ml_config.json"), encoding: .utf8))
        expected["HLSConfig"]?["Model"]?["ReuseFactor"] = .int(4)  // the golden case edited only the layers
        let ours = try ConfigTree(yaml: String(contentsOf: output.appendingPathComponent("hls4ml_config.yml"), encoding: .utf8))
        #expect(GoldenOrder.sorted(ours) == GoldenOrder.sorted(expected))
    }

    /// A folder holding a user's file is refused with or without --force, and the file is kept.
    @Test func folderWithOtherFilesIsRefused() throws {
        let output = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: output.appendingPathComponent("notes.txt"))
        for force in [[], ["--force"]] {
            let refused = try Command.run(["emit", Command.fixture("jet_mlp.k2.h5"), "-o", output.path] + force)
            #expect(refused.exitCode == 1)
            #expect(refused.standardError.contains("holds files hlsprune did not write (notes.txt)"), "\(refused.standardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["notes.txt"])
        }
    }

    /// hls4ml has no grouped convolution, so there is nothing faithful to write: a clear error and no folder.
    @Test func groupedConvolutionIsRefused() throws {
        let output = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("emit", Fixtures.groupedFolder.appendingPathComponent("grouped2d.keras").path, "-o", output.path)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer gconv1: grouped convolution (groups = 2) has no hls4ml equivalent"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func failedRunLeavesNothing() throws {
        let parent = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let config = parent.appendingPathComponent("bad.yml")
        try "LayerName:\n  fc1:\n    ReuseFactor: 3\nModel:\n  Strategy: Resource\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", parent.appendingPathComponent("out").path, "--config", config.path, "--strict")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer fc1: reuse factor 3 is not one hls4ml accepts"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["bad.yml"])
    }
}

/// Mapping keys sorted, so trees compare regardless of insertion order.
enum GoldenOrder {
    static func sorted(_ tree: ConfigTree) -> ConfigTree {
        switch tree {
        case .mapping(let members): .mapping(members.map { ($0.0, sorted($0.1)) }.sorted { $0.0 < $1.0 })
        case .sequence(let items): .sequence(items.map(sorted))
        default: tree
        }
    }
}
