import FixtureSupport
import Foundation
import Testing

/// The README's Swift library example is `Examples/PruneForDSPs` word for word, and what it
/// writes equals what the equivalent `hlsprune prune` writes, byte for byte (report.json apart
/// from its timing).
@Suite struct LibraryExampleTests {
    static let repository = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeShowsTheExampleVerbatim() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "Swift library"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```swift\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        let example = try String(contentsOf: Self.repository.appendingPathComponent("Examples/PruneForDSPs/Sources/PruneForDSPs/main.swift"), encoding: .utf8)
        #expect(String(rest[start.upperBound..<end.lowerBound]) == example)
    }

    @Test(arguments: [Fixtures.path("jet_mlp.k2.h5"), Fixtures.trainedFolder.appendingPathComponent("jet_trained.keras").path,
                      Fixtures.onnxFolder.appendingPathComponent("jet_mlp.tf2onnx.onnx").path, Fixtures.path("jet_mlp_bn.k3.h5")])
    func exampleWritesWhatTheCommandWrites(model: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let process = Process()
        process.executableURL = Command.product("PruneForDSPs")
        process.arguments = [model, workspace.path("library")]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let command = try Command.run("prune", model, "-o", workspace.path("command"), "--objective", "dsp", "--strategy", "Resource",
                                      "--reuse-factor", "4", "--sparsity", "0.5")
        #expect(command.exitCode == 0, "\(command.standardError)")
        let library = try Self.files(under: workspace.path("library"))
        let cli = try Self.files(under: workspace.path("command"))
        #expect(library.keys.sorted() == cli.keys.sorted())
        #expect(library.keys.contains { $0.hasPrefix("firmware/weights/w") && $0.hasSuffix(".h") })
        for (name, bytes) in cli where name != "report.json" {
            #expect(library[name] == bytes, "\(name) differs")
        }
        #expect(Self.withoutTiming(library["report.json"]) == Self.withoutTiming(cli["report.json"]))
    }

    static func files(under folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let name = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
            }
        }
        return files
    }

    static func withoutTiming(_ report: Data?) -> String? {
        report.map { String(decoding: $0, as: UTF8.self).replacing(/"seconds": [0-9.e-]+/, with: "") }
    }
}
