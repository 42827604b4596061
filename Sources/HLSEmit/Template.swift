/// A text with `{{name}}` placeholders, split once so that rendering only copies bytes.
struct Template {
    private enum Part {
        case text([UInt8])
        case placeholder(String)
    }

    private let parts: [Part]

    init(_ text: String) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            // `{{{values}}}`: a literal brace directly before a placeholder belongs to the text.
            var start = open.lowerBound
            var nameStart = open.upperBound
            while rest[nameStart...].hasPrefix("{") {
                start = rest.index(after: start)
                nameStart = rest.index(after: nameStart)
            }
            parts.append(.text(Array(rest[..<start].utf8)))
            parts.append(.placeholder(String(rest[nameStart..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        parts.append(.text(Array(rest.utf8)))
        self.parts = parts
    }

    /// The text before and after the placeholder `name`, the other placeholders filled in.
    func render(_ values: [String: [UInt8]], splittingAt name: String) -> (before: [UInt8], after: [UInt8]) {
        var before: [UInt8] = []
        var after: [UInt8] = []
        var passed = false
        for part in parts {
            switch part {
            case .text(let bytes): if passed { after += bytes } else { before += bytes }
            case .placeholder(let placeholder) where placeholder == name: passed = true
            case .placeholder(let placeholder): if passed { after += values[placeholder] ?? [] } else { before += values[placeholder] ?? [] }
            }
        }
        return (before, after)
    }
}
