import FixtureSupport
import Foundation
import HLSConfig
import Testing

/// A reuse factor a Resource layer cannot use is replaced as hls4ml 1.3.0 replaces it: the same
/// warning, headers in the replaced layout, the requested value kept in hls4ml_config.yml
/// (Fixtures/hls4ml/reuse_factors, made by Fixtures/generate/hls4ml_reuse_factors.py).
@Suite struct ReuseFactorReplacementTests {
    static let folder = Fixtures.hls4mlFolder.appendingPathComponent("reuse_factors")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".json") }.sorted()
    }()

    /// `<model>_resource_rf<N>` → (model fixture, N).
    static func parse(_ name: String) throws -> (model: String, reuseFactor: String) {
        let parts = name.components(separatedBy: "_resource_rf")
        return (try #require(parts.first), try #require(parts.last))
    }

    @Test func casesWereRecorded() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases)
    func emitWritesWhatHLS4MLWrites(_ name: String) throws {
        let (model, reuseFactor) = try Self.parse(name)
        let golden = Self.folder.appendingPathComponent(name)
        let result = try EmitGolden.expectEqual([Command.fixture("\(model).keras"), "--strategy", "Resource", "--reuse-factor", reuseFactor], to: golden)
        // hls4ml's warnings, in its words and order, after our "warning: ".
        let hls4mlWarnings = try String(contentsOf: golden.appendingPathComponent("warnings.txt"), encoding: .utf8)
            .split(separator: "\n").map { "warning: " + $0.replacingOccurrences(of: "WARNING: ", with: "") }
        let printed = result.standardError.split(separator: "\n").map(String.init).filter { $0.contains("ReuseFactor") }
        #expect(!hls4mlWarnings.isEmpty && printed == hls4mlWarnings, "\(result.standardError)")
    }

    @Test(arguments: cases)
    func strictRefusesWithoutOutput(_ name: String) throws {
        let (model, reuseFactor) = try Self.parse(name)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-rf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("emit", Command.fixture("\(model).keras"), "-o", output.path, "--strategy", "Resource",
                                     "--reuse-factor", reuseFactor, "--strict")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("reuse factor \(reuseFactor) is not one hls4ml accepts"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// prune selects with the reuse factors the firmware uses, and says which it replaced.
    @Test func pruneUsesTheReplacedReuseFactors() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-rf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let golden = Self.folder.appendingPathComponent("jet_mlp_resource_rf9")
        let result = try Command.run("prune", Command.fixture("jet_mlp.keras"), "-o", output.path, "--strategy", "Resource", "--reuse-factor", "9",
                                     "--structure", "pattern", "--sparsity", "0.5")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardError.contains("Invalid ReuseFactor=9 in layer \"output\".Using ReuseFactor=8 instead."), "\(result.standardError)")
        // The written configuration keeps the requested value, as hls4ml's does.
        let ours = try ConfigTree(yaml: String(contentsOf: output.appendingPathComponent("hls4ml_config.yml"), encoding: .utf8))
        let expected = try ConfigTree(yaml: String(contentsOf: golden.appendingPathComponent("hls4ml_config.json"), encoding: .utf8))
        #expect(ours["HLSConfig"]?["LayerName"]?["output"]?["ReuseFactor"] == expected["HLSConfig"]?["LayerName"]?["output"]?["ReuseFactor"])
        #expect(ours["HLSConfig"]?["LayerName"]?["output"]?["ReuseFactor"] == .int(9))
    }
}
