import FixtureSupport
import Foundation
import KerasIO
import ModelIR
import Testing

@Suite struct PruneOutputTests {
    /// prune -o writes a model whose weights are the input's with the reported groups zeroed, headers
    /// with those zeros, and leaves the input untouched.
    @Test(arguments: ["jet_mlp.k2.h5", "jet_mlp.k3.h5", "jet_mlp.keras", "cnn2d.k2.h5"])
    func outputsAgreeWithEachOther(model: String) throws {
        let input = Command.fixture(model)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let output = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("prune", input, "-o", output.path, "--objective", "parameters", "--sparsity", "0.6")
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before, "the input file changed")
        let prunedName = model.hasSuffix(".keras") ? "model_pruned.keras" : "model_pruned.h5"
        let original = try KerasModelReader.read(path: input).graph
        let pruned = try KerasModelReader.read(path: output.appendingPathComponent(prunedName).path).graph
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("report.json"))) as! [String: Any]
        let layers = report["layers"] as! [[String: Any]]
        for entry in layers {
            let name = entry["name"] as! String
            let kernel = try #require(pruned.layer(named: name)?.weight("kernel")).tensor
            let source = try #require(original.layer(named: name)?.weight("kernel")).tensor
            // Kept weights unchanged, the others zero; as many kept as the report says.
            let kept = zip(kernel.values, source.values).filter { $0.0 != 0 }
            #expect(kept.allSatisfy { $0.0 == $0.1 }, "\(name)")
            // Removed weights are zero: at least weights − kept zeros, at most that plus the zeros there were.
            let removed = (entry["weights"] as! Int) - (entry["kept_weights"] as! Int)
            #expect(kernel.zeroCount >= removed && kernel.zeroCount <= removed + source.zeroCount, "\(name)")
            #expect(kernel.storedType == source.storedType && kernel.shape == source.shape)
        }
        // Every other weight (biases, BatchNorm, depthwise) is exactly as it was.
        for layer in original.layers {
            for weight in layer.weights where weight.name != "kernel" || !layers.contains(where: { $0["name"] as? String == layer.name }) {
                #expect(pruned.layer(named: layer.name)?.weight(weight.name) == weight, "\(layer.name)/\(weight.name)")
            }
        }
        // The headers of the pruned model equal what emit writes for the pruned file.
        let emitted = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: emitted) }
        #expect(try Command.run("emit", output.appendingPathComponent(prunedName).path, "-o", emitted.path).exitCode == 0)
        #expect(try EmitCommandTests.files(in: emitted.appendingPathComponent("firmware/weights"))
                == EmitCommandTests.files(in: output.appendingPathComponent("firmware/weights")))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report.md").path))
    }
}

/// After --reduce, report.md describes the reduced model: each layer's weights are the written
/// kernel's, and gpu-flops after are 2·n_in·n_out + n_out of the reduced Dense layer.
@Suite struct ReducedReportTests {
    @Test func afterColumnsDescribeTheReducedModel() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let out = workspace.path("out")
        let result = try Command.run("prune", Command.fixture("jet_mlp.k2.h5"), "-o", out, "--objective", "gpu-flops", "--sparsity", "0.5", "--reduce")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let inspected = try Command.run("inspect", "\(out)/model_pruned.h5", "--json")
        let layers = (try JSONSerialization.jsonObject(with: Data(inspected.standardOutput.utf8)) as! [String: Any])["layers"] as! [[String: Any]]
        let report = try String(contentsOfFile: "\(out)/report.md", encoding: .utf8)
        var reducedAny = false
        for layer in layers where layer["class"] as? String == "Dense" {
            let name = layer["name"] as! String
            let kernel = ((layer["weights"] as! [[String: Any]]).first { $0["name"] as? String == "kernel" })!["shape"] as! [Int]
            let row = try #require(report.split(separator: "\n").first { $0.hasPrefix("| \(name) |") }, "\(name) has no row")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[2].hasSuffix("→ \(kernel[0] * kernel[1])"), "\(row)")
            #expect(cells[5].hasSuffix("→ \(2 * kernel[0] * kernel[1] + kernel[1])"), "\(row)")
            reducedAny = reducedAny || !cells[2].hasPrefix("\(kernel[0] * kernel[1]) ")
        }
        #expect(reducedAny, "the fixture should lose neurons")
    }
}
