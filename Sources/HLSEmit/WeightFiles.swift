import Foundation
import ModelIR

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

    /// The values as hls4ml writes them, `", "`-separated: `%.{decimals}f` of each value, in
    /// consecutive pieces (large arrays are formatted in chunks on all cores and not joined).
    public func values(of variable: WeightVariable) -> [[UInt8]] {
        let decimals = variable.precision.writtenDecimals
        let values = variable.values
        let chunkSize = 65_536
        let chunks = (values.count + chunkSize - 1) / chunkSize
        @Sendable func format(_ range: Range<Int>, first: Bool) -> [UInt8] {
            let width = DecimalFormatter.maximumLength(decimals: decimals) + 2
            var slow: [(position: Int, offset: Int)] = []  // values the fast path declined, filled in below
            var bytes = [UInt8](unsafeUninitializedCapacity: range.count * width) { buffer, initialized in
                var cursor = buffer.baseAddress!
                for position in range {
                    if position > 0 || !first {
                        cursor[0] = UInt8(ascii: ",")
                        cursor[1] = UInt8(ascii: " ")
                        cursor += 2
                    }
                    if let count = DecimalFormatter.write(Double(values[position]), decimals: decimals, to: cursor) {
                        cursor += count
                    } else {
                        slow.append((position, cursor - buffer.baseAddress!))
                    }
                }
                initialized = cursor - buffer.baseAddress!
            }
            for (position, offset) in slow.reversed() {
                var text: [UInt8] = []
                DecimalFormatter.append(Double(values[position]), decimals: decimals, to: &text)
                bytes.insert(contentsOf: text, at: offset)
            }
            return bytes
        }
        guard chunks > 1 else { return [format(values.indices, first: true)] }
        let parts = ChunkCollector<[UInt8]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = chunk * chunkSize ..< min(values.count, (chunk + 1) * chunkSize)
            parts.store(format(range, first: chunk == 0), at: chunk)
        }
        return parts.results
    }

    /// The `.h` file, as the pieces before and after the values.
    public func header(of variable: WeightVariable) -> (beforeValues: [UInt8], afterValues: [UInt8]) {
        let declaration = "\(variable.typeName) \(variable.name)[\(variable.values.count)]"
        var fields: [String: [UInt8]] = [
            "shape": Array(("[" + variable.shape.map(String.init).joined(separator: ", ") + "]").utf8),
            "min": Array(DecimalFormatter.string(Double(variable.minimum), decimals: 12).utf8),
            "max": Array(DecimalFormatter.string(Double(variable.maximum), decimals: 12).utf8),
            "zeros": Array(String(variable.zeroCount).utf8),
            "guard": Array((variable.name.uppercased() + "_H_").utf8),
            "declaration": Array(declaration.utf8),
        ]
        if let namespace {
            fields["namespace_open"] = Array("namespace \(namespace) {\n\n".utf8)
            fields["namespace_close"] = Array("}\n\n".utf8)
        }
        if writesText {
            fields["declaration_only"] = Array("#ifndef __SYNTHESIS__\n\(declaration);\n#else\n".utf8)
            fields["declaration_end"] = Array("#endif\n".utf8)
        }
        let (before, after) = Self.header.render(fields, splittingAt: "values")
        return (before, after)
    }

    /// The files of one variable, each as consecutive pieces of bytes: `<name>.h`, and `<name>.txt`
    /// (the values, no newline) when enabled.
    public func files(of variable: WeightVariable) -> [(name: String, parts: [[UInt8]])] {
        let values = self.values(of: variable)
        let header = header(of: variable)
        var files = [(name: "\(variable.name).h", parts: [header.beforeValues] + values + [header.afterValues])]
        if writesText { files.append((name: "\(variable.name).txt", parts: values)) }
        return files
    }
}
