import ONNXProto

/// Checks an ONNX graph against the rules of the format before anything is built from it: every
/// node's op is supported, with the number of inputs and outputs and the attribute types its
/// ``ONNXOpSchema`` allows; every value is defined once (graph input, initializer or one node's
/// output) and defined before it is read; constants have the element types their use needs; the
/// graph has outputs and no cycle. Nodes may come in any order: they are returned sorted
/// topologically, keeping the file's order where it already is one.
///
/// ```swift
/// let nodes = try ONNXGraphValidator(graph: proto.graph, file: path).sortedNodes()
/// ```
struct ONNXGraphValidator {
    let graph: Onnx_GraphProto
    let file: String

    /// How errors name a node: its name (or first output), position in the file and op.
    static func describe(_ node: Onnx_NodeProto, at index: Int?) -> String {
        let name = node.name.isEmpty ? (node.output.first ?? "") : node.name
        return "'\(name)' (\(index.map { "#\($0), " } ?? "")\(node.opType))"
    }

    private func fail(_ index: Int, _ message: String) -> ONNXError {
        ONNXError(file: file, node: Self.describe(graph.node[index], at: index), message)
    }

    /// The nodes in an order where every value is produced before it is read.
    func sortedNodes() throws -> [Onnx_NodeProto] {
        let (producers, elementTypes) = try definitions()
        for index in graph.node.indices { try checkNode(index, elementTypes: elementTypes) }
        for (index, node) in graph.node.enumerated() {
            for input in node.input where !input.isEmpty && producers[input] == nil {
                throw fail(index, "reads '\(input)', which no node, initializer or graph input defines")
            }
        }
        guard !graph.output.isEmpty else { throw ONNXError(file: file, "the graph has no outputs") }
        for output in graph.output where producers[output.name] == nil {
            throw ONNXError(file: file, node: "output \(output.name)", "is not defined by any node, initializer or graph input")
        }
        return try topologicalOrder(producers).map { graph.node[$0] }
    }

    /// Who defines each value (a node index, or `nil` inside for inputs and initializers) and the
    /// element type of the constant ones; a value defined twice is an error.
    private func definitions() throws -> (producers: [String: Int?], elementTypes: [String: Int32]) {
        var producers: [String: Int?] = [:]
        var elementTypes: [String: Int32] = [:]
        for tensor in graph.initializer {
            guard !tensor.name.isEmpty, producers.updateValue(nil, forKey: tensor.name) == nil else {
                throw ONNXError(file: file, node: "initializer '\(tensor.name)'", "is defined twice or has no name")
            }
            elementTypes[tensor.name] = tensor.dataType
        }
        var inputs = Set<String>()
        for input in graph.input {
            guard !input.name.isEmpty, inputs.insert(input.name).inserted else {
                throw ONNXError(file: file, node: "input '\(input.name)'", "is listed twice or has no name")
            }
            // Older exporters list initializers among the inputs too: the same value, not a second one.
            if producers[input.name] == nil { producers[input.name] = .some(nil) }
        }
        for (index, node) in graph.node.enumerated() {
            for output in node.output where !output.isEmpty {
                if let previous = producers[output] {
                    let first = previous.map { "node \(Self.describe(graph.node[$0], at: $0))" } ?? "a graph input or initializer"
                    throw fail(index, "produces '\(output)', which \(first) already defines; a value has one producer")
                }
                producers[output] = index
            }
            if node.opType == "Constant", let value = node.attribute.first(where: { $0.name == "value" }), value.hasT, let output = node.output.first {
                elementTypes[output] = value.t.dataType
            }
        }
        return (producers, elementTypes)
    }

    /// The node's op, arity, attribute types and constant element types against its schema.
    private func checkNode(_ index: Int, elementTypes: [String: Int32]) throws {
        let node = graph.node[index]
        guard let schema = ONNXOpSchema.schema(domain: node.domain, op: node.opType) else {
            throw fail(index, ONNXUnsupportedOp.message(domain: node.domain, op: node.opType))
        }
        guard schema.inputs.contains(node.input.count) else {
            throw fail(index, "has \(node.input.count) inputs; \(node.opType) takes \(Self.count(schema.inputs))")
        }
        guard schema.outputs.contains(node.output.count) else {
            throw fail(index, "has \(node.output.count) outputs; \(node.opType) gives \(Self.count(schema.outputs))")
        }
        if let missing = node.input.prefix(schema.inputs.lowerBound).firstIndex(where: \.isEmpty) {
            throw fail(index, "input \(missing) has no name; \(node.opType) needs it")
        }
        if node.output.first?.isEmpty == true { throw fail(index, "its first output has no name") }
        var seen = Set<String>()
        for attribute in node.attribute {
            guard seen.insert(attribute.name).inserted else { throw fail(index, "has attribute '\(attribute.name)' twice") }
            if let expected = schema.attributes[attribute.name], attribute.type != expected {
                throw fail(index, "attribute '\(attribute.name)' is \(attribute.type); \(node.opType) defines it as \(expected)")
            }
            // Sizes, axes and flags: far below 2^31 in any real model, so sums and products of two stay exact.
            if let value = (attribute.type == .int ? [attribute.i] : attribute.type == .ints ? attribute.ints : []).first(where: { !(-Int64(Int32.max)...Int64(Int32.max)).contains($0) }) {
                throw fail(index, "attribute '\(attribute.name)' is \(value); values within ±2^31 expected")
            }
        }
        for (position, input) in node.input.enumerated() {
            guard let type = elementTypes[input] else { continue }
            let dataType = Onnx_TensorProto.DataType(rawValue: Int(type))
            if schema.constantsAreFloat || schema.floatInputs.contains(position), dataType != .float, dataType != .double {
                throw fail(index, "input \(position) '\(input)' has element type \(type); float or double expected")
            }
            if schema.integerInputs.contains(position), dataType != .int64, dataType != .int32 {
                throw fail(index, "input \(position) '\(input)' has element type \(type); int64 or int32 expected")
            }
        }
    }

    private static func count(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)"
            : range.upperBound == ONNXOpSchema.many ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
    }

    /// Node indices, each after the producers of its inputs (depth first without recursion, so
    /// that a long chain cannot exhaust the stack); a cycle is an error naming one of its nodes.
    private func topologicalOrder(_ producers: [String: Int?]) throws -> [Int] {
        enum Mark { case unvisited, inProgress, done }
        var marks = Array(repeating: Mark.unvisited, count: graph.node.count)
        var order: [Int] = []
        order.reserveCapacity(graph.node.count)
        for root in graph.node.indices where marks[root] == .unvisited {
            // Each frame: a node and how many of its inputs have been looked at.
            var stack = [(node: root, next: 0)]
            marks[root] = .inProgress
            while let (node, next) = stack.last {
                let inputs = graph.node[node].input
                guard next < inputs.count else {
                    stack.removeLast()
                    marks[node] = .done
                    order.append(node)
                    continue
                }
                stack[stack.count - 1].next += 1
                guard !inputs[next].isEmpty, let producer = producers[inputs[next]] ?? nil else { continue }
                switch marks[producer] {
                case .done: continue
                case .inProgress: throw fail(producer, "is part of a cycle: it depends, through '\(inputs[next])', on its own output")
                case .unvisited:
                    marks[producer] = .inProgress
                    stack.append((producer, 0))
                }
            }
        }
        return order
    }
}
