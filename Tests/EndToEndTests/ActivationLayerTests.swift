import FixtureSupport
import Foundation
import HLSConfig
import Inference
import Testing

/// Every Keras activation layer class against hls4ml 1.3.0's Keras 3 route
/// (Fixtures/hls4ml/activation_layers, made by Fixtures/generate/hls4ml_activation_layers.py):
/// the same configuration entries (a ReLU layer is hls4ml's ThresholdedReLU or LeakyReLU, with a
/// `param` type) and headers (a PReLU's alpha with its input's inferred type), the same refusals,
/// and Keras's predictions.
@Suite struct ActivationLayerTests {
    static let folder = Fixtures.hls4mlFolder.appendingPathComponent("activation_layers")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".keras") }.map { String($0.dropLast(".keras".count)) }.sorted()
    }()

    static let refusedByHLS4ML: [String: String] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("refused.json")) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: String]) ?? [:]
    }()

    @Test func casesWereRecorded() {
        #expect(Self.cases.count == 10)
        #expect(Self.refusedByHLS4ML.keys.sorted() == ["relu_max6"])
    }

    @Test(arguments: cases)
    func predictionsEqualKeras(_ name: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-act-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("predict", Self.folder.appendingPathComponent("\(name).keras").path,
                                     "--x", Self.folder.appendingPathComponent("x.npy").path, "-o", output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ours = try NumpyArray.read(path: output.path)
        let keras = try NumpyArray.read(path: Self.folder.appendingPathComponent("\(name).y.npy").path)
        let worst = zip(ours.values, keras.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(ours.shape == keras.shape && worst <= 1e-5, "\(name): largest difference \(worst)")
    }

    @Test(arguments: cases.filter { refusedByHLS4ML[$0] == nil })
    func emitWritesWhatHLS4MLWrites(_ name: String) throws {
        try EmitGolden.expectEqual([Self.folder.appendingPathComponent("\(name).keras").path], to: Self.folder.appendingPathComponent(name))
    }

    @Test(arguments: cases.filter { refusedByHLS4ML[$0] != nil })
    func whatHLS4MLCannotConvertIsRefused(_ name: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-act-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("emit", Self.folder.appendingPathComponent("\(name).keras").path, "-o", output.path)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer act: "), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

/// Keras 2's ThresholdedReLU (x where x > θ, else 0), which only hls4ml's Keras 2 route reads
/// (Fixtures/hls4ml/activation_layers/thresholded_relu_k2, made by Fixtures/generate/hls4ml_thresholded_relu.py).
@Suite struct ThresholdedReLUTests {
    static let folder = ActivationLayerTests.folder

    @Test func emitWritesWhatHLS4MLsKeras2RouteWrites() throws {
        try EmitGolden.expectEqual([Self.folder.appendingPathComponent("thresholded_relu.k2.h5").path],
                                   to: Self.folder.appendingPathComponent("thresholded_relu_k2"))
    }

    @Test func predictionsEqualKeras() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-act-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("predict", Self.folder.appendingPathComponent("thresholded_relu.k2.h5").path,
                                     "--x", Self.folder.appendingPathComponent("x.npy").path, "-o", output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ours = try NumpyArray.read(path: output.path).values
        let keras = try NumpyArray.read(path: Self.folder.appendingPathComponent("thresholded_relu.k2.y.npy").path).values
        #expect(ours.count == keras.count && zip(ours, keras).allSatisfy { abs($0 - $1) <= 1e-6 })
    }
}
