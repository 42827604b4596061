import ModelIR

/// How hlsprune read a model (`hlsprune inspect`), as a table for people and as JSON for programs.
package enum ModelSummary {
    /// The summary of the canonical graph, or of the graph as read node by node when `raw`.
    package static func json(_ model: ModelFile, raw: Bool = false) -> OrderedJSON {
        let graph = raw ? model.rawGraph : model.graph
        let showsQuantizers = graph.layers.contains(where: \.isQuantized)
        let layers = graph.layers.map { layer in
            let quantizers: [(String, OrderedJSON)] = layer.weights.compactMap { weight in
                layer.weightQuantizers[weight.name].map { (weight.name, .string($0.description)) }
            }
            return OrderedJSON.object([
                ("name", .string(layer.name)),
                ("class", .string(layer.className)),
                ("output_shape", .array(layer.outputShape.map { .int($0) })),
                ("parameters", .int(layer.parameterCount)),
                ("activation", activationName(layer).map { .string($0) } ?? .null),
                ("weights", .array(layer.weights.map { weight in
                    .object([
                        ("name", .string(weight.name)),
                        ("shape", .array(weight.tensor.shape.map { .int($0) })),
                        ("zeros", .int(weight.tensor.zeroCount)),
                    ])
                })),
            ] + (showsQuantizers ? [("quantizers", .object(quantizers))] : []))
        }
        return .object([
            ("format", .string(model.format.rawValue)),
            ("keras_version", model.kerasVersion.map { .string($0) } ?? .null),
            ("parameters", .int(graph.parameterCount)),
            ("layers", .array(layers)),
        ] + (model.notes.isEmpty ? [] : [("notes", .array(model.notes.map { .string($0) }))]))
    }

    package static func table(_ model: ModelFile, raw: Bool = false) -> String {
        let graph = raw ? model.rawGraph : model.graph
        let showsQuantizers = graph.layers.contains(where: \.isQuantized)
        let header = ["layer", "class", "output shape", "params", "weights", "zeros", "activation"] + (showsQuantizers ? ["weight quantizers"] : [])
        var rows: [[String]] = graph.layers.map { layer in
            let zeros = layer.weights.reduce(0) { $0 + $1.tensor.zeroCount }
            let quantizers = layer.weights.compactMap { weight in layer.weightQuantizers[weight.name].map { "\(weight.name) \($0)" } }
            return [
                layer.name, layer.className, shapeText(layer.outputShape), String(layer.parameterCount),
                layer.weights.map { "\($0.name) \(shapeText($0.tensor.shape))" }.joined(separator: ", "),
                layer.parameterCount == 0 ? "" : "\(zeros) (\(percent(zeros, of: layer.parameterCount)))",
                activationName(layer) ?? "",
            ] + (showsQuantizers ? [quantizers.joined(separator: ", ")] : [])
        }
        let totalZeros = graph.layers.reduce(0) { $0 + $1.weights.reduce(0) { $0 + $1.tensor.zeroCount } }
        let total = graph.parameterCount
        rows.append(["total", "", "", String(total), "", "\(totalZeros) (\(percent(totalZeros, of: total)))", ""] + (showsQuantizers ? [""] : []))
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.paddedRight(to: $1) }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        let version = model.writerDescription.map { ", \($0)" } ?? ""
        let form = raw && model.format == .onnx ? ", node by node" : ""
        let title = "\(model.path): \(graph.name) (\(model.format.rawValue)\(version)\(form))"
        let notes = model.notes.isEmpty ? [] : [""] + model.notes.map { "note: \($0)" }
        return ([title, "", line(header), rule] + rows.dropLast().map(line) + [rule, line(rows.last!)] + notes).joined(separator: "\n")
    }

    /// The activation a layer applies: its fused activation, or the function of an activation layer.
    static func activationName(_ layer: Layer) -> String? {
        switch layer.kind {
        case .activation(let activation): activation.kerasName
        case .relu: "relu"
        case .leakyReLU: "leaky_relu"
        case .prelu: "prelu"
        case .softmax: "softmax"
        default: layer.activation?.kerasName
        }
    }

    static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension String {
    /// The string without spaces at its end.
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    /// The string followed by spaces up to `width` characters.
    func paddedRight(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension ModelFile {
    /// One row per layer — class, output shape, parameters, weights, zeros, activation — and totals.
    public var summaryTable: String { ModelSummary.table(self) }

    /// The facts of ``summaryTable`` as one JSON object (keys only ever added to).
    public var summaryJSON: String { ModelSummary.json(self).text }

    /// ``summaryTable`` of ``rawGraph``: an ONNX graph node by node, before the canonical passes.
    ///
    /// ```swift
    /// print(try ModelFile.open("conv1d.onnx").rawSummaryTable)   // Reshape, ZeroPadding2D, Conv2D, Permute, …
    /// ```
    public var rawSummaryTable: String { ModelSummary.table(self, raw: true) }

    /// ``summaryJSON`` of ``rawGraph``.
    public var rawSummaryJSON: String { ModelSummary.json(self, raw: true).text }
}
