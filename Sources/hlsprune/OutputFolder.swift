import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder of outputs that appears complete or not at all: files are written into a hidden staging
/// folder beside the destination, which replaces the destination only when everything is written.
/// A run that fails or is killed leaves at most the hidden staging folder, never a partial output.
struct OutputFolder {
    let destination: URL
    private let staging: URL

    /// Refuses a destination that exists and is not an empty folder unless `force` is set.
    init(_ path: String, force: Bool) throws {
        destination = URL(fileURLWithPath: path).standardizedFileURL
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw OutputError("\(path) exists and is not a folder") }
            let contents = try manager.contentsOfDirectory(atPath: destination.path)
            guard contents.isEmpty || force else {
                throw OutputError("\(path) is not empty; pass --force to replace its contents")
            }
        }
        staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).hlsprune-\(getpid()).partial")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Writes one file (path relative to the folder), creating its parent folders.
    func write(_ bytes: [UInt8], to relativePath: String) throws {
        try write(parts: [bytes], to: relativePath)
    }

    /// Writes one file from consecutive pieces, without joining them first.
    func write(parts: [[UInt8]], to relativePath: String) throws {
        let url = staging.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let failure = OutputError("cannot write \(destination.appendingPathComponent(relativePath).path): \(String(cString: strerror(errno)))")
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure }
        defer { close(descriptor) }
        for part in parts {
            var offset = 0
            while offset < part.count {
                let written = part.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, part.count - offset) }
                guard written > 0 else { throw OutputError("cannot write \(destination.appendingPathComponent(relativePath).path): \(String(cString: strerror(errno)))") }
                offset += written
            }
        }
    }

    /// Where a file that another writer creates (path relative to the folder) goes while staged.
    func stagedPath(of relativePath: String) -> String {
        staging.appendingPathComponent(relativePath).path
    }

    /// Puts the staged files in place of the destination.
    func commit() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: destination.path) {
            let previous = staging.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).hlsprune-\(getpid()).previous")
            guard rename(destination.path, previous.path) == 0 else { throw OutputError("cannot replace \(destination.path): \(String(cString: strerror(errno)))") }
            guard rename(staging.path, destination.path) == 0 else { throw OutputError("cannot create \(destination.path): \(String(cString: strerror(errno)))") }
            try? manager.removeItem(at: previous)
        } else {
            guard rename(staging.path, destination.path) == 0 else { throw OutputError("cannot create \(destination.path): \(String(cString: strerror(errno)))") }
        }
    }

    /// Removes the staged files after a failure.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// A problem with the output folder.
struct OutputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
