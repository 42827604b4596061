import FixtureSupport
import Foundation
import Testing

/// Every command that writes, given its inputs through an absolute symbolic link, a relative one, a
/// hard link and a symbolically linked folder: it succeeds (or refuses with one line and exit 1),
/// no input changes by a byte, and every output is a new regular file sharing no inode with an
/// input. (A symlinked model used to be overwritten through the output's copy of the link.)
@Suite struct LinkedInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        /// Fixture files copied into the workspace's `models/`; the first is the model.
        var files: [String]
        /// The arguments, given the reached path of each file and the output path.
        var arguments: @Sendable (_ reached: [String], _ output: String) -> [String]
        /// The output is a folder (else a file named by `outputName`).
        var outputName: String = "out"
        /// Whether a clean refusal is also right (an ONNX model whose external data does not sit beside the path given).
        var mayRefuse: @Sendable (Workspace.Access) -> Bool = { _ in false }
    }

    static let trained = Fixtures.trainedFolder.path
    static let onnx = Fixtures.onnxFolder.path

    static let cases: [Case] = [
        Case(description: "prune .h5", files: [Fixtures.path("jet_mlp.k2.h5")]) { ["prune", $0[0], "-o", $1, "--sparsity", "0.5"] },
        Case(description: "prune .h5 --reduce", files: [Fixtures.path("jet_mlp.k2.h5")]) {
            ["prune", $0[0], "-o", $1, "--objective", "gpu-flops", "--sparsity", "0.5", "--reduce"]
        },
        Case(description: "prune .keras", files: [Fixtures.path("jet_mlp.keras")]) { ["prune", $0[0], "-o", $1, "--sparsity", "0.5"] },
        Case(description: "prune .keras --reduce", files: [Fixtures.path("jet_mlp.keras")]) {
            ["prune", $0[0], "-o", $1, "--objective", "gpu-flops", "--sparsity", "0.5", "--reduce"]
        },
        Case(description: "prune .onnx", files: ["\(onnx)/jet_mlp.tf2onnx.onnx"]) { ["prune", $0[0], "-o", $1, "--sparsity", "0.5"] },
        Case(description: "prune .onnx --reduce", files: ["\(onnx)/jet_mlp.tf2onnx.onnx"]) {
            ["prune", $0[0], "-o", $1, "--objective", "gpu-flops", "--sparsity", "0.5", "--reduce"]
        },
        Case(description: "prune .onnx with external data", files: ["\(onnx)/mlp_external.onnx", "\(onnx)/mlp_external.data"],
             arguments: { ["prune", $0[0], "-o", $1, "--objective", "parameters", "--sparsity", "0.5"] },
             mayRefuse: { $0 != .symlinkedFolder }),
        Case(description: "prune with validation data", files: ["\(trained)/jet_trained.keras", "\(trained)/jet_trained.val.x.npy", "\(trained)/jet_trained.val.y.npy"]) {
            ["prune", $0[0], "--x", $0[1], "--y", $0[2], "-o", $1, "--sparsity", "0.5"]
        },
        Case(description: "emit .h5", files: [Fixtures.path("jet_mlp.k2.h5")]) { ["emit", $0[0], "-o", $1] },
        Case(description: "emit .onnx", files: ["\(onnx)/jet_mlp.tf2onnx.onnx"]) { ["emit", $0[0], "-o", $1] },
        Case(description: "convert .h5 to .onnx", files: [Fixtures.path("jet_mlp.k2.h5")], arguments: { ["convert", $0[0], $1] }, outputName: "out.onnx"),
        Case(description: "convert .keras to .onnx", files: [Fixtures.path("jet_mlp.keras")], arguments: { ["convert", $0[0], $1] }, outputName: "out.onnx"),
        Case(description: "convert .onnx to .onnx", files: ["\(onnx)/jet_mlp.tf2onnx.onnx"], arguments: { ["convert", $0[0], $1] }, outputName: "out.onnx"),
        Case(description: "convert .onnx with external data", files: ["\(onnx)/mlp_external.onnx", "\(onnx)/mlp_external.data"],
             arguments: { ["convert", $0[0], $1] }, outputName: "out/copy.onnx", mayRefuse: { $0 != .symlinkedFolder }),
        Case(description: "convert .onnx to .h5", files: ["\(onnx)/jet_mlp.tf2onnx.onnx"], arguments: { ["convert", $0[0], $1] }, outputName: "out.h5"),
        Case(description: "train .keras -o", files: ["\(trained)/jet_trained.keras", "\(trained)/jet_trained.train.x.npy", "\(trained)/jet_trained.train.y.npy"],
             arguments: { ["train", $0[0], "--x-train", $0[1], "--y-train", $0[2], "--epochs", "2", "-o", $1] }, outputName: "tuned.keras"),
        Case(description: "train .h5 -o", files: ["\(trained)/jet_trained.k3.h5", "\(trained)/jet_trained.train.x.npy", "\(trained)/jet_trained.train.y.npy"],
             arguments: { ["train", $0[0], "--x-train", $0[1], "--y-train", $0[2], "--epochs", "2", "-o", $1] }, outputName: "tuned.h5"),
        Case(description: "predict -o", files: ["\(trained)/jet_trained.keras", "\(trained)/jet_trained.val.x.npy"],
             arguments: { ["predict", $0[0], "--x", $0[1], "-o", $1] }, outputName: "pred.npy"),
    ]

    @Test(arguments: cases, Workspace.Access.allCases)
    func inputsStayUnchangedAndOutputsAreNewFiles(testCase: Case, access: Workspace.Access) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        for file in testCase.files { try workspace.add(file) }
        let reached = try testCase.files.map { try workspace.reach(URL(fileURLWithPath: $0).lastPathComponent, by: access) }
        let before = try workspace.inputs()
        if testCase.outputName.contains("/") {
            try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
        }
        let result = try Command.run(testCase.arguments(reached, workspace.path(testCase.outputName)))
        if result.exitCode != 0 {
            #expect(testCase.mayRefuse(access) && result.exitCode == 1, "\(result.standardError)")
            #expect(result.standardError.hasPrefix("hlsprune: error: ") && !result.standardError.contains("H5"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: workspace.path(testCase.outputName)) || testCase.outputName.contains("/"))
        } else {
            #expect(FileManager.default.fileExists(atPath: workspace.path(testCase.outputName)))
        }
        #expect(try workspace.inputs() == before, "an input changed")
        #expect(try workspace.unsafeEntries(under: testCase.outputName.split(separator: "/")[0].description) == [])
    }

    /// The reproduction: the symlinked model keeps its bytes and the output holds a regular file.
    @Test func symlinkedModelIsNotOverwritten() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.add(Fixtures.trainedFolder.appendingPathComponent("jet_trained.k3.h5").path, as: "jet.h5")
        let link = try workspace.reach("jet.h5", by: .absoluteSymlink)
        let before = try workspace.inputs()
        let result = try Command.run("prune", link, "-o", workspace.path("o1"), "--sparsity", "0.5")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(try workspace.inputs() == before)
        let written = try FileManager.default.attributesOfItem(atPath: workspace.path("o1/model_pruned.h5"))
        #expect(written[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path("o1/model_pruned.h5"))) != before["jet.h5"])
    }

    /// An output that names an input, however reached, is refused before anything is written.
    @Test(arguments: Workspace.Access.allCases)
    func outputNamingAnInputIsRefused(access: Workspace.Access) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.add("\(Self.onnx)/jet_mlp.tf2onnx.onnx", as: "jet.onnx")
        try workspace.add("\(Self.trained)/jet_trained.val.x.npy", as: "x.npy")
        let model = workspace.path("models/jet.onnx")
        let before = try workspace.inputs()
        let reachedModel = try workspace.reach("jet.onnx", by: access)
        let reachedData = try workspace.reach("x.npy", by: access)
        for arguments in [["convert", model, reachedModel], ["predict", model, "--x", workspace.path("models/x.npy"), "-o", reachedData],
                          ["convert", reachedModel, model]] {
            let result = try Command.run(arguments)
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.standardError.contains("is the input") && result.standardError.contains("never writes over its inputs"), "\(result.standardError)")
        }
        #expect(try workspace.inputs() == before)
    }
}
