import Foundation
import Yams

/// A configuration document as hls4ml writes it: mappings, strings, integers, booleans and null.
///
/// ```swift
/// var tree = try ConfigTree(contentsOf: "hls4ml_config.yml")
/// tree["HLSConfig"]?["Model"]?["ReuseFactor"] = .int(4)
/// let text = try tree.yaml()   // keys sorted, as PyYAML writes them
/// ```
public indirect enum ConfigTree: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case sequence([ConfigTree])
    /// Keys in insertion order (the YAML writer sorts them, as PyYAML's `dump` does).
    case mapping([(String, ConfigTree)])

    public static func == (lhs: ConfigTree, rhs: ConfigTree) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.sequence(let a), .sequence(let b)): a == b
        case (.mapping(let a), .mapping(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value under `key` of a mapping.
    public subscript(key: String) -> ConfigTree? {
        get {
            guard case .mapping(let members) = self else { return nil }
            return members.first { $0.0 == key }?.1
        }
        set {
            guard case .mapping(var members) = self else { return }
            if let position = members.firstIndex(where: { $0.0 == key }) {
                if let newValue { members[position].1 = newValue } else { members.remove(at: position) }
            } else if let newValue {
                members.append((key, newValue))
            }
            self = .mapping(members)
        }
    }

    /// `other` laid over this tree: mappings merge key by key, anything else is replaced.
    public func merging(_ other: ConfigTree) -> ConfigTree {
        guard case .mapping = self, case .mapping(let overrides) = other else { return other }
        var result = self
        for (key, value) in overrides { result[key] = result[key].map { $0.merging(value) } ?? value }
        return result
    }

    /// Block-style YAML with keys sorted at every level, as PyYAML's default `dump` writes it.
    public func yaml() throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true, sortKeys: true)
    }

    private var node: Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let value): return Node(value ? "true" : "false", Tag(.bool))
        case .int(let value): return Node(String(value), Tag(.int))
        case .string(let value): return Node(value, Tag(.str))
        case .sequence(let items): return Node(items.map(\.node))
        case .mapping(let members): return Node(members.map { (Node($0.0), $0.1.node) })
        }
    }

    /// Reads a YAML or JSON file; errors name the file.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError(file: path, "cannot read the configuration file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigurationError(file: path, "the configuration is not UTF-8 text") }
        do {
            try self.init(yaml: text)
        } catch let error as ConfigurationError {
            throw error.in(file: path)
        }
    }

    /// The tree of parsed YAML (or JSON) text: scalars are typed by YAML's core schema.
    public init(yaml text: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            // Yams adds the offending line and a caret below its message; keep one line.
            let message = "\(error)".split(separator: "\n").prefix(2).joined(separator: " ")
            throw ConfigurationError("not valid YAML or JSON: \(message)")
        }
        guard let root else { throw ConfigurationError("the document is empty") }
        self.init(root)
    }

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            let tag = node.tag.description
            if tag == Tag.Name.null.rawValue || (scalar.style == .plain && ["null", "~", ""].contains(scalar.string)) {
                self = .null
            } else if scalar.style == .plain, let value = Bool(scalar.string.lowercased()), ["true", "false"].contains(scalar.string.lowercased()) {
                self = .bool(value)
            } else if scalar.style == .plain, let value = Int(scalar.string) {
                self = .int(value)
            } else {
                self = .string(scalar.string)
            }
        case .mapping(let mapping):
            self = .mapping(mapping.map { (key, value) in (key.string ?? "\(key)", ConfigTree(value)) })
        case .sequence(let sequence):
            self = .sequence(sequence.map(ConfigTree.init))
        case .alias:
            self = .null
        }
    }
}
