import Foundation
import ONNXProto
import Training

/// Structure-aware damage to an ONNX model: each edit breaks one rule of the format (arity,
/// single producers, acyclicity, tensor sizes, attribute and element types) or changes a value
/// within the rules.
enum ONNXMutations {
    static func mutant(of model: Onnx_ModelProto, named name: String, using random: inout SeededGenerator) throws -> Mutant {
        var proto = model
        let edit = edits.randomElement(using: &random)!
        guard let (description, refusedBy) = edit(&proto, &random) else {
            return try mutant(of: model, named: name, using: &random)
        }
        return Mutant("\(name): \(description)", fileExtension: "onnx", bytes: try proto.serializedBytes(), mustBeRefusedBy: refusedBy)
    }

    /// An edit returns what it did and which commands must refuse the result, or `nil` when the
    /// model has nothing it applies to.
    typealias Edit = @Sendable (inout Onnx_ModelProto, inout SeededGenerator) -> (String, Set<FuzzedCommand>)?

    static let edits: [Edit] = [
        removeNodeInputs, removeNodeOutputs, selfLoop, duplicateProducer, removeGraphInput, removeGraphOutput,
        removeInitializer, scaleDimension, negateDimension, changeElementType, changeAttributeType, changeAttributeValue,
        swapNodes,
    ]

    static func removeNodeInputs(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let index = proto.graph.node.indices.filter({ !proto.graph.node[$0].input.isEmpty }).randomElement(using: &random) else { return nil }
        proto.graph.node[index].input = []
        return ("node \(index) (\(proto.graph.node[index].opType)) without inputs", .all)
    }

    static func removeNodeOutputs(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let index = proto.graph.node.indices.randomElement(using: &random) else { return nil }
        proto.graph.node[index].output = []
        return ("node \(index) (\(proto.graph.node[index].opType)) without outputs", .all)
    }

    static func selfLoop(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let index = proto.graph.node.indices.filter({ !proto.graph.node[$0].input.isEmpty && !proto.graph.node[$0].output.isEmpty })
            .randomElement(using: &random) else { return nil }
        proto.graph.node[index].input[0] = proto.graph.node[index].output[0]
        return ("node \(index) (\(proto.graph.node[index].opType)) reads its own output", .all)
    }

    static func duplicateProducer(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        let producers = proto.graph.node.indices.filter { !proto.graph.node[$0].output.isEmpty }
        guard producers.count >= 2 else { return nil }
        let pair = producers.shuffled(using: &random).prefix(2)
        let (first, second) = (pair.first!, pair.last!)
        proto.graph.node[second].output[0] = proto.graph.node[first].output[0]
        return ("nodes \(first) and \(second) both produce '\(proto.graph.node[first].output[0])'", .all)
    }

    static func removeGraphInput(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        let initializers = Set(proto.graph.initializer.map(\.name))
        guard let index = proto.graph.input.indices.filter({ !initializers.contains(proto.graph.input[$0].name) }).randomElement(using: &random)
        else { return nil }
        let removed = proto.graph.input.remove(at: index)
        return ("graph input '\(removed.name)' removed", .all)
    }

    static func removeGraphOutput(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard !proto.graph.output.isEmpty else { return nil }
        let removed = proto.graph.output.remove(at: Int.random(in: 0..<proto.graph.output.count, using: &random))
        return ("graph output '\(removed.name)' removed", proto.graph.output.isEmpty ? .all : [])
    }

    static func removeInitializer(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard !proto.graph.initializer.isEmpty else { return nil }
        let removed = proto.graph.initializer.remove(at: Int.random(in: 0..<proto.graph.initializer.count, using: &random))
        proto.graph.input.removeAll { $0.name == removed.name }
        let isRead = proto.graph.node.contains { $0.input.contains(removed.name) }
        return ("initializer '\(removed.name)' removed", isRead ? .all : [])
    }

    static func scaleDimension(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let (index, axis) = randomDimension(of: proto, using: &random) else { return nil }
        let factor = [Int64(2), 1000, 1 << 31, 1 << 40, Int64.max / 3].randomElement(using: &random)!
        let old = proto.graph.initializer[index].dims[axis]
        proto.graph.initializer[index].dims[axis] = old &* factor
        return ("initializer '\(proto.graph.initializer[index].name)' dim \(axis) \(old) × \(factor)", old == 0 ? [] : .all)
    }

    static func negateDimension(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let (index, axis) = randomDimension(of: proto, using: &random) else { return nil }
        let old = proto.graph.initializer[index].dims[axis]
        proto.graph.initializer[index].dims[axis] = old == 0 ? -1 : -old
        return ("initializer '\(proto.graph.initializer[index].name)' dim \(axis) negated", .all)
    }

    private static func randomDimension(of proto: Onnx_ModelProto, using random: inout SeededGenerator) -> (Int, Int)? {
        guard let index = proto.graph.initializer.indices.filter({ !proto.graph.initializer[$0].dims.isEmpty }).randomElement(using: &random)
        else { return nil }
        return (index, Int.random(in: 0..<proto.graph.initializer[index].dims.count, using: &random))
    }

    /// A float initializer declared as int32, int64, float16, string or undefined (or an integer
    /// one as float): a type the op does not take there.
    static func changeElementType(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let index = proto.graph.initializer.indices.randomElement(using: &random) else { return nil }
        let old = proto.graph.initializer[index].dataType
        let isFloat = old == Int32(Onnx_TensorProto.DataType.float.rawValue) || old == Int32(Onnx_TensorProto.DataType.double.rawValue)
        let choices: [Onnx_TensorProto.DataType] = isFloat ? [.int32, .int64, .float16, .string, .undefined, .uint8] : [.float, .float16, .string, .undefined]
        let new = choices.randomElement(using: &random)!
        proto.graph.initializer[index].dataType = Int32(new.rawValue)
        return ("initializer '\(proto.graph.initializer[index].name)' element type \(old) → \(new.rawValue)", .all)
    }

    /// An attribute stored under another type than the op defines for it.
    static func changeAttributeType(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let (node, position) = randomAttribute(of: proto, using: &random) else { return nil }
        var attribute = proto.graph.node[node].attribute[position]
        let old = attribute.type
        let new: Onnx_AttributeProto.AttributeType = [.float, .int, .string, .ints, .floats].filter { $0 != old }.randomElement(using: &random)!
        let number = attribute.i != 0 ? Float(attribute.i) : attribute.f
        attribute = Onnx_AttributeProto()
        attribute.name = proto.graph.node[node].attribute[position].name
        attribute.type = new
        switch new {
        case .float: attribute.f = number
        case .int: attribute.i = Int64(number)
        case .string: attribute.s = Data("\(number)".utf8)
        case .ints: attribute.ints = [Int64(number)]
        default: attribute.floats = [number]
        }
        proto.graph.node[node].attribute[position] = attribute
        return ("node \(node) (\(proto.graph.node[node].opType)) attribute '\(attribute.name)' \(old) → \(new)", .all)
    }

    /// An attribute with a value of the right type that may be out of range.
    static func changeAttributeValue(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard let (node, position) = randomAttribute(of: proto, using: &random) else { return nil }
        let values: [Int64] = [0, -1, 7, 1 << 40, -(1 << 62)]
        let value = values.randomElement(using: &random)!
        var attribute = proto.graph.node[node].attribute[position]
        attribute.i = value
        attribute.f = Float(value)
        attribute.ints = attribute.ints.map { _ in value }
        attribute.floats = attribute.floats.map { _ in Float(value) }
        proto.graph.node[node].attribute[position] = attribute
        return ("node \(node) (\(proto.graph.node[node].opType)) attribute '\(attribute.name)' set to \(value)", [])
    }

    /// Two nodes exchanged: a reader before its producer (ONNX requires topological order).
    static func swapNodes(_ proto: inout Onnx_ModelProto, _ random: inout SeededGenerator) -> (String, Set<FuzzedCommand>)? {
        guard proto.graph.node.count >= 2 else { return nil }
        let first = Int.random(in: 0..<proto.graph.node.count - 1, using: &random)
        proto.graph.node.swapAt(first, first + 1)
        return ("nodes \(first) and \(first + 1) swapped", [])
    }

    private static func randomAttribute(of proto: Onnx_ModelProto, using random: inout SeededGenerator) -> (Int, Int)? {
        let candidates = proto.graph.node.indices.flatMap { node in
            proto.graph.node[node].attribute.indices.filter { proto.graph.node[node].attribute[$0].type != .tensor }.map { (node, $0) }
        }
        return candidates.randomElement(using: &random)
    }
}
