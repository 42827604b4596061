import HLSConfig

/// The keys of a user's configuration that hls4ml does not know: they are dropped from the
/// written configuration with a warning that suggests the closest known key (`ReuseFactr` →
/// `ReuseFactor`), instead of being copied into it and silently ignored.
///
/// ```swift
/// let (cleaned, warnings) = UnknownConfigurationKeys.removing(from: user, knownFrom: generated)
/// ```
enum UnknownConfigurationKeys {
    /// Top-level keys of `hls4ml_config.yml`.
    static let topLevel: Set<String> = [
        "Backend", "ClockPeriod", "ClockUncertainty", "HLSConfig", "IOType", "InputData", "OutputPredictions", "OutputDir",
        "Part", "ProjectName", "Stamp", "Version", "WriterConfig", "KerasModel", "KerasJson", "KerasH5", "OnnxModel",
        "InputShapes", "OutputShapes", "XilinxPart", "Board",
    ]
    /// Keys of a `Model`, `LayerType` or `LayerName` block that hls4ml reads.
    static let settings: Set<String> = [
        "Precision", "ReuseFactor", "Strategy", "ParallelizationFactor", "Trace", "TraceOutput", "BramFactor", "BitExact",
        "TableSize", "Implementation", "ConvImplementation", "Algorithm", "Pipeline", "PipelineStyle", "PipelineInterval",
        "Compression", "MergeFactor", "table_t", "exp_table_t", "inv_table_t", "inv_inp_t", "accum_t", "TableRangeMin", "TableRangeMax",
    ]

    /// `user` without the keys hls4ml does not know, and one warning per dropped key. Keys the
    /// generated configuration has anywhere count as known.
    static func removing(from user: ConfigTree, knownFrom generated: ConfigTree) -> (ConfigTree, [String]) {
        var known = settings
        collectKeys(of: generated["HLSConfig"]?["Model"], into: &known)
        for section in ["LayerType", "LayerName"] {
            if case .mapping(let entries)? = generated["HLSConfig"]?[section] { for (_, entry) in entries { collectKeys(of: entry, into: &known) } }
        }
        var warnings: [String] = []
        var result = user
        let isWhole = user["HLSConfig"] != nil
        if isWhole, case .mapping(let entries) = user {
            for (key, _) in entries where !topLevel.contains(key) {
                warnings.append(warning(key, at: "", candidates: topLevel))
                result[key] = nil
            }
        }
        func clean(_ path: [String], label: String) {
            guard case .mapping(let entries)? = value(at: path, in: result) else { return }
            for (key, _) in entries where !known.contains(key) {
                warnings.append(warning(key, at: label, candidates: known))
                set(nil, at: path + [key], in: &result)
            }
        }
        let hls = isWhole ? ["HLSConfig"] : []
        clean(hls + ["Model"], label: "HLSConfig.Model")
        for section in ["LayerType", "LayerName"] {
            guard case .mapping(let entries)? = value(at: hls + [section], in: result) else { continue }
            for (name, _) in entries { clean(hls + [section, name], label: "HLSConfig.\(section).\(name)") }
        }
        return (result, warnings)
    }

    private static func collectKeys(of tree: ConfigTree?, into keys: inout Set<String>) {
        if case .mapping(let entries)? = tree { for (key, _) in entries { keys.insert(key) } }
    }

    private static func value(at path: [String], in tree: ConfigTree) -> ConfigTree? {
        path.reduce(Optional(tree)) { $0?[$1] }
    }

    private static func set(_ value: ConfigTree?, at path: [String], in tree: inout ConfigTree) {
        guard let first = path.first else { return }
        if path.count == 1 {
            tree[first] = value
        } else if var child = tree[first] {
            set(value, at: Array(path.dropFirst()), in: &child)
            tree[first] = child
        }
    }

    private static func warning(_ key: String, at location: String, candidates: Set<String>) -> String {
        let closest = candidates.min { (distance(key, $0), $0) < (distance(key, $1), $1) }
        let suggestion = closest.flatMap { distance(key, $0) <= max(2, key.count / 3) ? "; did you mean '\($0)'?" : nil } ?? ""
        return "unknown key '\(key)'\(location.isEmpty ? "" : " in \(location)") is not one hls4ml reads and was dropped\(suggestion)"
    }

    /// Levenshtein distance, case-insensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
