import Foundation

/// A folder of outputs (`emit -o`, `prune -o`) written safely:
/// - a new folder is staged beside its destination and renamed into place, so it appears
///   complete or not at all;
/// - an existing folder is replaced only when it holds nothing but hlsprune's own outputs
///   (``OutputLayout``) and `force` is set: the new files are staged inside it, each renamed over
///   its old version, and the old outputs the run did not write again are removed;
/// - the folder may never hold, be or replace one of the run's inputs, and may not be `/` or the
///   home folder. All of this is checked before anything is written, and again before committing.
///
/// ```swift
/// let folder = try OutputFolder("out", force: false, inputs: RunInputs(["model.h5"]))
/// do {
///     try folder.write(Array(yaml.utf8), to: "hls4ml_config.yml")
///     try folder.commit()
/// } catch {
///     folder.discard()
///     throw error
/// }
/// ```
public struct OutputFolder {
    /// The folder as the user gave it, for messages.
    public let path: String
    /// The folder with every link resolved: where the files go.
    private let destination: String
    private let staging: String
    private let existed: Bool
    private let layout: OutputLayout
    private let inputs: RunInputs

    /// Checks the destination and creates the staging folder.
    ///
    /// - Throws: ``OutputError`` when the folder is protected, is a file, holds an input, is not
    ///   empty (without `force`) or holds files hlsprune does not write.
    public init(_ path: String, force: Bool, inputs: RunInputs, layout: OutputLayout = OutputLayout()) throws {
        self.path = path
        self.inputs = inputs
        self.layout = layout
        destination = resolvedPath(URL(fileURLWithPath: path).standardizedFileURL.path)
        if destination == "/" { throw OutputError.protectedFolder(folder: path, reason: "the root folder") }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, resolvedPath(home) == destination {
            throw OutputError.protectedFolder(folder: path, reason: "your home folder")
        }
        var isFolder: ObjCBool = false
        existed = FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder)
        if existed {
            guard isFolder.boolValue else { throw OutputError.wrongKind(path: path, expected: "a folder") }
            staging = "\(destination)/.hlsprune-\(getpid())-\(UUID().uuidString.prefix(8)).partial"
            let contents = try Self.scan(destination, shownAs: path, layout: layout, inputs: inputs, skipping: staging)
            if !contents.isEmpty, !force { throw OutputError.notEmpty(folder: path) }
        } else {
            let url = URL(fileURLWithPath: destination)
            staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).hlsprune-\(getpid()).partial").path
            try? FileManager.default.removeItem(atPath: staging)
            Self.removeAbandonedStaging(beside: url)
        }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotWrite(path: path, reason: "cannot create a folder there (\(error.localizedDescription))")
        }
    }

    /// Writes one file (path relative to the folder), creating its parent folders.
    public func write(_ bytes: [UInt8], to relativePath: String) throws {
        try write(parts: [bytes], to: relativePath)
    }

    /// Writes one file from consecutive pieces, without joining them first.
    public func write(parts: [[UInt8]], to relativePath: String) throws {
        let staged = try stagedPath(of: relativePath)
        try NewFile.create(at: staged, parts: parts)
    }

    /// Where a file that another writer creates (path relative to the folder) goes while staged;
    /// its parent folders exist.
    public func stagedPath(of relativePath: String) throws -> String {
        let staged = "\(staging)/\(relativePath)"
        let parent = URL(fileURLWithPath: staged).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotWrite(path: "\(path)/\(relativePath)", reason: error.localizedDescription)
        }
        return staged
    }

    /// Puts the staged files in place.
    public func commit() throws {
        guard existed else {
            guard rename(staging, destination) == 0 else { throw OutputError.cannotWrite(path: path, reason: systemErrorText()) }
            return
        }
        // Checked again: files may have appeared while the run worked.
        let previous = try Self.scan(destination, shownAs: path, layout: layout, inputs: inputs, skipping: staging)
        let written = try stagedFiles()
        for relativePath in written {
            try makeFolders(for: relativePath)
            guard rename("\(staging)/\(relativePath)", "\(destination)/\(relativePath)") == 0 else {
                throw OutputError.cannotWrite(path: "\(path)/\(relativePath)", reason: systemErrorText())
            }
        }
        let kept = Set(written)
        for entry in previous where !kept.contains(entry.relativePath) {
            if entry.isFolder {
                if OutputLayout.isStaging(entry.relativePath) { try? FileManager.default.removeItem(atPath: "\(destination)/\(entry.relativePath)") }
            } else {
                unlink("\(destination)/\(entry.relativePath)")
            }
        }
        // Owned folders left empty go too (deepest first); rmdir leaves a non-empty one alone.
        for entry in previous.reversed() where entry.isFolder { rmdir("\(destination)/\(entry.relativePath)") }
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Removes the staging folders that killed runs left beside `destination`
    /// (`.<name>.hlsprune-<pid>.partial` whose process no longer exists); nothing else is touched.
    private static func removeAbandonedStaging(beside destination: URL) {
        let parent = destination.deletingLastPathComponent().path
        let prefix = ".\(destination.lastPathComponent).hlsprune-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(".partial".count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(atPath: "\(parent)/\(name)") }
        }
    }

    /// Removes the staged files after a failure.
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func stagedFiles() throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: staging) else { return [] }
        var files: [String] = []
        while let relativePath = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { files.append(relativePath) }
        }
        return files.sorted()
    }

    private func makeFolders(for relativePath: String) throws {
        var folder = destination
        for component in relativePath.split(separator: "/").dropLast() {
            folder += "/\(component)"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw OutputError.wrongKind(path: folder, expected: "a folder") }
            } else if mkdir(folder, 0o755) != 0 {
                throw OutputError.cannotWrite(path: folder, reason: systemErrorText())
            }
        }
    }
}
