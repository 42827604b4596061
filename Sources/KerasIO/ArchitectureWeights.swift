import Foundation

/// Where the weights of a Keras architecture JSON are looked for when none are named: beside the
/// JSON, `<stem>_weights.h5` first (what hlsprune writes, and hls4ml's examples' usual name), then
/// `<stem>.h5`.
///
/// ```swift
/// ArchitectureWeights.candidates(for: "models/jet.json")   // ["models/jet_weights.h5", "models/jet.h5"]
/// ```
public enum ArchitectureWeights {
    /// The weights files looked for beside `architecture`, in order.
    public static func candidates(for architecture: String) -> [String] {
        let url = URL(fileURLWithPath: architecture)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = (architecture as NSString).deletingLastPathComponent
        return ["\(stem)_weights.h5", "\(stem).h5"].map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }
    }

    /// The first of ``candidates(for:)`` that exists, or nil.
    public static func beside(_ architecture: String) -> String? {
        candidates(for: architecture).first { FileManager.default.fileExists(atPath: $0) }
    }
}
