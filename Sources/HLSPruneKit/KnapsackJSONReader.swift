/// Reads a knapsack instance, `{"values": [...], "weights": [[...], ...], "capacity": [...]}`,
/// straight from a JSON file's bytes: one pass, no JSON tree, each number converted where it
/// stands (``JSONNumber``, the `Double` `JSONDecoder` gives).
///
/// The three keys may come in any order, with any JSON whitespace and a UTF-8 byte order mark.
/// Other keys are ignored, as `JSONDecoder` ignores them, once their values are checked to be
/// JSON; the file may nest ``maximumDepth`` levels deep, the instance's braces included, as in
/// `JSONDecoder`. A key given twice is refused. Weights and capacities must be integers
/// (`3` or `3.0`, of magnitude below 9e15). Every error is a ``KnapsackInputError`` with the byte
/// offset and the element (`weights[1][7]`) where the file stops being an instance. Nothing
/// recurses, and memory grows only with the numbers read, so no input can crash or exhaust it.
struct KnapsackJSONReader {
    /// How deep the file may nest, counting the instance's braces as the first level (`JSONDecoder`'s limit).
    static let maximumDepth = 512

    /// The shape errors quote.
    static let shape = #"{"values": [...], "weights": [[...], ...], "capacity": [...]}"#

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads the whole input as one instance (only whitespace may follow it).
    mutating func read() throws(KnapsackInputError) -> KnapsackInstance {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a UTF-8 byte order mark, as JSONDecoder allows
        skipWhitespace()
        guard position < bytes.count else { throw KnapsackInputError(message: "the file is empty; expected \(Self.shape)") }
        guard peek == UInt8(ascii: "{") else { throw unexpected("the file", expected: "an object \(Self.shape)") }
        position += 1
        var values: [Double]?
        var weights: [[Int]]?
        var capacity: [Int]?
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position += 1
        } else {
            repeat {
                skipWhitespace()
                let keyOffset = position
                let key = try readMemberKey(in: "the instance")
                func once<T>(_ value: T?) throws(KnapsackInputError) {
                    if value != nil { throw KnapsackInputError(message: "\"\(key)\" appears twice", offset: keyOffset) }
                }
                switch key {
                case "values":
                    try once(values)
                    values = try readValues(expecting: weights?.first?.count ?? 0)
                case "weights":
                    try once(weights)
                    weights = try readWeights(expecting: values?.count ?? 0)
                case "capacity":
                    try once(capacity)
                    capacity = try readIntegers(Place(key: .capacity), expecting: 0)
                default:
                    try skipValue(of: key)
                }
                skipWhitespace()
            } while try separator(closing: UInt8(ascii: "}"), after: "after a member of the instance")
        }
        skipWhitespace()
        guard position == bytes.count else { throw unexpected("the instance", expected: "the end of the file after its closing '}'") }
        guard let values else { throw Self.missing("values") }
        guard let weights else { throw Self.missing("weights") }
        guard let capacity else { throw Self.missing("capacity") }
        return KnapsackInstance(values: values, weights: weights, capacity: capacity)
    }

    /// Where an element is, for errors: `values`, `weights[2]`, `weights[2][5]` (a trivial value: no
    /// reference counting in the loops that read a hundred thousand numbers).
    struct Place: CustomStringConvertible {
        enum Key: String { case values, weights, capacity }
        var key: Key
        var row = -1
        var column = -1

        /// The place of element `index` of the array at this place.
        func element(_ index: Int) -> Place {
            row < 0 ? Place(key: key, row: index) : Place(key: key, row: row, column: index)
        }

        var description: String { key.rawValue + (row < 0 ? "" : "[\(row)]") + (column < 0 ? "" : "[\(column)]") }
    }

    private static func missing(_ key: String) -> KnapsackInputError {
        KnapsackInputError(message: "missing \"\(key)\"; expected \(shape)")
    }

    private mutating func readValues(expecting count: Int) throws(KnapsackInputError) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(count)
        let place = Place(key: .values)
        try readArray(place, of: "numbers") { reader, index throws(KnapsackInputError) in
            values.append(try reader.readNumber(place.element(index)))
        }
        return values
    }

    private mutating func readWeights(expecting count: Int) throws(KnapsackInputError) -> [[Int]] {
        var rows: [[Int]] = []
        let place = Place(key: .weights)
        try readArray(place, of: "rows [[...], ...]") { reader, row throws(KnapsackInputError) in
            rows.append(try reader.readIntegers(place.element(row), expecting: rows.first?.count ?? count))
        }
        return rows
    }

    private mutating func readIntegers(_ place: Place, expecting count: Int) throws(KnapsackInputError) -> [Int] {
        var integers: [Int] = []
        integers.reserveCapacity(count)
        try readArray(place, of: "integers") { reader, index throws(KnapsackInputError) in
            integers.append(try reader.readInteger(place.element(index)))
        }
        return integers
    }

    /// Reads an integer: plain digits followed by a delimiter (as Python writes weights) directly,
    /// anything else (`3.0`, `3e0`, `-3`, errors) as a number that must then be an integer.
    @inline(__always)
    private mutating func readInteger(_ place: Place) throws(KnapsackInputError) -> Int {
        let start = position
        var end = start
        var integer = 0
        while end < bytes.count, end - start < 15, case let digit = bytes[end] &- UInt8(ascii: "0"), digit < 10 {
            integer = integer &* 10 &+ Int(digit)
            end += 1
        }
        if end > start, end < bytes.count, end == start + 1 || bytes[start] != UInt8(ascii: "0") {
            switch bytes[end] {
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position = end
                return integer
            default: break
            }
        }
        let value = try readNumber(place)
        guard let integer = KnapsackInstance.integer(value) else { throw KnapsackInstance.notAnInteger(place.description, value, offset: start) }
        return integer
    }

    /// Reads `[e, e, …]`, calling `element` with the reader at each element's first byte.
    @inline(__always)
    private mutating func readArray(_ place: Place, of what: String, _ element: (inout KnapsackJSONReader, Int) throws(KnapsackInputError) -> Void)
        throws(KnapsackInputError)
    {
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else { throw unexpected(place.description, expected: "an array of \(what)") }
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            try element(&self, index)
            skipWhitespace()
            guard try separator(closing: UInt8(ascii: "]"), after: "after \(place.element(index))") else { return }
            index += 1
        }
    }

    /// Reads a number where one must be.
    @inline(__always)
    private mutating func readNumber(_ place: Place) throws(KnapsackInputError) -> Double {
        let start = position
        guard let byte = peek, byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 else {
            throw unexpected(place.description, expected: "a number")
        }
        do throws(JSONNumber.Failure) {
            let (value, end) = try JSONNumber.parse(bytes, from: start)
            position = end
            return value
        } catch {
            throw numberError(error, place, start)
        }
    }

    private func numberError(_ failure: JSONNumber.Failure, _ place: Place, _ start: Int) -> KnapsackInputError {
        switch failure {
        case .malformed(let end):
            let text = excerpt(start..<min(end + 1, bytes.count))
            return KnapsackInputError(message: "\(place): malformed number \(text); JSON numbers are -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?", offset: start)
        case .outOfRange(let end):
            return KnapsackInputError(message: "\(place): \(excerpt(start..<end)) is beyond the range of a Double", offset: start)
        }
    }
}
