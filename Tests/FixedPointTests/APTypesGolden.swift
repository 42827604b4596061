import FixedPoint
import FixtureSupport
import Foundation

/// `Fixtures/fixedpoint/ap_types.golden.txt`, the values g++ computed with the ap_types headers
/// (format described in `Fixtures/generate/ap_types_golden.py`), split into lines by kind.
struct APTypesGolden {
    struct Line {
        let kind: String
        /// The tokens between the kind and the colon.
        let header: [String]
        /// The tokens after the colon.
        let values: [String]
    }

    let doubles: [Double]
    let lines: [Line]

    static let shared: APTypesGolden = {
        let url = Fixtures.fixedPointFolder.appendingPathComponent("ap_types.golden.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return APTypesGolden(doubles: [], lines: []) }
        var doubles: [Double] = []
        var lines: [Line] = []
        for row in text.split(separator: "\n") where !row.hasPrefix("#") {
            let tokens = row.split(separator: " ").map(String.init)
            if tokens.first == "doubles" {
                doubles = tokens.dropFirst().map { Double(bitPattern: UInt64($0, radix: 16)!) }
                continue
            }
            guard let colon = tokens.firstIndex(of: ":") else { continue }
            var values: [String] = []  // "a=" and its result are printed as two tokens: joined here
            for token in tokens[(colon + 1)...] {
                if let last = values.last, last.hasSuffix("=") { values[values.count - 1] = last + token } else { values.append(token) }
            }
            lines.append(Line(kind: tokens[0], header: Array(tokens[1..<colon]), values: values))
        }
        return APTypesGolden(doubles: doubles, lines: lines)
    }()

    func lines(_ kind: String) -> [Line] { lines.filter { $0.kind == kind } }

    /// `W I S Q O N` at `offset` in a header.
    static func format(_ header: [String], at offset: Int = 0) throws -> FixedPointFormat {
        try FixedPointFormat(
            width: Int(header[offset])!, integerBits: Int(header[offset + 1])!, isSigned: header[offset + 2] == "1",
            quantization: QuantizationMode(rawValue: header[offset + 3])!, overflow: OverflowMode(rawValue: header[offset + 4])!,
            saturationBits: Int(header[offset + 5])!)
    }

    /// `W I S` (truncating, wrapping) at `offset` in a header.
    static func plainFormat(_ header: [String], at offset: Int) throws -> FixedPointFormat {
        try FixedPointFormat(width: Int(header[offset])!, integerBits: Int(header[offset + 1])!, isSigned: header[offset + 2] == "1")
    }

    static func bits(_ hex: some StringProtocol) -> UInt128 { UInt128(hex, radix: 16)! }
}
