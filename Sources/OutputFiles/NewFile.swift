import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates files that did not exist: a new regular file at a path where nothing is, never through
/// a symbolic link and never over an existing file (`O_CREAT | O_EXCL | O_NOFOLLOW`). Copies take
/// the *content* of their source, so a linked input is never copied as a link.
///
/// ```swift
/// try NewFile.create(at: "out/.staging/report.md", parts: [Array("# Report\n".utf8)])
/// try NewFile.copyContents(of: "abs.h5", to: "out/.staging/model_pruned.h5")
/// ```
public enum NewFile {
    /// Writes `parts` one after the other into a new file at `path`.
    public static func create(at path: String, parts: [[UInt8]]) throws {
        let descriptor = try createExclusively(path)
        defer { close(descriptor) }
        for part in parts {
            try part.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
        }
    }

    /// Writes `bytes` into a new file at `path`.
    public static func create(at path: String, bytes: some ContiguousBytes) throws {
        let descriptor = try createExclusively(path)
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
    }

    /// Copies the content of the file at `source` (following links: the file, not the link) into a
    /// new file at `destination`, a megabyte at a time.
    public static func copyContents(of source: String, to destination: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw OutputError.cannotWrite(path: destination, reason: "cannot read \(source): \(systemErrorText())") }
        defer { close(input) }
        let output = try createExclusively(destination)
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { return }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw OutputError.cannotWrite(path: destination, reason: "cannot read \(source): \(systemErrorText())")
            }
            try buffer.withUnsafeBytes { try writeAll(UnsafeRawBufferPointer(rebasing: $0.prefix(count)), to: output, path: destination) }
        }
    }

    private static func createExclusively(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.cannotWrite(path: path, reason: systemErrorText()) }
        return descriptor
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else {
                if written < 0, errno == EINTR { continue }
                throw OutputError.cannotWrite(path: path, reason: systemErrorText())
            }
            offset += written
        }
    }
}
