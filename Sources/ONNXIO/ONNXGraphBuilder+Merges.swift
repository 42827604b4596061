import ModelIR
import ONNXProto

/// Merges of several computed values: Mean, Max and Min (element-wise) and Concat (over the last
/// axis). Add, Sub and Mul of two computed values are read with the other element-wise ops.
extension ONNXGraphBuilder {
    mutating func readMerge(_ node: Onnx_NodeProto) throws {
        switch node.opType {
        case "Mean", "Max", "Min":
            guard node.input.allSatisfy({ constants[$0] == nil }) else { throw fail(node, "\(node.opType) with a constant input is not supported") }
            let operation: MergeOperation = node.opType == "Mean" ? .average : node.opType == "Max" ? .maximum : .minimum
            let layout = layouts[node.inputName(0)] ?? .asIs
            var sources: [String] = []
            for input in node.input { sources.append(try source(input, in: layout, of: node)) }
            let name = unique(node.name.isEmpty ? node.outputName(0) : node.name)
            try append(Layer(name: name, className: node.opType, kind: .merge(operation), inputs: sources), for: node)
            producer[node.outputName(0)] = name
            layouts[node.outputName(0)] = layout
        case "Concat":
            let rank = try shape(of: node.inputName(0)).count + 1
            let axis = Int(attribute(node, "axis")?.i ?? 1)
            guard axis == -1 || axis == rank - 1 else { throw fail(node, "Concat over axis \(axis); only the last axis is supported") }
            let name = unique(node.name.isEmpty ? node.outputName(0) : node.name)
            var sources: [String] = []
            for input in node.input { sources.append(try source(input, in: .asIs, of: node)) }
            try append(Layer(name: name, className: "Concatenate", kind: .concatenate(axis: -1), inputs: sources), for: node)
            producer[node.outputName(0)] = name
        default: throw unsupported(node)
        }
    }
}
