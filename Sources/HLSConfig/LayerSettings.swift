/// One block of settings of an hls4ml configuration: `Model`, a `LayerType` entry or a
/// `LayerName` entry.
///
/// ```swift
/// let settings = LayerSettings(precision: ["weight": "fixed<8,3>"], reuseFactor: 4, strategy: "Resource")
/// ```
public struct LayerSettings: Sendable, Equatable {
    /// Precision strings by variable (`weight`, `bias`, `result`, `accum`, …). A block whose
    /// `Precision` is a single string stores it under `default`.
    public var precision: [String: String] = [:]
    public var reuseFactor: Int?
    public var strategy: String?
    public var parallelizationFactor: Int?
    /// `TableSize`: the entries of an activation's lookup tables.
    public var tableSize: Int?
    /// `Implementation`: how a softmax is computed (`stable`, `latency`, `legacy`, `argmax`).
    public var implementation: String?
    /// `Skip`: whether hls4ml removes a softmax from the firmware.
    public var skip: Bool?
    /// Types given as `<var>_t` keys of the block (`table_t`, `exp_table_t`, …), by key: hls4ml
    /// sets a layer's type attributes from these, while `Precision` entries reach only the types
    /// it looks up by variable (`result`, `accum`, weights).
    public var typeAttributes: [String: String] = [:]

    public init(precision: [String: String] = [:], reuseFactor: Int? = nil, strategy: String? = nil, parallelizationFactor: Int? = nil) {
        self.precision = precision
        self.reuseFactor = reuseFactor
        self.strategy = strategy
        self.parallelizationFactor = parallelizationFactor
    }

    init(_ tree: ConfigTree, key: String) throws {
        guard case .mapping = tree else { throw ConfigurationError(key: key, "expected a mapping") }
        switch tree["Precision"] {
        case nil, .null?: break
        case .mapping(let entries)?:
            for (variable, value) in entries { precision[variable] = try value.text(key: "\(key).Precision.\(variable)") }
        case let value?:
            precision["default"] = try value.text(key: "\(key).Precision")
        }
        func integer(_ name: String) throws -> Int? {
            guard let value = tree[name], value != .null else { return nil }
            let text = try value.text(key: "\(key).\(name)")
            guard let number = Int(text) else { throw ConfigurationError(key: "\(key).\(name)", "expected a whole number, found '\(text)'") }
            return number
        }
        reuseFactor = try integer("ReuseFactor")
        parallelizationFactor = try integer("ParallelizationFactor")
        strategy = try tree["Strategy"].map { try $0.text(key: "\(key).Strategy") }
        tableSize = try integer("TableSize")
        if case .bool(let value)? = tree["Skip"] { skip = value }
        if case .mapping(let entries) = tree {
            // hls4ml converts only text values of such keys; others it keeps as they are, unused here.
            for (name, value) in entries where name.hasSuffix("_t") { typeAttributes[name] = try? value.text(key: "\(key).\(name)") }
        }
        implementation = try tree["Implementation"].map { try $0.text(key: "\(key).Implementation") }
    }
}
