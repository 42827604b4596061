import FixedPoint
import Testing

/// Conversions checked against g++ compiling Xilinx's ap_types headers: every quantisation and
/// overflow mode, with and without saturation bits, from doubles and from other formats
/// (every raw value of small formats, seeded random values of wide ones).
@Suite struct APTypesConversionTests {
    let golden = APTypesGolden.shared

    @Test func goldenFileIsPresent() {
        #expect(golden.doubles.count > 1000)
        #expect(golden.lines("fromdouble").count > 200)
        #expect(golden.lines("convert").count > 500)
    }

    @Test func fromDouble() throws {
        var mismatches: [String] = []
        for line in golden.lines("fromdouble") {
            let format = try APTypesGolden.format(line.header)
            #expect(line.values.count == golden.doubles.count)
            for (value, expected) in zip(golden.doubles, line.values) where FixedPointValue(value, as: format).bits != APTypesGolden.bits(expected) {
                mismatches.append("\(format) = \(value): \(String(FixedPointValue(value, as: format).bits, radix: 16)), g++ \(expected)")
            }
        }
        let count = mismatches.count
let first = mismatches.prefix(8).joined(separator: "; ")
        #expect(count == 0, "\(count) mismatches, first: \(first)")
    }

    @Test func fromEveryValueOfSmallFormats() throws {
        var mismatches: [String] = []
        for line in golden.lines("convert") {
            let target = try APTypesGolden.format(line.header)
            let source = try APTypesGolden.plainFormat(line.header, at: 7)
            #expect(line.values.count == 1 << source.width)
            for (raw, expected) in line.values.enumerated() {
                let value = FixedPointValue(bits: UInt128(raw), as: source)
                let converted = FixedPointValue(converting: value, to: target)
                if converted.bits != APTypesGolden.bits(expected) {
                    mismatches.append("\(target) = \(value): \(String(converted.bits, radix: 16)), g++ \(expected)")
                }
            }
        }
        let count = mismatches.count
let first = mismatches.prefix(8).joined(separator: "; ")
        #expect(count == 0, "\(count) mismatches, first: \(first)")
    }

    @Test func fromRandomValuesOfWideFormats() throws {
        var mismatches: [String] = []
        let lines = golden.lines("sample")
        #expect(lines.count >= 10)
        for line in lines {
            let target = try APTypesGolden.format(line.header)
            let source = try APTypesGolden.plainFormat(line.header, at: 7)
            for pair in line.values {
                let parts = pair.split(separator: "=")
                let value = FixedPointValue(bits: APTypesGolden.bits(parts[0]), as: source)
                let converted = FixedPointValue(converting: value, to: target)
                if converted.bits != APTypesGolden.bits(parts[1]) {
                    mismatches.append("\(target) = \(value): \(String(converted.bits, radix: 16)), g++ \(parts[1])")
                }
            }
        }
        let count = mismatches.count
let first = mismatches.prefix(8).joined(separator: "; ")
        #expect(count == 0, "\(count) mismatches, first: \(first)")
    }

    @Test func integerFromDouble() throws {
        for line in golden.lines("intfromdouble") {
            let width = Int(line.header[0])!
            let isSigned = line.header[1] == "1"
            let mismatches = try zip(golden.doubles, line.values).filter { value, expected in
                try FixedPointValue(integerConverting: value, width: width, isSigned: isSigned).bits != APTypesGolden.bits(expected)
            }
            let count = mismatches.count
let first = mismatches.prefix(5).map { "\($0.0)" }.joined(separator: ", ")
            #expect(count == 0, "ap_\(isSigned ? "" : "u")int<\(width)>: \(count) mismatches, first at \(first)")
        }
    }
}
