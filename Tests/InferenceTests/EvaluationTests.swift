import FixtureSupport
import Foundation
import Inference
import KerasIO
import Testing

/// Keras 3's `evaluate()` numbers, stored by the fixture generator.
private struct KerasEvaluation: Decodable {
    struct Sparse: Decodable {
        var value: Double
        var loss: Double
    }
    var metric: String
    var value: Double
    var loss: Double
    var samples: Int
    var sparse: Sparse?
}

@Suite struct EvaluationTests {
    static let models: [String] = Fixtures.models.filter { $0.hasSuffix(".keras") }.map { String($0.dropLast(6)) }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12) }

    @Test(arguments: models)
    func metricAndLossEqualKeras(model: String) throws {
        let keras = try JSONDecoder().decode(KerasEvaluation.self, from: Data(contentsOf: Fixtures.folder.appendingPathComponent("\(model).evaluate.json")))
        let graph = try KerasModelReader.read(path: Fixtures.path("\(model).keras")).graph
        let pass = ForwardPass(graph: graph)
        let inputs = try NumpyArray.read(path: Fixtures.path("\(model).x.npy"))
        let predictions = pass.run(inputs: [inputs.values], count: inputs.shape[0])[0]
        let metric = try #require(Metric(rawValue: keras.metric))
        #expect(Metric.suited(to: graph) == metric, "\(model): the metric chosen from the last activation")
        let labels = try NumpyArray.read(path: Fixtures.path("\(model).labels.npy"))
        let penalty = graph.layers.reduce(0.0) { $0 + $1.penaltyValue }
        let ours = try Evaluation(predictions: predictions, outputSize: pass.outputSizes[0], labels: labels, metric: metric, penalty: penalty)
        #expect(ours.samples == keras.samples)
        #expect(Self.close(ours.value, keras.value), "\(model): \(metric.rawValue) \(ours.value) vs Keras \(keras.value)")
        #expect(Self.close(ours.loss, keras.loss), "\(model): loss \(ours.loss) vs Keras \(keras.loss)")
        if let sparse = keras.sparse {
            let classes = try NumpyArray.read(path: Fixtures.path("\(model).sparse_labels.npy"))
            let sparseOurs = try Evaluation(predictions: predictions, outputSize: pass.outputSizes[0], labels: classes, metric: .accuracy, penalty: penalty)
            #expect(Self.close(sparseOurs.value, sparse.value))
            #expect(Self.close(sparseOurs.loss, sparse.loss), "\(model): sparse loss \(sparseOurs.loss) vs Keras \(sparse.loss)")
        }
    }

    @Test func labelsThatDoNotFitAreRejected() {
        let predictions: [Float] = [0.2, 0.8, 0.6, 0.4]
        #expect(throws: LabelError.self) {
            try Evaluation(predictions: predictions, outputSize: 2, labels: NumpyArray(shape: [3], values: [0, 1, 1]), metric: .accuracy)
        }
        #expect(throws: LabelError.self) {
            try Evaluation(predictions: predictions, outputSize: 2, labels: NumpyArray(shape: [2], values: [0, 2]), metric: .accuracy)
        }
        #expect(throws: LabelError.self) {
            try Evaluation(predictions: predictions, outputSize: 2, labels: NumpyArray(shape: [2], values: [0, 1]), metric: .mse)
        }
    }
}

@Suite struct NumpyTests {
    static func header(_ text: String, version: UInt8 = 1) -> [UInt8] {
        let lengthBytes: [UInt8] = version == 1 ? [UInt8(text.utf8.count), 0] : [UInt8(text.utf8.count), 0, 0, 0]
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + lengthBytes + Array(text.utf8)
    }

    @Test func writtenFilesReadBack() throws {
        let array = NumpyArray(shape: [2, 3], values: [1, -0, 2.5, .pi, -7, 1e-30])
        let parsed = try NumpyArray.parse(array.npyBytes(), name: "memory")
        #expect(parsed.shape == [2, 3])
        #expect(parsed.values.map(\.bitPattern) == array.values.map(\.bitPattern))
        #expect(array.npyBytes().count % 64 == (6 * 4) % 64)
    }

    @Test func otherTypesAndVersions() throws {
        let ints = Self.header("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n", version: 2) + [5, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(try NumpyArray.parse(ints, name: "i8").values == [5, -1])
        let bools = Self.header("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n", version: 3) + [1, 0, 1]
        #expect(try NumpyArray.parse(bools, name: "b1").values == [1, 0, 1])
        let scalar = Self.header("{'descr': '<f8', 'fortran_order': False, 'shape': (), }\n") + [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]
        #expect(try NumpyArray.parse(scalar, name: "f8").values == [1.5])
    }

    @Test(arguments: [
        ("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }\n", "Fortran order"),
        ("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n", "element type '>f4'"),
        ("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }\n", "element type '|O'"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }\n", "expected 16"),
    ])
    func malformedFilesSayWhy(header: String, message: String) {
        let error = #expect(throws: NumpyError.self) { try NumpyArray.parse(Self.header(header) + [0, 0, 0, 0], name: "bad.npy") }
        #expect(error?.description.hasPrefix("bad.npy: ") == true)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func notANumpyFile() {
        #expect(throws: NumpyError.self) { try NumpyArray.parse(Array("hello world".utf8), name: "text") }
    }
}
