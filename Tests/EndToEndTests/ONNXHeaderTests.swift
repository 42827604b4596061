import FixtureSupport
import Foundation
import Testing

/// Headers from ONNX input are hls4ml's ONNX route's (qonnx clean-up, `convert_from_onnx_model`,
/// `write()`; `Fixtures/hls4ml/onnx`, made by `Fixtures/generate/hls4ml_onnx_outputs.py`): the
/// same files, numbering (`w26.h`, …) and type names (`model_default_t`), byte for byte.
@Suite struct ONNXHeaderTests {
    static let goldens = Fixtures.hls4mlFolder.appendingPathComponent("onnx")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldens.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: goldens.appendingPathComponent("\($0)/weights").path) }.sorted()
    }()

    /// tf2onnx writes BatchNormalization as Mul and Add; hls4ml folds those constants into the
    /// Dense in float64, we in float32: values agree to one float32 rounding (≤ 6e-8 here).
    static let foldedInFloat64: Set<String> = ["jet_mlp_bn.tf2onnx"]

    @Test func everyConvertibleFixtureHasAGolden() {
        #expect(Self.cases.count >= 6, "expected hls4ml's ONNX outputs in \(Self.goldens.path)")
    }

    @Test(arguments: cases)
    func headersEqualHLS4MLsONNXRoute(name: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try Command.run("emit", Fixtures.onnxFolder.appendingPathComponent("\(name).onnx").path, "-o", workspace.path("out"))
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ours = try LibraryExampleTests.files(under: workspace.path("out/firmware/weights"))
        let theirs = try LibraryExampleTests.files(under: Self.goldens.appendingPathComponent("\(name)/weights").path)
        #expect(ours.keys.sorted() == theirs.keys.sorted())
        for (file, bytes) in theirs {
            guard let mine = ours[file] else { continue }
            if Self.foldedInFloat64.contains(name) {
                let (a, b) = (String(decoding: mine, as: UTF8.self), String(decoding: bytes, as: UTF8.self))
                #expect(Self.declarations(a) == Self.declarations(b), "\(name)/\(file)")
                let (x, y) = (Self.numbers(a), Self.numbers(b))
                #expect(x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= 6e-8 * max(1, abs($1)) }, "\(name)/\(file)")
            } else {
                #expect(mine == bytes, "\(name)/\(file) differs")
            }
        }
    }

    static func declarations(_ header: String) -> [String] {
        header.split(separator: "\n").filter { $0.contains("[") && !$0.hasPrefix("//") }.map { String($0.prefix { $0 != "=" }) }
    }

    static func numbers(_ text: String) -> [Double] {
        let values = text.range(of: "= {").map { text[$0.upperBound...] } ?? text[...]
        return values.split(whereSeparator: { ", {};\n".contains($0) }).compactMap { Double($0) }
    }
}
