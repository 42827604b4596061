import FixtureSupport
import Foundation
import HLSConfig
import Inference
import Testing

/// `emit` on QKeras models writes what hls4ml 1.3.0's Keras 2 route writes (`Fixtures/qkeras/hls4ml`,
/// `qkeras_models.py`): weight and bias types from the quantizers (`fixed<6,1,TRN,WRAP,0>`, `int<4>`),
/// activation quantizers' result types (`ufixed<6,0,RND_CONV,SAT,0>`), the split-off activations
/// named after the quantizer class (`wide_quantized_relu`) and the linear ones that route adds,
/// and the headers.
@Suite struct QKerasEmitTests {
    @Test func goldensArePresent() {
        #expect(QKerasWeightHeaderGoldens.models == ["qcnn2d", "qjet_6bit", "qmixed_mlp"])
    }

    @Test(arguments: QKerasWeightHeaderGoldens.models)
    func configurationAndHeadersEqualHLS4ML(_ model: String) throws {
        // The fixture keeps hls4ml's headers only (its .txt files are the same values).
        try EmitGolden.expectEqual([Fixtures.qkerasFolder.appendingPathComponent("\(model).h5").path],
                                   to: Fixtures.qkerasFolder.appendingPathComponent("hls4ml").appendingPathComponent(model), headersOnly: true)
    }
}

/// The QKeras models hls4ml's outputs were recorded for.
enum QKerasWeightHeaderGoldens {
    static let models: [String] = {
        let folder = Fixtures.qkerasFolder.appendingPathComponent("hls4ml").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }()
}

/// Weight quantizers hls4ml writes in other forms (Fixtures/qkeras/weight_kinds, made by
/// Fixtures/generate/qkeras_weight_kinds.py): `binary` as 0/1 `uint<1>` headers, equal to hls4ml's;
/// `quantized_po2` (exponent pairs) and a fitted alpha (an ApplyAlpha layer) refused naming the layer.
@Suite struct QKerasWeightKindTests {
    static let folder = Fixtures.qkerasFolder.appendingPathComponent("weight_kinds")

    @Test(arguments: ["binary", "po2", "alpha_auto"])
    func predictionsEqualQKeras(_ kind: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-kind-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("predict", Self.folder.appendingPathComponent("\(kind).h5").path,
                                     "--x", Self.folder.appendingPathComponent("x.npy").path, "-o", output.path)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ours = try NumpyArray.read(path: output.path).values
        let qkeras = try NumpyArray.read(path: Self.folder.appendingPathComponent("\(kind).y.npy").path).values
        #expect(ours.count == qkeras.count && zip(ours, qkeras).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(kind)")
    }

    @Test func binaryWeightsAreWrittenAsHLS4MLWritesThem() throws {
        try EmitGolden.expectEqual([Self.folder.appendingPathComponent("binary.h5").path], to: Self.folder.appendingPathComponent("binary"), headersOnly: true)
    }

    @Test(arguments: ["po2", "alpha_auto"])
    func otherFormsAreRefusedNamingTheLayer(_ kind: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-kind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run("emit", Self.folder.appendingPathComponent("\(kind).h5").path, "-o", output.path)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("layer fc: the weight quantizer") && result.standardError.contains("is not written yet"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

/// The second configuration of the QKeras goldens (Fixtures/qkeras/hls4ml_resource_rf4, made by
/// Fixtures/generate/qkeras_hls4ml_resource.py): Resource with reuse factor 4, which hls4ml replaces
/// where a layer cannot use it — the same headers, configuration and warnings.
@Suite struct QKerasResourceEmitTests {
    static let folder = Fixtures.qkerasFolder.appendingPathComponent("hls4ml_resource_rf4")

    @Test(arguments: QKerasWeightHeaderGoldens.models)
    func resourceRF4EqualsHLS4ML(_ model: String) throws {
        let golden = Self.folder.appendingPathComponent(model)
        let result = try EmitGolden.expectEqual([Fixtures.qkerasFolder.appendingPathComponent("\(model).h5").path, "--strategy", "Resource",
                                                 "--reuse-factor", "4"], to: golden, headersOnly: true)
        let hls4mlWarnings = try String(contentsOf: golden.appendingPathComponent("warnings.txt"), encoding: .utf8)
            .split(separator: "\n").map { "warning: " + $0.replacingOccurrences(of: "WARNING: ", with: "") }
        let printed = result.standardError.split(separator: "\n").map(String.init).filter { $0.contains("ReuseFactor") }
        #expect(printed == hls4mlWarnings, "\(result.standardError)")
    }
}
