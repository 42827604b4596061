import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import KerasIO
import Testing

/// Weight headers and `.txt` files byte for byte against hls4ml 1.3.0's `write()` (Fixtures/hls4ml).
struct GoldenWeightFileTests {
    struct Cases: Decodable {
        let cases: [Case]
        struct Case: Decodable, CustomTestStringConvertible {
            let `case`: String
            let model: String
            var testDescription: String { self.case }
        }
    }

    static let cases: [Cases.Case] = {
        let url = Fixtures.hls4mlFolder.appendingPathComponent("cases.json")
        return (try? JSONDecoder().decode(Cases.self, from: Data(contentsOf: url)).cases) ?? []
    }()

    @Test func everyConvertibleFixtureHasGoldenFiles() {
        #expect(Self.cases.count >= 11)
    }

    @Test(arguments: cases)
    func filesEqualHLS4ML(_ golden: Cases.Case) throws {
        let folder = Fixtures.hls4mlFolder.appendingPathComponent(golden.case)
        let configText = try String(contentsOf: folder.appendingPathComponent("hls4ml_config.json"), encoding: .utf8)
        let configuration = try HLSConfiguration(yaml: configText)
        let writer = try JSONSerialization.jsonObject(with: Data(configText.utf8)) as! [String: Any]
        let writerConfig = writer["WriterConfig"] as! [String: Any]
        let files = WeightFiles(namespace: writerConfig["Namespace"] as? String, writesText: writerConfig["WriteWeightsTxt"] as! Bool)
        let graph = try KerasModelReader.read(path: Fixtures.folder.deletingLastPathComponent().appendingPathComponent(golden.model).path).graph
        let variables = try WeightVariable.all(in: graph, configuration: configuration)
        let expectedNames = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("weights").path).sorted()
        var written: [String] = []
        for variable in variables {
            for file in files.files(of: variable) {
                written.append(file.name)
                let expected = try Data(contentsOf: folder.appendingPathComponent("weights").appendingPathComponent(file.name))
                let ours = Data(file.parts.joined())
                if ours != expected {
                    let mismatch = zip(ours, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, expected.count)
                    let context = { (data: Data) in String(decoding: data[max(0, mismatch - 60)..<min(data.count, mismatch + 40)], as: UTF8.self) }
                    Issue.record("\(golden.case)/\(file.name) differs at byte \(mismatch): ours …\(context(ours))… hls4ml …\(context(expected))…")
                }
            }
        }
        #expect(written.sorted() == expectedNames)
    }
}
