import Foundation
import Testing

/// A scratch folder for tests that check what commands do to the files around them: inputs are
/// copied into `models/`, reached through links, and checked byte for byte afterwards.
struct Workspace {
    /// How a test hands an input to a command.
    enum Access: String, CaseIterable, CustomStringConvertible, Sendable {
        case absoluteSymlink, relativeSymlink, hardLink, symlinkedFolder
        var description: String { rawValue }
    }

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("models"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("linked").path, withDestinationPath: "models")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func path(_ relativePath: String) -> String { root.appendingPathComponent(relativePath).path }

    /// Copies `source` to `models/<name>` (and `extras`, files that must sit beside it).
    @discardableResult
    func add(_ source: String, as name: String? = nil) throws -> String {
        let destination = path("models/\(name ?? URL(fileURLWithPath: source).lastPathComponent)")
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }

    /// A path that reaches `models/<name>` the way `access` says.
    func reach(_ name: String, by access: Access) throws -> String {
        let manager = FileManager.default
        switch access {
        case .absoluteSymlink:
            let link = path("abs-\(name)")
            try manager.createSymbolicLink(atPath: link, withDestinationPath: path("models/\(name)"))
            return link
        case .relativeSymlink:
            // Relative to the link's folder, as `ln -s models/x x-link` makes it.
            let link = path("rel-\(name)")
            try manager.createSymbolicLink(atPath: link, withDestinationPath: "models/\(name)")
            return link
        case .hardLink:
            let link = path("hard-\(name)")
            try manager.linkItem(atPath: path("models/\(name)"), toPath: link)
            return link
        case .symlinkedFolder:
            return path("linked/\(name)")
        }
    }

    /// Every file under `models/` with its bytes.
    func inputs() throws -> [String: Data] {
        let folder = path("models")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
        }
        return files
    }

    /// Every entry under `relativePath` (recursively) that is not a regular file or folder, or
    /// that shares an inode with a file in `models/`.
    func unsafeEntries(under relativePath: String) throws -> [String] {
        var inputInodes = Set<UInt64>()
        for name in try FileManager.default.contentsOfDirectory(atPath: path("models")) {
            var information = stat()
            if stat(path("models/\(name)"), &information) == 0 { inputInodes.insert(UInt64(information.st_ino)) }
        }
        var unsafe: [String] = []
        var pending = [path(relativePath)]
        while let current = pending.popLast() {
            var information = stat()
            guard lstat(current, &information) == 0 else { continue }
            switch information.st_mode & S_IFMT {
            case S_IFDIR:
                pending += try FileManager.default.contentsOfDirectory(atPath: current).map { "\(current)/\($0)" }
            case S_IFREG:
                if inputInodes.contains(UInt64(information.st_ino)) { unsafe.append("\(current) (an input's inode)") }
            default:
                unsafe.append("\(current) (not a regular file)")
            }
        }
        return unsafe
    }
}
