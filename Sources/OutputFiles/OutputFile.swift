import Foundation

/// One output file (`convert OUT`, `train -o`, `predict -o`) that appears complete or not at all:
/// it is written under a temporary name in its folder and renamed into place. A path that names
/// one of the run's inputs, through any link, is refused before anything is written; an existing
/// symbolic link at the path is replaced by the new file, its target left alone.
///
/// ```swift
/// try OutputFile.write(Array(json.utf8), to: "pred.npy", inputs: RunInputs(["model.h5", "x.npy"]))
/// try OutputFile.replace("model.onnx", inputs: inputs) { temporary in try exporter.write(to: temporary) }
/// ```
public enum OutputFile {
    /// Writes `bytes` (an array of bytes, or `Data`) as the file at `path`.
    public static func write(_ bytes: some ContiguousBytes, to path: String, inputs: RunInputs) throws {
        try replace(path, inputs: inputs) { try NewFile.create(at: $0, bytes: bytes) }
    }

    /// Lets `writer` create the file at a temporary path beside `path`, then renames it to `path`.
    /// The temporary file is removed when `writer` fails.
    public static func replace(_ path: String, inputs: RunInputs, writing writer: (String) throws -> Void) throws {
        try refuseUnsafe(path, inputs: inputs)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).hlsprune-\(UUID().uuidString).partial").path
        do {
            try writer(temporary)
            try refuseUnsafe(path, inputs: inputs)
            guard rename(temporary, path) == 0 else { throw OutputError.cannotWrite(path: path, reason: systemErrorText()) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Throws when `path` is an input or a folder.
    public static func refuseUnsafe(_ path: String, inputs: RunInputs) throws {
        try inputs.refuseOverwriting(path, as: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw OutputError.wrongKind(path: path, expected: "a file")
        }
    }
}
