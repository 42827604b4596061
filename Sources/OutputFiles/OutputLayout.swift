/// The files and folders hlsprune writes into an output folder, and so the only ones `--force`
/// may replace: `hls4ml_config.yml`, `model_pruned.{h5,keras,onnx,json}`, `model_pruned_weights.h5`, `model_pruned.weights.h5`, `report.{json,md,svg}`,
/// `firmware/weights/<letters><digits>.{h,txt}` (hls4ml's `w2.h`, `b2.txt`, …), the folders that
/// hold them, the staging folders of interrupted runs, and whatever extra files a run names (an
/// ONNX model's external data).
///
/// ```swift
/// OutputLayout().owns("firmware/weights/w2.h", isFolder: false)   // true
/// OutputLayout().owns("important.py", isFolder: false)            // false
/// ```
public struct OutputLayout: Sendable {
    /// For messages: the owned names in short.
    static let summary = "model_pruned.*, hls4ml_config.yml, report.*, firmware/weights/*.h|.txt"

    private static let topLevelFiles: Set<String> = [
        "hls4ml_config.yml", "model_pruned.h5", "model_pruned.keras", "model_pruned.onnx", "model_pruned.json", "model_pruned_weights.h5", "model_pruned.weights.h5",
        "report.json", "report.md", "report.svg",
    ]
    private static let folders: Set<String> = ["firmware", "firmware/weights"]

    /// Files of this run outside the fixed names, relative to the folder.
    public var extraFiles: Set<String>

    public init(extraFiles: Set<String> = []) {
        self.extraFiles = extraFiles
    }

    /// Whether hlsprune writes the entry at `relativePath` (a folder when `isFolder`).
    public func owns(_ relativePath: String, isFolder: Bool) -> Bool {
        if isFolder {
            return Self.folders.contains(relativePath) || Self.isStaging(relativePath)
                || extraFiles.contains { $0.hasPrefix(relativePath + "/") }
        }
        if Self.topLevelFiles.contains(relativePath) || extraFiles.contains(relativePath) { return true }
        let prefix = "firmware/weights/"
        guard relativePath.hasPrefix(prefix) else { return false }
        return Self.isWeightFileName(relativePath.dropFirst(prefix.count))
    }

    /// hls4ml's weight file names: letters, then digits, then `.h` or `.txt` (`w2.h`, `b12.txt`).
    private static func isWeightFileName(_ name: Substring) -> Bool {
        let stem: Substring
        if name.hasSuffix(".h") {
            stem = name.dropLast(2)
        } else if name.hasSuffix(".txt") {
            stem = name.dropLast(4)
        } else {
            return false
        }
        let letters = stem.prefix { $0.isASCII && $0.isLetter }
        let digits = stem.dropFirst(letters.count)
        return !letters.isEmpty && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The staging folder of a run of hlsprune inside an existing output folder.
    static func isStaging(_ name: String) -> Bool {
        name.hasPrefix(".hlsprune-") && name.hasSuffix(".partial") && !name.contains("/")
    }
}
