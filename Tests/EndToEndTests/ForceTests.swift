import FixtureSupport
import Foundation
import Testing

/// `--force` replaces only hlsprune's own outputs: it refuses, before writing anything, a folder
/// that holds any other file or one of the run's inputs, and `/` or the home folder.
@Suite struct ForceTests {
    static let trained = Fixtures.trainedFolder.path

    /// The first reproduction: the model and data sit in the output folder.
    @Test func folderHoldingTheInputsIsRefused() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.add("\(Self.trained)/jet_trained.keras", as: "model.keras")
        try workspace.add("\(Self.trained)/jet_trained.val.x.npy", as: "X.npy")
        try workspace.add("\(Self.trained)/jet_trained.val.y.npy", as: "y.npy")
        let before = try workspace.inputs()
        let folder = workspace.path("models")
        let result = try Command.run("prune", "\(folder)/model.keras", "--x", "\(folder)/X.npy", "--y", "\(folder)/y.npy",
                                     "-o", folder, "--force", "--rtol", "0.9")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("never writes over its inputs"), "\(result.standardError)")
        #expect(try workspace.inputs() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["X.npy", "model.keras", "y.npy"])
    }

    /// The second reproduction: `emit … -o . --force` in a folder of the user's files.
    @Test func currentFolderWithOtherFilesIsRefused() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let folder = workspace.root.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("print(1)\n".utf8).write(to: folder.appendingPathComponent("important.py"))
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("sub/data.npy"))
        let result = try Command.run(["emit", Command.fixture("jet_mlp.k2.h5"), "-o", ".", "--force"], in: folder)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("holds files hlsprune did not write (important.py, sub/)"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["important.py", "sub"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("sub/data.npy")) == Data([1, 2, 3]))
    }

    /// An input with one of hlsprune's own names in the output folder (a pruned model pruned again),
    /// directly or as a link left there, is refused with both named.
    @Test(arguments: [false, true])
    func inputInsideTheOutputFolderIsRefused(asLink: Bool) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("out")
        #expect(try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "-o", out, "--sparsity", "0.3").exitCode == 0)
        let input: String
        if asLink {
            try workspace.add(Command.fixture("jet_mlp.k2.h5"), as: "jet.h5")
            try FileManager.default.removeItem(atPath: "\(out)/model_pruned.h5")
            try FileManager.default.createSymbolicLink(atPath: "\(out)/model_pruned.h5", withDestinationPath: workspace.path("models/jet.h5"))
            input = try workspace.reach("jet.h5", by: .relativeSymlink)
        } else {
            input = "\(out)/model_pruned.h5"
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let result = try Command.run("prune", input, "-o", out, "--force", "--sparsity", "0.6")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("\(out)/model_pruned.h5 is the input \(input)"), "\(result.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    /// `/` and the home folder are never output folders, whatever they hold.
    @Test func rootAndHomeAreRefused() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let home = workspace.path("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        for (folder, reason) in [("/", "the root folder"), (home, "your home folder")] {
            let result = try Command.run(["emit", Command.fixture("jet_mlp.k2.h5"), "-o", folder, "--force"], environment: ["HOME": home])
            #expect(result.exitCode == 1)
            #expect(result.standardError.contains("\(folder) is \(reason)"), "\(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).isEmpty)
    }

    /// A folder of hlsprune's own outputs: refused without --force; with it, the files are
    /// replaced in the same folder and the outputs the new run does not write are removed.
    @Test func ownOutputsAreReplaced() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("out")
        #expect(try Command.run("prune", Command.fixture("cnn2d.k2.h5"), "-o", out, "--sparsity", "0.5").exitCode == 0)
        let stale = Set(try FileManager.default.contentsOfDirectory(atPath: "\(out)/firmware/weights"))
        let folderInode = try FileManager.default.attributesOfItem(atPath: out)[.systemFileNumber] as? Int
        let refused = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", out)
        #expect(refused.exitCode == 1 && refused.standardError.contains("is not empty; pass --force"), "\(refused.standardError)")
        let result = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", out, "--force")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let fresh = workspace.path("fresh")
        #expect(try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", fresh).exitCode == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["firmware", "hls4ml_config.yml"])
        let weights = try EmitCommandTests.files(in: URL(fileURLWithPath: "\(out)/firmware/weights"))
        #expect(weights == (try EmitCommandTests.files(in: URL(fileURLWithPath: "\(fresh)/firmware/weights"))))
        #expect(!stale.isSubset(of: Set(weights.keys)), "the fixture should leave stale headers to remove")
        #expect(try FileManager.default.attributesOfItem(atPath: out)[.systemFileNumber] as? Int == folderInode)
    }

    /// A symbolically linked output folder is written through: the files land in the real folder
    /// and the link stays a link.
    @Test func linkedOutputFolderIsWrittenThrough() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.path("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link"), withDestinationPath: "real")
        let result = try Command.run("emit", Command.fixture("jet_mlp.k2.h5"), "-o", workspace.path("link"))
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("real/hls4ml_config.yml")))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("link")) == "real")
    }
}
