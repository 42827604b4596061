import FixtureSupport
import Foundation
import HLSPruneKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The knapsack reader's numbers against two independent conversions: the C library's `strtod`
/// (correctly rounded) and `JSONDecoder`, the reader it replaces. Equal means the same bits.
@Suite struct JSONNumberTests {
    @Test(arguments: NumberTexts.Form.allCases)
    func everyFormGivesStrtodsDouble(form: NumberTexts.Form) {
        var generator = SeededGenerator(seed: 1600 + UInt64(NumberTexts.Form.allCases.firstIndex(of: form)!))
        var checked = 0
        for _ in 0..<20_000 {
            let text = NumberTexts.random(form, using: &generator)
            let value = JSONNumber.value(of: text)
            if let expected = NumberTexts.representable(text) {
                #expect(value?.bitPattern == expected.bitPattern, "\(text): \(String(describing: value)), strtod \(expected)")
                checked += 1
            } else {
                #expect(value == nil, "\(text) is beyond a Double's range, yet gave \(String(describing: value))")
            }
        }
        #expect(checked > 10_000, "most of the \(form) texts fit a Double")
    }

    /// The number at the start of `text` and where it ends.
    static func parse(_ text: String) throws(JSONNumber.Failure) -> (value: Double, end: Int) {
        try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JSONNumber.Failure) in try JSONNumber.parse(buffer, from: 0) }
    }

    @Test func jsonDecoderAgrees() throws {
        var generator = SeededGenerator(seed: 1616)
        let texts = (0..<8_000).map { index in
            NumberTexts.random(NumberTexts.Form.allCases[index % NumberTexts.Form.allCases.count], using: &generator)
        }.filter { text in NumberTexts.representable(text).map { $0 != 0 } ?? false }  // JSONDecoder refuses 0e7 and 0E1
        let decoded = try JSONDecoder().decode([Double].self, from: Data("[\(texts.joined(separator: ","))]".utf8))
        #expect(decoded.count == texts.count)
        for (text, expected) in zip(texts, decoded) {
            #expect(JSONNumber.value(of: text)?.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    @Test(arguments: [
        ("-0", (-0.0).bitPattern), ("0", 0), ("-0.0e-5", (-0.0).bitPattern),
        ("9007199254740993", 9_007_199_254_740_992.0.bitPattern),  // halfway: to even
        ("9007199254740995", 9_007_199_254_740_996.0.bitPattern),
        ("4.9e-324", Double.leastNonzeroMagnitude.bitPattern),
        ("2.4703282292062328e-324", Double.leastNonzeroMagnitude.bitPattern),
        ("2.2250738585072011e-308", 0x000F_FFFF_FFFF_FFFF),  // the largest subnormal
        ("2.2250738585072014e-308", Double.leastNormalMagnitude.bitPattern),
        ("1.7976931348623157e308", Double.greatestFiniteMagnitude.bitPattern),
        ("0.1", 0.1.bitPattern), ("1e23", 1e23.bitPattern), ("8.5e-27", 8.5e-27.bitPattern),
        ("18446744073709551615", 18_446_744_073_709_551_615.0.bitPattern),
        ("123456789012345678901234567890", 1.2345678901234568e29.bitPattern),
    ] as [(String, UInt64)])
    func knownValues(text: String, bits: UInt64) {
        #expect(JSONNumber.value(of: text)?.bitPattern == bits)
    }

    @Test(arguments: [
        "1.7976931348623159e308", "1e309", "-1e400", "1e99999999999999999999", "9" + String(repeating: "9", count: 400),
        "2.4703282292062327e-324", "-1e-400", "0." + String(repeating: "0", count: 400) + "1",
    ])
    func beyondTheRangeIsRefused(text: String) {
        #expect(throws: JSONNumber.Failure.outOfRange(end: text.utf8.count)) { try Self.parse(text) }
    }

    @Test(arguments: [
        ("01", 1), ("-", 1), ("1.", 2), (".5", 0), ("+1", 0), ("1e", 2), ("1e+", 3), ("--1", 1), ("1.e5", 2), ("NaN", 0), ("-Infinity", 1), ("", 0),
        ("-01", 2), ("00", 1),
    ])
    func malformedTextsSayWhere(text: String, end: Int) {
        #expect(throws: JSONNumber.Failure.malformed(end: end)) { try Self.parse(text) }
    }

    @Test func numbersEndWhereTheGrammarEnds() {
        for (text, end) in [("12,", 2), ("1.5]", 3), ("-0 ", 2), ("3e2x", 3), ("0x10", 1), ("1.2.3", 3), ("123456789012345678901234}", 24)] {
            #expect((try? Self.parse(text))?.end == end, "\(text)")
        }
    }

    /// Millions of digits go through strtod in linear time (no hang), and exactly.
    @Test func longTextsStayExact() {
        #expect(JSONNumber.value(of: "0." + String(repeating: "0", count: 1_000_000)) == 0)
        #expect(JSONNumber.value(of: "1" + String(repeating: "0", count: 1_000_000) + "e-1000000") == 1)
        #expect(JSONNumber.value(of: "0.1" + String(repeating: "0", count: 1_000_000) + "1") == 0.1)
        #expect(JSONNumber.value(of: String(repeating: "7", count: 1_000_000)) == nil)
    }
}
