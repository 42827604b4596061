import FixtureSupport
import Foundation
import ONNXIO
import ONNXProto
import Testing

/// The rules ``ONNXModelReader`` checks before building the IR, each broken on every node or
/// initializer of every ONNX fixture: the error names the file and the node (name, position in the
/// file, op) and says what was expected; nothing traps.
struct ONNXValidationTests {
    static let models = Fixtures.onnxModels.filter { !$0.contains("external") }

    static func proto(_ name: String) throws -> Onnx_ModelProto {
        try Onnx_ModelProto(serializedBytes: Data(contentsOf: Fixtures.onnxFolder.appendingPathComponent(name)))
    }

    /// Reads `proto` from a temporary file; the error it gives, or `nil` when it reads.
    static func readError(_ proto: Onnx_ModelProto) throws -> ONNXError? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-validation-\(UUID().uuidString).onnx").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(proto.serializedBytes() as [UInt8]).write(to: URL(fileURLWithPath: file))
        do {
            _ = try ONNXModelReader.read(path: file)
            return nil
        } catch let error as ONNXError {
            #expect(error.file == file)
            return error
        }
    }

    /// How the errors name node `index` of `proto`.
    static func name(of index: Int, in proto: Onnx_ModelProto) -> String {
        let node = proto.graph.node[index]
        return "'\(node.name.isEmpty ? node.output.first ?? "" : node.name)' (#\(index), \(node.opType))"
    }

    @Test(arguments: models)
    func nodeWithoutInputsOrOutputsIsNamed(_ model: String) throws {
        let original = try Self.proto(model)
        for index in original.graph.node.indices where !original.graph.node[index].input.isEmpty {
            var proto = original
            proto.graph.node[index].input = []
            let error = try #require(try Self.readError(proto), "\(model) node \(index)")
            #expect(error.node == Self.name(of: index, in: original) && error.message.contains("inputs;"), "\(error)")
        }
        for index in original.graph.node.indices {
            var proto = original
            proto.graph.node[index].output = []
            let error = try #require(try Self.readError(proto), "\(model) node \(index)")
            // Without outputs the node has no name to show but its op and position.
            #expect(error.description.contains("#\(index), \(original.graph.node[index].opType))") || error.message.contains("defines"), "\(error)")
        }
    }

    @Test(arguments: models)
    func selfLoopsAndDuplicateProducersAreRefused(_ model: String) throws {
        let original = try Self.proto(model)
        for index in original.graph.node.indices where !original.graph.node[index].input.isEmpty {
            var proto = original
            proto.graph.node[index].input[0] = proto.graph.node[index].output[0]
            let error = try #require(try Self.readError(proto))
            #expect(error.message.contains("cycle"), "\(error)")
        }
        var proto = original
        let last = proto.graph.node.count - 1
        proto.graph.node[last].output[0] = proto.graph.node[0].output[0]
        let error = try #require(try Self.readError(proto))
        #expect(error.node == Self.name(of: last, in: proto) && error.message.contains("one producer"), "\(error)")
    }

    /// Nodes may come in any order: reversed, they read to the same layers with the same inputs
    /// (independent branches may be listed in another order).
    @Test(arguments: models)
    func nodeOrderDoesNotMatter(_ model: String) throws {
        let original = try Self.proto(model)
        var reversed = original
        reversed.graph.node.reverse()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, proto) in [("a.onnx", original), ("b.onnx", reversed)] {
            try Data(proto.serializedBytes() as [UInt8]).write(to: folder.appendingPathComponent(name))
        }
        let a = try ONNXModelReader.read(path: folder.appendingPathComponent("a.onnx").path).graph
        let b = try ONNXModelReader.read(path: folder.appendingPathComponent("b.onnx").path).graph
        #expect(Dictionary(uniqueKeysWithValues: a.layers.map { ($0.name, $0) }) == Dictionary(uniqueKeysWithValues: b.layers.map { ($0.name, $0) }))
        #expect(a.inputs == b.inputs && a.outputs == b.outputs)
    }

    /// Dims scaled to overflow, or past the data present, or negative: refused before any
    /// allocation (a 2^40-element claim would need 4 TB).
    @Test(arguments: models)
    func initializerDimsMustMatchTheData(_ model: String) throws {
        let original = try Self.proto(model)
        for index in original.graph.initializer.indices where !original.graph.initializer[index].dims.isEmpty {
            let tensor = original.graph.initializer[index]
            for dims in [[1 << 40] + tensor.dims.dropFirst(), [Int64.max / 2, 3] + tensor.dims, [-tensor.dims[0] - 1] + tensor.dims.dropFirst()] {
                var proto = original
                proto.graph.initializer[index].dims = dims
                let error = try #require(try Self.readError(proto))
                #expect(error.node == "initializer \(tensor.name)", "\(error)")
            }
        }
    }

    @Test(arguments: models)
    func attributesMustHaveTheirDefinedType(_ model: String) throws {
        let original = try Self.proto(model)
        for (index, node) in original.graph.node.enumerated() {
            for position in node.attribute.indices where node.attribute[position].type != .tensor {
                var proto = original
                let wrong: Onnx_AttributeProto.AttributeType = node.attribute[position].type == .string ? .int : .string
                proto.graph.node[index].attribute[position].type = wrong
                let error = try #require(try Self.readError(proto))
                #expect(error.node == Self.name(of: index, in: original) && error.message.contains("defines it as"), "\(error)")
            }
        }
    }

    /// A float weight declared as an integer (the same bytes, read as int32) is refused, not read as garbage.
    @Test(arguments: models)
    func weightsMustBeFloatingPoint(_ model: String) throws {
        let original = try Self.proto(model)
        let floatType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        let read = Set(original.graph.node.flatMap(\.input))
        for index in original.graph.initializer.indices
        where original.graph.initializer[index].dataType == floatType && read.contains(original.graph.initializer[index].name) {
            var proto = original
            proto.graph.initializer[index].dataType = Int32(Onnx_TensorProto.DataType.int32.rawValue)
            let error = try #require(try Self.readError(proto))
            #expect(error.message.contains("float or double expected"), "\(error)")
        }
    }

    @Test func graphWithoutOutputsIsRefused() throws {
        var proto = try Self.proto("mlp_raw.onnx")
        proto.graph.output = []
        #expect(try Self.readError(proto)?.message == "the graph has no outputs")
    }
}
