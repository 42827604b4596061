/// The JSON pieces below the instance's shape: whitespace, separators, strings and keys, the values
/// of unknown keys (checked and skipped), and the "expected …, found …" errors.
extension KnapsackJSONReader {
    /// The byte at `position`, nil at the end.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    /// Consumes `,` (true: another element follows) or `closing` (false), else throws.
    @inline(__always)
    mutating func separator(closing: UInt8, after what: @autoclosure () -> String) throws(KnapsackInputError) -> Bool {
        switch peek {
        case UInt8(ascii: ","):
            position += 1
            return true
        case closing:
            position += 1
            return false
        default:
            throw unexpected(what(), expected: "',' or '\(Character(Unicode.Scalar(closing)))'")
        }
    }

    /// Reads `"key":` and returns the key.
    mutating func readMemberKey(in what: String) throws(KnapsackInputError) -> String {
        guard peek == UInt8(ascii: "\"") else { throw unexpected(what, expected: "a key in double quotes") }
        let key = try readString()
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw unexpected("the key \"\(key)\"", expected: "':'") }
        position += 1
        return key
    }

    /// Reads the string that starts at `position` (a `"`), with its escapes resolved.
    mutating func readString() throws(KnapsackInputError) -> String {
        let start = position
        position += 1
        var text: [UInt8] = []
        while true {
            guard let byte = peek else { throw KnapsackInputError(message: "unterminated string", offset: start) }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw KnapsackInputError(message: "the string is not UTF-8", offset: start)
                }
                return string
            case UInt8(ascii: "\\"):
                try readEscape(into: &text)
            case 0..<0x20:
                throw KnapsackInputError(message: "control character \(hex(byte)) in a string (JSON writes it as an escape)", offset: position)
            default:
                text.append(byte)
                position += 1
            }
        }
    }

    private mutating func readEscape(into text: inout [UInt8]) throws(KnapsackInputError) {
        let start = position
        position += 1
        guard let letter = peek else { throw KnapsackInputError(message: "unterminated string", offset: start) }
        position += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let resolved = simple[letter] {
            text.append(resolved)
            return
        }
        guard letter == UInt8(ascii: "u") else { throw KnapsackInputError(message: "invalid escape \(excerpt(start..<position)) in a string", offset: start) }
        var scalar = try readHexQuad(start)
        if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
            position += 2
            let low = try readHexQuad(start)
            guard (0xDC00..<0xE000).contains(low) else { throw KnapsackInputError(message: "unpaired surrogate \\u escape in a string", offset: start) }
            scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
        }
        guard let character = Unicode.Scalar(scalar) else { throw KnapsackInputError(message: "unpaired surrogate \\u escape in a string", offset: start) }
        text.append(contentsOf: String(Character(character)).utf8)
    }

    private mutating func readHexQuad(_ escape: Int) throws(KnapsackInputError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                throw KnapsackInputError(message: "invalid escape \(excerpt(escape..<min(position + 1, bytes.count))) in a string", offset: escape)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Checks and skips the value of the unknown key `key`, without recursion: a stack of the
    /// open brackets, at most `maximumDepth - 1` deep (the instance's braces are the first level).
    mutating func skipValue(of key: String) throws(KnapsackInputError) {
        let place = "the value of \"\(key)\""
        var open: [UInt8] = []
        while true {
            skipWhitespace()
            switch peek {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                guard open.count + 1 < Self.maximumDepth else {
                    throw KnapsackInputError(message: "\(place) nests the file deeper than \(Self.maximumDepth) levels", offset: position)
                }
                let bracket = bytes[position]
                open.append(bracket)
                position += 1
                skipWhitespace()
                if peek == bracket + 2 {  // `]` and `}` follow `[` and `{` two code points later
                    open.removeLast()
                    position += 1
                } else {
                    if bracket == UInt8(ascii: "{") { _ = try readMemberKey(in: place) }
                    continue
                }
            case UInt8(ascii: "\""):
                _ = try readString()
            case .some(UInt8(ascii: "-")), .some(UInt8(ascii: "0")...UInt8(ascii: "9")):
                do throws(JSONNumber.Failure) {
                    position = try JSONNumber.parse(bytes, from: position).end
                } catch {
                    guard case .outOfRange(let end) = error else { throw KnapsackInputError(message: "\(place): malformed number", offset: position) }
                    position = end  // well-formed; only a Double could not hold it
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                guard let literal = (["true", "false", "null"] as [StaticString]).first(where: { literal in
                    bytes[position...].starts(with: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
                }) else { throw unexpected(place, expected: "a JSON value") }
                position += literal.utf8CodeUnitCount
            default:
                throw unexpected(place, expected: "a JSON value")
            }
            // After a value: close what it ends, or move on to the next element or member.
            while let bracket = open.last {
                skipWhitespace()
                if try separator(closing: bracket + 2, after: place) {
                    skipWhitespace()
                    if bracket == UInt8(ascii: "{") { _ = try readMemberKey(in: place) }
                    break
                }
                open.removeLast()
            }
            if open.isEmpty { return }
        }
    }

    /// "<what>: expected <expected>, found <what is at position>" at `position`.
    func unexpected(_ what: String, expected: String) -> KnapsackInputError {
        KnapsackInputError(message: "\(what): expected \(expected), found \(found)", offset: position)
    }

    /// What starts at `position`, in words.
    private var found: String {
        switch peek {
        case nil: return "the end of the file"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "{"): return "an object"
        default:
            var end = position + 1
            let delimiters = Array(" \t\r\n,:[]{}\"".utf8)
            while end < bytes.count, end - position < 24, !delimiters.contains(bytes[end]) { end += 1 }
            return excerpt(position..<end)
        }
    }

    /// The bytes in `range` quoted if they are printable ASCII (at most 24 of them), else the first one in hex.
    func excerpt(_ range: Range<Int>) -> String {
        let shown = bytes[range.prefix(24)]
        guard shown.allSatisfy({ (0x20..<0x7F).contains($0) }) else { return "byte \(hex(shown.first(where: { !(0x20..<0x7F).contains($0) }) ?? 0))" }
        return "\"\(String(decoding: shown, as: UTF8.self))\(range.count > 24 ? "…" : "")\""
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])"
    }
}
