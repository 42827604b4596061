#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What makes two paths one file: its device and inode. Symbolic links, hard links and bind mounts
/// of one file all have the same identity, so comparing identities (not path strings) tells
/// whether an output would land on an input.
///
/// ```swift
/// let model = FileIdentity(path: "models/jet.h5")
/// let link = FileIdentity(path: "abs.h5")   // a symbolic link to models/jet.h5
/// assert(model == link)
/// ```
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of the file at `path`, following symbolic links; nil when nothing is there.
    public init?(path: String) {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        device = UInt64(information.st_dev)
        inode = UInt64(information.st_ino)
    }
}

/// `path` with every symbolic link resolved (`realpath`); a path that does not exist keeps its
/// last component after its resolved parent, and one whose parent does not exist either is
/// returned as given.
package func resolvedPath(_ path: String) -> String {
    if let resolved = realpath(path, nil) {
        defer { free(resolved) }
        return String(cString: resolved)
    }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    guard components.count > 1 else { return path }
    let parent = components.dropLast().joined(separator: "/")
    let resolvedParent = resolvedPath(parent.isEmpty ? "/" : parent)
    guard resolvedParent != parent else { return path }
    return resolvedParent == "/" ? "/\(components.last!)" : "\(resolvedParent)/\(components.last!)"
}

/// The text of the C library's message for `errno`.
package func systemErrorText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
