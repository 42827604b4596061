import FixedPoint
import Testing

/// Products, sums, `to_double()` and `to_int()` checked against g++ compiling the ap_types headers:
/// the result formats (widths the headers give `a * b` and `a + b`) and every value.
@Suite struct APTypesArithmeticTests {
    let golden = APTypesGolden.shared

    /// `multiply`/`add` lines list every pair of raw values (a outer, b inner); the `…sample`
    /// lines list random pairs `a,b=result`.
    @Test(arguments: ["multiply", "add"])
    func operation(_ kind: String) throws {
        let lines = golden.lines(kind) + golden.lines(kind + "sample")
        #expect(lines.count >= 7)
        for line in lines {
            let left = try APTypesGolden.plainFormat(line.header, at: 0)
            let right = try APTypesGolden.plainFormat(line.header, at: 4)
            let expectedFormat = try APTypesGolden.plainFormat(line.header, at: 8)
            let format = kind == "multiply" ? try left.product(with: right) : try left.sum(with: right)
            #expect(format == expectedFormat, "\(left) \(kind) \(right)")
            var pairs: [(UInt128, UInt128, String)] = []
            if line.kind == kind {
                for (index, expected) in line.values.enumerated() {
                    pairs.append((UInt128(index >> right.width), UInt128(index & ((1 << right.width) - 1)), expected))
                }
            } else {
                for token in line.values {
                    let parts = token.split(whereSeparator: { $0 == "," || $0 == "=" })
                    pairs.append((APTypesGolden.bits(parts[0]), APTypesGolden.bits(parts[1]), String(parts[2])))
                }
            }
            var mismatches = 0
            for (a, b, expected) in pairs {
                let x = FixedPointValue(bits: a, as: left)
                let y = FixedPointValue(bits: b, as: right)
                let result = kind == "multiply" ? try x.multiplied(by: y) : try x.adding(y)
                if result.bits != APTypesGolden.bits(expected) || result.format != expectedFormat { mismatches += 1 }
            }
            #expect(mismatches == 0, "\(left) \(kind) \(right): \(mismatches) of \(pairs.count) differ")
        }
    }

    @Test func toDouble() throws {
        let lines = golden.lines("todouble")
        #expect(lines.count >= 5)
        for line in lines {
            let format = try APTypesGolden.plainFormat(line.header, at: 0)
            let mismatches = line.values.filter { token in
                let parts = token.split(separator: "=")
                let value = FixedPointValue(bits: APTypesGolden.bits(parts[0]), as: format)
                return value.doubleValue.bitPattern != UInt64(parts[1], radix: 16)!
            }
            let count = mismatches.count
let first = mismatches.prefix(5).joined(separator: ", ")
            #expect(count == 0, "\(format): \(count) mismatches, first \(first)")
        }
    }

    @Test func toInt() throws {
        let lines = golden.lines("toint")
        #expect(lines.count >= 6)
        for line in lines {
            let format = try APTypesGolden.plainFormat(line.header, at: 0)
            for (raw, expected) in line.values.enumerated() {
                let value = FixedPointValue(bits: UInt128(raw), as: format)
                #expect(value.truncatedInt == Int32(expected)!, "\(format) raw \(raw)")
            }
        }
    }

    @Test func unsupportedFormatsAreTypedErrors() {
        #expect(throws: FixedPointError.unsupportedWidth(0)) { try FixedPointFormat(width: 0, integerBits: 0) }
        #expect(throws: FixedPointError.unsupportedWidth(128)) { try FixedPointFormat(width: 128, integerBits: 0) }
        #expect(throws: FixedPointError.unsupportedSaturationBits(5, width: 4)) {
            try FixedPointFormat(width: 4, integerBits: 2, saturationBits: 5)
        }
        #expect(throws: FixedPointError.resultTooWide(operation: "product", width: 128)) {
            try FixedPointFormat(width: 64, integerBits: 2).product(with: FixedPointFormat(width: 64, integerBits: 2))
        }
    }
}
