import FixtureSupport
import Foundation
import HLSConfig
import HLSEmit
import ModelIR
import Testing

/// hls4ml's value formatting, `%.{frac}f` half-even with `-0` kept (behaviour doc §2.3, §7).
struct DecimalFormatterTests {
    static func written(_ values: [Float], _ precision: String) -> [String] {
        let decimals = Precision(precision)!.writtenDecimals
        return values.map { DecimalFormatter.string(Double($0), decimals: decimals) }
    }

    @Test func behaviourDocVectors() {
        let values: [Float] = [0.1, 1.0 / 4096, -0.0, 1e-7, 3.14159]
        #expect(Self.written(values, "ap_fixed<16,6>") == ["0.1000000015", "0.0002441406", "-0.0000000000", "0.0000001000", "3.1415901184"])
        #expect(Self.written(values, "ap_fixed<8,3>") == ["0.10000", "0.00024", "-0.00000", "0.00000", "3.14159"])
        #expect(Self.written([1.5, -2.5, 2.5, 3.5, -0.5], "ap_int<8>") == ["2", "-2", "2", "4", "-0"])
        #expect(Self.written([-0.93895, 0.73763], "ap_fixed<4,4>") == ["-1", "1"])
        #expect(Self.written([-0.93895, 0.73763], "ap_fixed<4,6>") == ["-1", "1"])
        #expect(DecimalFormatter.string(-7.75, decimals: 12) == "-7.750000000000")
        #expect(DecimalFormatter.string(Double(Float(3.14159)), decimals: 12) == "3.141590118408")
    }

    /// `parsedBack` is what reading the written text gives (Swift's `Double(String)`, i.e. strtod,
    /// the oracle), computed without the text; it declines only values it cannot do exactly.
    @Test func parsedBackEqualsReadingTheWrittenText() {
        var generator = SeededGenerator(seed: 15)
        var mismatches: [String] = []
        var computed = 0
        for _ in 0..<20_000 {
            let value = Double(Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator)))
            for decimals in [0, 3, 10, 16, 22] {
                guard let parsed = DecimalFormatter.parsedBack(value, decimals: decimals) else { continue }
                computed += 1
                let text = DecimalFormatter.string(value, decimals: decimals)
                if parsed.bitPattern != Double(text)?.bitPattern { mismatches.append("\(value) with \(decimals) decimals") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(computed > 10_000)
        #expect(DecimalFormatter.parsedBack(Double(Float(-0.1234567)), decimals: 10) == -0.1234567016)  // a weight's usual case
        #expect(DecimalFormatter.parsedBack(.nan, decimals: 10) == nil && DecimalFormatter.parsedBack(1e30, decimals: 10) == nil)
        #expect(DecimalFormatter.parsedBack(-0.0, decimals: 10)?.sign == .minus)
    }

    /// glibc's printf rounds the exact binary value correctly: the independent oracle.
    @Test func agreesWithPrintfOnSeededValues() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<20_000 {
            let exponent = Int.random(in: -40...40, using: &generator)
            let value = Double(Float(Double.random(in: -1...1, using: &generator) * pow(2, Double(exponent))))
            let decimals = Int.random(in: 0...22, using: &generator)
            #expect(DecimalFormatter.string(value, decimals: decimals) == String(format: "%.*f", decimals, value), "\(value) \(decimals)")
        }
        // Halfway cases: k + 0.5 at 0 decimals and 0.125-steps at 2 decimals round to even.
        for k in -20...20 {
            let half = Double(k) + 0.5
            #expect(DecimalFormatter.string(half, decimals: 0) == String(format: "%.0f", half))
            let eighth = Double(k) / 8
            #expect(DecimalFormatter.string(eighth, decimals: 2) == String(format: "%.2f", eighth))
        }
    }

    @Test func largeValuesAndManyDecimalsFallBackExactly() {
        for value in [1e30, -3.4e38, Double(Float.leastNonzeroMagnitude), 123456789.125] {
            #expect(DecimalFormatter.string(value, decimals: 16) == String(format: "%.16f", value))
        }
    }
}
