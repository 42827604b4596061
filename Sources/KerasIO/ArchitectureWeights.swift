import Foundation

/// Where the weights of a Keras architecture JSON are looked for when none are named: beside the
/// JSON, `<stem>_weights.h5` first (what hlsprune writes, and hls4ml's examples' usual name), then
/// `<stem>.h5`, then `<stem>.weights.h5` (the name Keras 3's `save_weights` requires).
///
/// ```swift
/// ArchitectureWeights.candidates(for: "models/jet.json")   // ["models/jet_weights.h5", "models/jet.h5", "models/jet.weights.h5"]
/// ```
public enum ArchitectureWeights {
    /// The weights files looked for beside `architecture`, in order.
    public static func candidates(for architecture: String) -> [String] {
        let url = URL(fileURLWithPath: architecture)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = (architecture as NSString).deletingLastPathComponent
        return ["\(stem)_weights.h5", "\(stem).h5", "\(stem).weights.h5"].map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }
    }

    /// The first of ``candidates(for:)`` that exists, or nil.
    public static func beside(_ architecture: String) -> String? {
        candidates(for: architecture).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The weights file written beside `architecture` for weights read from `source`:
    /// `<stem>.weights.h5` when the source has that name (Keras 3's `load_weights` requires it),
    /// else `<stem>_weights.h5`. Both are found again by ``beside(_:)``.
    public static func written(beside architecture: String, from source: String) -> String {
        let names = candidates(for: architecture)
        return source.hasSuffix(".weights.h5") ? names[2] : names[0]
    }
}
