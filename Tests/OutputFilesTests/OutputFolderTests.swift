import Foundation
import OutputFiles
import Testing

@Suite struct OutputFolderTests {
    @Test(arguments: [
        ("hls4ml_config.yml", false, true), ("model_pruned.keras", false, true), ("report.svg", false, true),
        ("firmware", true, true), ("firmware/weights", true, true), ("firmware/weights/w12.h", false, true),
        ("firmware/weights/b2.txt", false, true), ("firmware/weights/w.h", false, false), ("firmware/weights/w2.hpp", false, false),
        ("firmware/weights/2.h", false, false), ("firmware/w2.h", false, false), ("important.py", false, false),
        ("model.h5", false, false), ("sub", true, false), (".hlsprune-12-ab.partial", true, true), (".git", true, false),
    ])
    func layoutOwnsOnlyHLSPruneNames(path: String, isFolder: Bool, owned: Bool) {
        #expect(OutputLayout().owns(path, isFolder: isFolder) == owned)
    }

    @Test func extraFilesAndTheirFoldersAreOwned() {
        let layout = OutputLayout(extraFiles: ["data/weights.bin"])
        #expect(layout.owns("data/weights.bin", isFolder: false))
        #expect(layout.owns("data", isFolder: true))
        #expect(!layout.owns("data/other.bin", isFolder: false))
    }

    @Test func discardLeavesNothingAndANewFolderAppearsWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let failed = try OutputFolder("\(root)/out", force: false, inputs: RunInputs())
        try failed.write(Array("a".utf8), to: "firmware/weights/w2.h")
        failed.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [])
        let folder = try OutputFolder("\(root)/out", force: false, inputs: RunInputs())
        try folder.write(Array("a".utf8), to: "firmware/weights/w2.h")
        #expect(!FileManager.default.fileExists(atPath: "\(root)/out"))
        try folder.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out"])
        #expect(try String(contentsOfFile: "\(root)/out/firmware/weights/w2.h", encoding: .utf8) == "a")
    }

    @Test func filesAppearingDuringTheRunStopTheCommit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: "\(root)/report.md"))
        let folder = try OutputFolder(root, force: true, inputs: RunInputs())
        try folder.write(Array("new".utf8), to: "report.md")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(root)/notes.txt"))
        #expect(throws: OutputError.holdsOtherFiles(folder: root, names: ["notes.txt"])) { try folder.commit() }
        folder.discard()
        #expect(try String(contentsOfFile: "\(root)/report.md", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["notes.txt", "report.md"])
    }

    /// Staging folders of killed runs (dead process ids) beside a new destination are removed; a
    /// live process's and a user's look-alike files are not.
    @Test func abandonedStagingOfKilledRunsIsRemoved() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dead = "\(root)/.out.hlsprune-999999999.partial"
        let live = "\(root)/.out.hlsprune-1.partial"
        let user = "\(root)/.out.hlsprune-notes.partial"
        for folder in [dead, live, user] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let folder = try OutputFolder("\(root)/out", force: false, inputs: RunInputs())
        try folder.write(Array("a".utf8), to: "report.md")
        try folder.commit()
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: user))
    }
}
