import FixtureSupport
import Foundation
import HLSConfig
import Inference
import KerasIO
import Testing

@testable import Firmware

/// The emulation against hls4ml 1.3.0's own compiled firmware: for every case of
/// `Fixtures/firmware` (a model, an hls4ml configuration, float64 inputs and the outputs of
/// `hls_model.compile()` + `predict()`), the outputs must be equal bit for bit.
@Suite struct FirmwareGoldenTests {
    struct Case {
        let name: String
        let firmware: FirmwareModel
        let x: [Double]
        let rows: Int
        let expected: [Double]

        init(_ name: String) throws {
            let folder = Fixtures.firmwareFolder.appendingPathComponent(name)
            let document = try ConfigTree(yaml: String(contentsOf: folder.appendingPathComponent("config.json"), encoding: .utf8))
            guard case .string(let model)? = document["model"], let hlsConfig = document["hls_config"] else {
                throw FirmwareError("\(name)/config.json has no model or hls_config")
            }
            let graph = try KerasModelReader.read(path: Fixtures.folder.deletingLastPathComponent().appendingPathComponent(model).path).graph
            self.name = name
            firmware = try FirmwareModel(graph: graph, configuration: HLSConfiguration(tree: hlsConfig))
            let inputs = try NumpyArray.readFloat64(path: folder.appendingPathComponent("x.npy").path)
            x = inputs.values
            rows = inputs.shape[0]
            expected = try NumpyArray.readFloat64(path: folder.appendingPathComponent("y.npy").path).values
        }
    }

    @Test func everyCaseIsPresent() {
        #expect(Fixtures.firmwareCases.count >= 72)
        #expect(Fixtures.firmwareCases.filter { $0.hasPrefix("cnn_") }.count == 33)  // hls4ml_firmware_cnn.py
    }

    @Test(arguments: Fixtures.firmwareCases)
    func outputsEqualHLS4MLBitForBit(_ name: String) throws {
        let golden = try Case(name)
        let outputs = golden.firmware.predict(golden.x, count: golden.rows)
        #expect(outputs.count == golden.expected.count)
        let differing = zip(outputs, golden.expected).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }
        let first = differing.prefix(3).map { "#\($0.offset): \($0.element.0) vs \($0.element.1)" }
        let mismatches = differing.count
        #expect(mismatches == 0, "\(name): \(mismatches) of \(outputs.count) outputs differ, first \(first)")
    }
}
