import FixtureSupport

/// A seeded knapsack instance as number texts, written as JSON in a chosen style.
struct InstanceText {
    var values: [String]
    var weights: [[String]]
    var capacity: [String]

    /// How the JSON is laid out.
    struct Style {
        /// Whitespace (spaces, tabs, newlines) around every token, or none.
        var spaced: Bool
        /// The order of values (0), weights (1), capacity (2).
        var keyOrder: [Int]
        /// Keys the reader must skip, before, between and after the known ones.
        var unknownKeys: Bool

        static func random(using generator: inout SeededGenerator) -> Style {
            Style(spaced: Bool.random(using: &generator), keyOrder: [0, 1, 2].shuffled(using: &generator), unknownKeys: Bool.random(using: &generator))
        }
    }

    /// 0–40 items, 1–3 rows; values in every number form, weights and capacities as integers in every spelling.
    static func random(using generator: inout SeededGenerator) -> InstanceText {
        let items = Int.random(in: 0...40, using: &generator)
        let rows = Int.random(in: 1...3, using: &generator)
        func value() -> String {
            while true {
                let text = NumberTexts.random(NumberTexts.Form.allCases.randomElement(using: &generator)!, using: &generator)
                // Zeros only as Python writes them: JSONDecoder refuses 0e7 and 0E1 (but not 0E+5).
                if let value = NumberTexts.representable(text), value != 0 || ["0", "0.0", "-0.0"].contains(text) { return text }
            }
        }
        func integer() -> String {
            let integer = Int.random(in: 0...1_000_000, using: &generator)
            return ["\(integer)", "\(integer).0", "\(integer)e0", "\(integer)0E-1", "\(integer).000e+0"].randomElement(using: &generator)!
        }
        return InstanceText(
            values: (0..<items).map { _ in value() },
            weights: (0..<rows).map { _ in (0..<items).map { _ in integer() } },
            capacity: (0..<rows).map { _ in integer() })
    }

    func text(style: Style) -> String {
        let space = style.spaced ? " \n\t " : ""
        func array(_ elements: [String]) -> String { "[" + space + elements.joined(separator: space + "," + space) + space + "]" }
        var members = [
            "\"values\"" + space + ":" + space + array(values),
            "\"weights\"" + space + ":" + space + array(weights.map(array)),
            "\"capacity\"" + space + ":" + space + array(capacity),
        ]
        members = style.keyOrder.map { members[$0] }
        if style.unknownKeys {
            members.insert(#""comment": "é \" \\ \u00e9 \ud83d\ude00 ""#, at: 0)
            members.insert(#""nested": {"a": [1, 2.5e-3, [], {}], "b": {"c": [true, false, null]}}"#, at: 2)
            members.append(#""values_": [[["not", "read"]]]"#)
        }
        return space + "{" + space + members.joined(separator: space + "," + space) + space + "}" + space
    }
}
