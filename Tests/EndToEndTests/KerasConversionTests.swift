import FixtureSupport
import Foundation
import Inference
import Testing

/// `convert` into Keras files (`.h5 → .keras`, `.keras → .h5`, `.onnx → .keras`): Keras 3 loaded
/// every file the converter wrote and predicted what the source model does
/// (Fixtures/converted, made by Fixtures/generate/keras_conversions.py). Here the same conversions
/// run again and must predict what Keras predicted on them, byte-for-byte the same each time.
@Suite struct KerasConversionTests {
    struct Route: CustomStringConvertible, Sendable {
        /// `<source file>.<target extension>`, as summary.json names it.
        var key: String
        var source: String
        var inputs: String
        /// The first line hlsprune refused the route with when the fixtures were made, if it did.
        var refusal: String?
        var description: String { key }
    }

    static let routes: [Route] = {
        let summaryFile = Fixtures.convertedFolder.appendingPathComponent("summary.json")
        guard let data = try? Data(contentsOf: summaryFile),
            let summary = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        else { return [] }
        return summary.keys.sorted().map { key in
            let sourceName = String(key[..<key.lastIndex(of: ".")!])
            let isONNX = sourceName.hasSuffix(".onnx")
            let folder = isONNX ? Fixtures.onnxFolder : Fixtures.folder
            let stem = isONNX ? String(sourceName.dropLast(".onnx".count)) : Fixtures.baseName(of: sourceName)
            return Route(key: key, source: folder.appendingPathComponent(sourceName).path,
                         inputs: folder.appendingPathComponent("\(stem).x.npy").path, refusal: summary[key]?["refused"] as? String)
        }
    }()

    @Test func everyRouteWasRecorded() {
        // 11 Keras fixtures × (.k2.h5 → .keras, .k3.h5 → .keras, .keras → .h5) + 7 ONNX fixtures → .keras.
        #expect(Self.routes.count == 40)
        #expect(Self.routes.filter { $0.refusal == nil }.count >= 39)
    }

    @Test(arguments: routes.filter { $0.refusal == nil })
    func convertedFilePredictsWhatKerasPredicted(_ route: Route) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let target = (route.key as NSString).pathExtension
        let output = workspace.path("converted.\(target)")
        let converted = try Command.run("convert", route.source, output)
        #expect(converted.exitCode == 0, "\(converted.standardError)")
        let predicted = try Command.run("predict", output, "--x", route.inputs, "-o", workspace.path("y.npy"))
        #expect(predicted.exitCode == 0, "\(predicted.standardError)")
        let ours = try NumpyArray.read(path: workspace.path("y.npy"))
        let keras = try NumpyArray.read(path: Fixtures.convertedFolder.appendingPathComponent("\(route.key).y.npy").path)
        let worst = zip(ours.values, keras.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.shape == keras.shape && worst <= 1e-5, "\(route): largest difference \(worst)")
        // The same input gives the same bytes.
        let again = workspace.path("again.\(target)")
        #expect(try Command.run("convert", route.source, again).exitCode == 0)
        #expect(FileManager.default.contentsEqual(atPath: output, andPath: again), "\(route) is not deterministic")
    }

    @Test(arguments: routes.filter { $0.refusal != nil })
    func refusedRouteIsRefusedWithoutOutput(_ route: Route) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let output = workspace.path("converted.\((route.key as NSString).pathExtension)")
        let result = try Command.run("convert", route.source, output)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("has no Keras 3 equivalent"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func quantizedModelIsRefusedNamingTheLayer() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let model = try #require(Fixtures.qkerasModels.first)
        let output = workspace.path("converted.keras")
        let result = try Command.run("convert", Fixtures.qkerasFolder.appendingPathComponent("\(model).h5").path, output)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("has QKeras quantizers"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
