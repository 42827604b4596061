import FixtureSupport
import Foundation
import Inference
import Testing

/// Nested Keras models as hls4ml 1.3.0 converts them, through its Keras 2 route — its Keras 3 route
/// fails on them (Fixtures/hls4ml/nested, made by Fixtures/generate/hls4ml_nested.py): the nested
/// model configured as one layer, its layers numbered after the outer ones with the model
/// defaults' types (`model_default_t`), and Keras's predictions.
@Suite struct NestedModelTests {
    static let folder = Fixtures.hls4mlFolder.appendingPathComponent("nested")

    @Test(arguments: ["sequential_in_functional", "functional_in_functional"])
    func emitWritesWhatHLS4MLWrites(_ name: String) throws {
        try EmitGolden.expectEqual([Self.folder.appendingPathComponent("\(name).h5").path], to: Self.folder.appendingPathComponent(name))
    }

    @Test(arguments: ["sequential_in_functional", "functional_in_functional"])
    func predictionsEqualKeras(_ name: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-nested-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("predict", Self.folder.appendingPathComponent("\(name).h5").path,
                                     "--x", Self.folder.appendingPathComponent("x.npy").path, "-o", output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ours = try NumpyArray.read(path: output.path).values
        let keras = try NumpyArray.read(path: Self.folder.appendingPathComponent("\(name).y.npy").path).values
        #expect(ours.count == keras.count && zip(ours, keras).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(name)")
    }
}
