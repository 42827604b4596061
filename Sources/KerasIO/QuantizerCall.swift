/// A QKeras quantizer as written in a `model_config`: a class name and its arguments by name.
///
/// QKeras stores a quantizer either as `{"class_name": "quantized_bits", "config": {"bits": 6, …}}`
/// or as the Python expression it was created from, such as `"quantized_relu(6,2)"` or
/// `"quantized_bits(8,0,alpha='auto_po2')"`. Both become this value; positional arguments are
/// named by the class's parameter order.
struct QuantizerCall: Equatable {
    var className: String
    var arguments: [String: JSONValue]

    /// QKeras 0.9's parameter order per class (the `__init__` signatures).
    static let parameterOrder: [String: [String]] = [
        "quantized_bits": ["bits", "integer", "symmetric", "keep_negative", "alpha", "use_stochastic_rounding", "scale_axis",
                           "qnoise_factor", "var_name", "use_ste", "use_variables"],
        "quantized_relu": ["bits", "integer", "use_sigmoid", "negative_slope", "use_stochastic_rounding", "relu_upper_bound",
                           "is_quantized_clip", "qnoise_factor", "var_name", "use_ste", "use_variables"],
        "quantized_tanh": ["bits", "use_stochastic_rounding", "symmetric", "use_real_tanh"],
        "quantized_sigmoid": ["bits", "symmetric", "use_real_sigmoid", "use_stochastic_rounding"],
        "quantized_po2": ["bits", "max_value", "use_stochastic_rounding", "quadratic_approximation", "log2_rounding", "qnoise_factor",
                          "var_name", "use_ste", "use_variables"],
        "quantized_relu_po2": ["bits", "max_value", "negative_slope", "use_stochastic_rounding", "quadratic_approximation",
                               "log2_rounding", "qnoise_factor", "var_name", "use_ste", "use_variables"],
        "binary": ["use_01", "alpha", "use_stochastic_rounding"],
        "ternary": ["alpha", "threshold", "use_stochastic_rounding", "number_of_unrolls"],
    ]

    init(className: String, arguments: [String: JSONValue]) {
        self.className = className
        self.arguments = arguments
    }

    static func unsupportedClassMessage(_ name: String) -> String {
        "quantizer '\(name)' is not supported; supported: \(parameterOrder.keys.sorted().joined(separator: ", "))"
    }

    /// Reads either stored form; `fail` names the layer in the error.
    init(_ value: JSONValue, fail: (String) -> ConfigError) throws {
        if let text = value.string {
            try self.init(parsing: text, fail: fail)
        } else if let name = value["class_name"]?.string {
            guard case .object(let members) = value["config"] ?? .object([:]) else { throw fail("quantizer \(name) has no config object") }
            self.init(className: QuantizedLayers.unprefixed(name), arguments: members)
        } else {
            throw fail("cannot read the quantizer \(value); expected a string such as \"quantized_bits(6,0)\" or a {class_name, config} object")
        }
    }

    /// Parses `name(arg, …, key=value, …)` whose values are numbers, quoted strings, True, False or None.
    init(parsing text: String, fail: (String) -> ConfigError) throws {
        var scanner = ExpressionScanner(text: text)
        let name = scanner.identifier()
        guard !name.isEmpty else { throw fail("cannot read the quantizer \"\(text)\": expected a name such as quantized_bits") }
        className = name
        arguments = [:]
        scanner.skipSpaces()
        guard scanner.take("(") else {
            if scanner.isAtEnd { return }  // a bare name: every parameter at its default
            throw fail("cannot read the quantizer \"\(text)\": expected '(' after \(name)")
        }
        guard let order = Self.parameterOrder[name] else { throw fail(Self.unsupportedClassMessage(name)) }
        var position = 0
        while true {
            scanner.skipSpaces()
            if scanner.take(")") { break }
            let start = scanner
            let key = scanner.identifier()
            scanner.skipSpaces()
            let named = !key.isEmpty && scanner.take("=")
            if !named { scanner = start }
            guard let value = scanner.literal() else { throw fail("cannot read the quantizer \"\(text)\": expected a number, a quoted string, True, False or None") }
            if named {
                arguments[key] = value
            } else {
                guard position < order.count else { throw fail("quantizer \"\(text)\" has more positional arguments than \(name) takes") }
                arguments[order[position]] = value
                position += 1
            }
            scanner.skipSpaces()
            if scanner.take(",") { continue }
            guard scanner.take(")") else { throw fail("cannot read the quantizer \"\(text)\": expected ',' or ')'") }
            break
        }
        scanner.skipSpaces()
        guard scanner.isAtEnd else { throw fail("cannot read the quantizer \"\(text)\": unexpected text after ')'") }
    }
}

/// Reads the tokens of a Python call expression, one character at a time.
private struct ExpressionScanner {
    let characters: [Character]
    var index = 0

    init(text: String) { characters = Array(text) }

    var isAtEnd: Bool { index >= characters.count }

    mutating func skipSpaces() {
        while !isAtEnd && characters[index].isWhitespace { index += 1 }
    }

    mutating func take(_ character: Character) -> Bool {
        guard !isAtEnd, characters[index] == character else { return false }
        index += 1
        return true
    }

    mutating func identifier() -> String {
        skipSpaces()
        let start = index
        while !isAtEnd, characters[index].isLetter || characters[index] == "_" || (index > start && characters[index].isNumber) { index += 1 }
        return String(characters[start..<index])
    }

    /// A number, a quoted string, `True`, `False` or `None`; `nil` when none is there.
    mutating func literal() -> JSONValue? {
        skipSpaces()
        guard !isAtEnd else { return nil }
        let first = characters[index]
        if first == "'" || first == "\"" {
            guard let end = characters[(index + 1)...].firstIndex(of: first) else { return nil }
            let text = String(characters[(index + 1)..<end])
            index = end + 1
            return .string(text)
        }
        let start = index
        while !isAtEnd, characters[index].isLetter || characters[index].isNumber || "+-.".contains(characters[index]) { index += 1 }
        switch String(characters[start..<index]) {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .null
        case let word: return Double(word).map(JSONValue.number)
        }
    }
}
