import FixtureSupport
import Foundation
import HLSPruneKit
import Testing

/// The streaming knapsack reader against `JSONDecoder` on well-formed instances written in many
/// styles, and its errors on damaged ones.
@Suite struct KnapsackJSONReaderTests {
    /// The instance as `JSONDecoder` reads it: the independent answer.
    struct Decoded: Decodable, Equatable {
        var values: [Double]
        var weights: [[Double]]
        var capacity: [Double]
    }

    static func read(_ text: String) throws(KnapsackInputError) -> KnapsackInstance {
        try KnapsackInstance(json: Data(text.utf8))
    }

    /// The error `text` gives, or nil if it reads.
    static func error(_ text: String) -> KnapsackInputError? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func seededInstancesInEveryStyleReadAsJSONDecoderReadsThem() throws {
        var generator = SeededGenerator(seed: 1616)
        for trial in 0..<300 {
            let instance = InstanceText.random(using: &generator)
            let text = instance.text(style: InstanceText.Style.random(using: &generator))
            let expected = try JSONDecoder().decode(Decoded.self, from: Data(text.utf8))
            let read = try Self.read(text)
            #expect(read.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "trial \(trial): \(text.prefix(300))")
            #expect(read.weights.map { row in row.map(Double.init) } == expected.weights, "trial \(trial)")
            #expect(read.capacity.map(Double.init) == expected.capacity, "trial \(trial)")
            #expect(read.values.count == instance.values.count && read.weights.count == instance.weights.count)
        }
    }

    @Test(arguments: [
        ("", nil, "the file is empty; expected {\"values\""),
        (" \n\t", nil, "the file is empty"),
        ("[1, 2]", 0, "the file: expected an object {\"values\": [...], \"weights\": [[...], ...], \"capacity\": [...]}, found an array"),
        ("null", 0, "the file: expected an object"),
        (#"{"values": [1], "weights": [[1]]}"#, nil, #"missing "capacity"; expected {"values""#),
        (#"{"values": [1], "weights": [[1]], "capacity": [1]} trailing"#, 51, "the instance: expected the end of the file after its closing '}', found \"trailing\""),
        (#"{"values": [1], "weights": [[1.5]], "capacity": [1]}"#, 29, "weights[0][0] is 1.5; weights and capacities must be integers"),
        (#"{"values": [1], "weights": [[1e20]], "capacity": [1]}"#, 29, "weights[0][0] is 1e+20; weights and capacities must be integers (of magnitude below 9e15)"),
        (#"{"values": [1], "weights": [[1]], "capacity": [-0.5]}"#, 47, "capacity[0] is -0.5"),
        (#"{"values": [1], "weights": [[01]], "capacity": [1]}"#, 29, "weights[0][0]: malformed number \"01\""),
        (#"{"values": [1], "weights": [[9007199254740993]], "capacity": [1]}"#, 29, "weights[0][0] is 9007199254740992.0; weights and capacities"),
        (#"{"values": [1], "weights": [[2x]], "capacity": [1]}"#, 30, "after weights[0][0]: expected ',' or ']', found \"x\""),
        (#"{"values": [NaN], "weights": [[1]], "capacity": [1]}"#, 12, "values[0]: expected a number, found \"NaN\""),
        (#"{"values": [1, "2"], "weights": [[1]], "capacity": [1]}"#, 15, "values[1]: expected a number, found a string"),
        (#"{"values": [1e400], "weights": [[1]], "capacity": [1]}"#, 12, "values[0]: \"1e400\" is beyond the range of a Double"),
        (#"{"values": [01], "weights": [[1]], "capacity": [1]}"#, 12, "values[0]: malformed number \"01\""),
        (#"{"values": [1], "weights": [1], "capacity": [1]}"#, 28, "weights[0]: expected an array of integers, found \"1\""),
        (#"{"values": [1], "weights": [[[1]]], "capacity": [1]}"#, 29, "weights[0][0]: expected a number, found an array"),
        (#"{"values": 1, "weights": [[1]], "capacity": [1]}"#, 11, "values: expected an array of numbers, found \"1\""),
        (#"{"values": [1 2], "weights": [[1]], "capacity": [1]}"#, 14, "after values[0]: expected ',' or ']', found \"2\""),
        (#"{"values": [1,], "weights": [[1]], "capacity": [1]}"#, 14, "values[1]: expected a number, found \"]\""),
        (#"{"values": [1], "values": [2], "weights": [[1]], "capacity": [1]}"#, 16, "\"values\" appears twice"),
        (#"{"values": [1] "weights": [[1]], "capacity": [1]}"#, 15, "after a member of the instance: expected ',' or '}', found a string"),
        (#"{values: [1]}"#, 1, "the instance: expected a key in double quotes, found \"values\""),
        (#"{"values" [1]}"#, 10, "the key \"values\": expected ':', found an array"),
        (#"{"values": [1], "weights": [[1]], "capacity": [1]"#, 49, "after a member of the instance: expected ',' or '}', found the end of the file"),
        (#"{"values": [1], "weights": [[1]], "capacity": [1"#, 48, "after capacity[0]: expected ',' or ']', found the end of the file"),
        (#"{"values": [1], "weights": [[1]], "capa"#, 34, "unterminated string"),
        (#"{"values": [1], "weights": [[1]], "capacity": [1], "note": tru}"#, 59, "the value of \"note\": expected a JSON value, found \"tru\""),
        (#"{"values": [1], "weights": [[1]], "capacity": [1], "note": "a\qb"}"#, 61, #"invalid escape "\q" in a string"#),
        (#"{"values": [1], "weights": [[1]], "capacity": [1], "note": "\ud800"}"#, 60, "unpaired surrogate"),
        ("{\"values\": [1], \"weights\": [[1]], \"capacity\": [1], \"note\": \"a\u{1}\"}", 61, "control character 0x01 in a string"),
        ("{\"values\": [1], \"weights\": [[1]], \"capacity\": [1], \"note\": [1 2]}", 62, "the value of \"note\": expected ',' or ']', found \"2\""),
        ("{\"values\": [\u{FF}]}", 12, "values[0]: expected a number, found byte 0xC3"),
    ] as [(String, Int?, String)])
    func damagedInputsSayWhatAndWhere(text: String, offset: Int?, message: String) {
        let error = Self.error(text)
        #expect(error?.offset == offset, "\(text)")
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix(offset.map { "byte \($0): " } ?? "") == true)
    }

    @Test func unknownKeysAreCheckedThenIgnored() throws {
        let text = #"{"meta": {"a": [1, {"b": null}], "c": "x\u00e9\"", "d": -1e999}, "capacity": [3], "weights": [[1, 2]], "values": [0.5, 2], "z": []}"#
        let instance = try Self.read(text)
        #expect(instance.values == [0.5, 2] && instance.weights == [[1, 2]] && instance.capacity == [3])
        let escapedKey = #"{"v\u0061lues": [1], "weights": [[1]], "capacity": [1]}"#
        #expect(try Self.read(escapedKey).values == [1])
        let byteOrderMark = "\u{FEFF}" + #"{"values": [2], "weights": [[1]], "capacity": [1]}"#
        #expect(try Self.read(byteOrderMark).values == [2])
        #expect(try JSONDecoder().decode(Decoded.self, from: Data(byteOrderMark.utf8)).values == [2])
    }

    @Test func nestingIsBoundedWithoutRecursion() throws {
        // JSONDecoder's limit: 512 levels, the outer braces included.
        let fine = #"{"values": [1], "weights": [[1]], "capacity": [1], "deep": "# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        #expect(try Self.read(fine).values == [1])
        #expect(try JSONDecoder().decode(Decoded.self, from: Data(fine.utf8)).values == [1])
        for depth in [512, 1_000_000] {
            let deep = #"{"deep": "# + String(repeating: "[{\"a\":", count: depth / 2) + String(repeating: "[", count: depth % 2) + "1"
            let error = Self.error(deep)
            #expect(error?.message == "the value of \"deep\" nests the file deeper than 512 levels", "\(String(describing: error))")
        }
    }

    /// Every prefix of an instance, and every single-byte change of it, gives an instance or an
    /// error: never a crash. A changed file the reader accepts, JSONDecoder reads the same.
    @Test func truncatedAndMutatedInstancesNeverCrash() throws {
        var generator = SeededGenerator(seed: 7)
        let text = Array(InstanceText.random(using: &generator).text(style: .init(spaced: true, keyOrder: [2, 0, 1], unknownKeys: true)).utf8)
        for end in 0...text.lastIndex(of: UInt8(ascii: "}"))! {
            #expect(Self.error(String(decoding: text[..<end], as: UTF8.self)) != nil, "prefix of \(end) bytes")
        }
        let replacements = Array("0123456789-+.eE,:[]{}\" \n\\ntfa".utf8) + [0, 0x80, 0xFF]
        var compared = 0
        for _ in 0..<3_000 {
            var mutated = text
            mutated[Int.random(in: 0..<text.count, using: &generator)] = replacements.randomElement(using: &generator)!
            guard let read = try? KnapsackInstance(json: Data(mutated)) else { continue }
            guard let decoded = try? JSONDecoder().decode(Decoded.self, from: Data(mutated)) else {
                // JSONDecoder's one refusal we do not share: a zero with an exponent (0e7, 0.0E1).
                #expect(String(decoding: mutated, as: UTF8.self).contains(/(^|[^0-9.])-?0(\.0*)?[eE][0-9]/), "\(String(decoding: mutated, as: UTF8.self))")
                continue
            }
            #expect(read.values.map(\.bitPattern) == decoded.values.map(\.bitPattern))
            #expect(read.weights.map { row in row.map(Double.init) } == decoded.weights)
            compared += 1
        }
        #expect(compared > 300, "changed files that still read: \(compared)")
    }

    @Test func binaryGarbageIsRefused() {
        var generator = SeededGenerator(seed: 8)
        for trial in 0..<2_000 {
            let prefix = trial % 2 == 0 ? [] : Array(#"{"values": ["#.utf8)
            let garbage = prefix + (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect((try? KnapsackInstance(json: Data(garbage))) == nil)
        }
    }
}
