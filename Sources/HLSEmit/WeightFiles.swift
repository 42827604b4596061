/// The text of `firmware/weights/<var>.h` and `<var>.txt`, byte for byte as hls4ml 1.3.0 writes them.
public struct WeightFiles: Sendable {
    /// `WriterConfig.Namespace`: wraps the array in `namespace <name> { … }`.
    public var namespace: String?
    /// `WriterConfig.WriteWeightsTxt`: also write `.txt` files and declare the array without values
    /// outside synthesis (C simulation then reads the `.txt`).
    public var writesText: Bool

    public init(namespace: String? = nil, writesText: Bool = true) {
        self.namespace = namespace
        self.writesText = writesText
    }

    private static let header = Template(Templates.weightHeader)

    /// The values as hls4ml writes them, `", "`-separated: `%.{decimals}f` of each value.
    public func values(of variable: WeightVariable) -> [UInt8] {
        let decimals = variable.precision.writtenDecimals
        var bytes: [UInt8] = []
        bytes.reserveCapacity(variable.values.count * (decimals + 5))
        for (position, value) in variable.values.enumerated() {
            if position > 0 { bytes += [UInt8(ascii: ","), UInt8(ascii: " ")] }
            DecimalFormatter.append(Double(value), decimals: decimals, to: &bytes)
        }
        return bytes
    }

    /// The `.h` file.
    public func header(of variable: WeightVariable, values: [UInt8]? = nil) -> [UInt8] {
        let declaration = "\(variable.typeName) \(variable.name)[\(variable.values.count)]"
        var fields: [String: [UInt8]] = [
            "shape": Array(("[" + variable.shape.map(String.init).joined(separator: ", ") + "]").utf8),
            "min": Array(DecimalFormatter.string(Double(variable.minimum), decimals: 12).utf8),
            "max": Array(DecimalFormatter.string(Double(variable.maximum), decimals: 12).utf8),
            "zeros": Array(String(variable.zeroCount).utf8),
            "guard": Array((variable.name.uppercased() + "_H_").utf8),
            "declaration": Array(declaration.utf8),
            "values": values ?? self.values(of: variable),
        ]
        if let namespace {
            fields["namespace_open"] = Array("namespace \(namespace) {\n\n".utf8)
            fields["namespace_close"] = Array("}\n\n".utf8)
        }
        if writesText {
            fields["declaration_only"] = Array("#ifndef __SYNTHESIS__\n\(declaration);\n#else\n".utf8)
            fields["declaration_end"] = Array("#endif\n".utf8)
        }
        var output: [UInt8] = []
        Self.header.render(fields, into: &output)
        return output
    }

    /// The files of one variable: `<name>.h`, and `<name>.txt` (the values, no newline) when enabled.
    public func files(of variable: WeightVariable) -> [(name: String, bytes: [UInt8])] {
        let values = self.values(of: variable)
        var files = [(name: "\(variable.name).h", bytes: header(of: variable, values: values))]
        if writesText { files.append((name: "\(variable.name).txt", bytes: values)) }
        return files
    }
}
