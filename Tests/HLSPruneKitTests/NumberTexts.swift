import FixtureSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seeded JSON number texts of every form the knapsack reader must convert exactly.
enum NumberTexts {
    /// The forms, each a generator of texts.
    enum Form: CaseIterable {
        /// Swift's shortest round-trip text of a random finite Double (Python's `repr` is the same digits).
        case shortest
        /// Integers of 1–40 digits.
        case integer
        /// `0.` and 1–25 digits, as Python writes values in [0, 1).
        case fraction
        /// 17 significant digits and an exponent, as `%.17e` writes any Double.
        case seventeenDigits
        /// Up to 30 digits around a point and an exponent in ±400 (`E`, `e+`, `e-`, `e`).
        case exponent
        /// Near and below the smallest normal Double (2.2e-308) down to below half the smallest subnormal.
        case subnormal
        /// Exact midpoints between neighbouring Doubles and their neighbours (ties to even, sticky bits).
        case midpoint
        /// Zeros in every spelling, signed.
        case zero
    }

    static func random(_ form: Form, using generator: inout SeededGenerator) -> String {
        let sign = Bool.random(using: &generator) ? "-" : ""
        switch form {
        case .shortest:
            var value = Double.nan
            while !value.isFinite { value = Double(bitPattern: generator.next()) }
            return "\(value)"
        case .integer:
            return sign + digits(Int.random(in: 1...40, using: &generator), leadingZero: false, using: &generator)
        case .fraction:
            return sign + "0." + digits(Int.random(in: 1...25, using: &generator), leadingZero: true, using: &generator)
        case .seventeenDigits:
            let exponent = Int.random(in: -330...310, using: &generator)
            return sign + digits(1, leadingZero: false, using: &generator) + "." + digits(16, leadingZero: true, using: &generator) + "e\(exponent)"
        case .exponent:
            let whole = Bool.random(using: &generator) ? "0" : digits(Int.random(in: 1...15, using: &generator), leadingZero: false, using: &generator)
            let fraction = Bool.random(using: &generator) ? "" : "." + digits(Int.random(in: 1...15, using: &generator), leadingZero: true, using: &generator)
            let marker = ["e", "E", "e+", "E-", "e-", "e0"].randomElement(using: &generator)!
            return sign + whole + fraction + marker + "\(Int.random(in: 0...400, using: &generator))"
        case .subnormal:
            return sign + digits(Int.random(in: 1...20, using: &generator), leadingZero: false, using: &generator) + "e-\(Int.random(in: 300...345, using: &generator))"
        case .midpoint:
            return sign + midpoint(using: &generator)
        case .zero:
            return sign + ["0", "0.0", "0e0", "0E+5", "0.000e-999", "0.0000000000000000000000000000"].randomElement(using: &generator)!
        }
    }

    /// strtod's value of `text` if a `Double` can hold it: finite, and zero only if all its digits are.
    static func representable(_ text: String) -> Double? {
        let value = strtod(text, nil)
        let significand = text.prefix { $0 != "e" && $0 != "E" }
        guard value.isFinite, value != 0 || !significand.contains(where: { "123456789".contains($0) }) else { return nil }
        return value
    }

    /// `count` random decimal digits; the first is nonzero unless `leadingZero`.
    static func digits(_ count: Int, leadingZero: Bool, using generator: inout SeededGenerator) -> String {
        String((0..<count).map { index in Character(String(Int.random(in: (index == 0 && !leadingZero ? 1 : 0)...9, using: &generator))) })
    }

    /// The exact decimal text of m·2^k ± a little, m odd of 54 bits: halfway between two Doubles.
    ///
    /// With k ≥ 0 it is an integer; with k < 0 it is (m·5^-k)·10^k, written with a negative exponent,
    /// so that both the multiplying and the dividing conversion see exact ties.
    static func midpoint(using generator: inout SeededGenerator) -> String {
        let odd = (UInt64.random(in: (1 << 52)..<(1 << 53), using: &generator) << 1) | 1
        let nudge = UInt64(bitPattern: [0, 0, 1, -1].randomElement(using: &generator)!)  // ± one unit in the last digit: just off the tie
        if Bool.random(using: &generator) {
            return "\((odd << Int.random(in: 0...9, using: &generator)) &+ nudge)"
        }
        let power = Int.random(in: 1...4, using: &generator)
        let scaled = (0..<power).reduce(odd) { product, _ in product * 5 }  // below 2^54 · 625 < 2^64
        return "\(scaled &+ nudge)e-\(power)"
    }
}
