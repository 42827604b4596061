import Foundation

/// The files of a git checkout that name its current commit, read directly (no `git`, no network).
///
/// Handles a `.git` folder, a `.git` file pointing elsewhere (worktrees, submodules), loose refs and
/// `packed-refs`. Plugins/GitRevisionPlugin/plugin.swift repeats the path rules (plugins cannot
/// share code with targets); keep the two equal.
struct GitCheckout {
    /// The folder holding `HEAD` (`.git`, or `.git/worktrees/<name>` for a worktree).
    let gitDirectory: URL
    /// The folder holding `refs/` and `packed-refs` (the main `.git` for a worktree).
    let commonDirectory: URL

    init?(packageDirectory: URL) {
        let dotGit = packageDirectory.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            gitDirectory = dotGit
        } else {
            guard let text = Self.firstLine(of: dotGit), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDirectory = URL(fileURLWithPath: path, relativeTo: packageDirectory).standardizedFileURL
        }
        if let common = Self.firstLine(of: gitDirectory.appendingPathComponent("commondir")) {
            commonDirectory = URL(fileURLWithPath: common, relativeTo: gitDirectory.appendingPathComponent("")).standardizedFileURL
        } else {
            commonDirectory = gitDirectory
        }
    }

    /// The full hash of the checked-out commit, or nil when HEAD names a branch with no commit yet.
    var headCommit: String? {
        guard let head = Self.firstLine(of: gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return Self.isHash(head) ? head : nil }
        let reference = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        for folder in [gitDirectory, commonDirectory] {
            if let loose = Self.firstLine(of: folder.appendingPathComponent(reference)), Self.isHash(loose) { return loose }
        }
        guard let packed = try? String(contentsOf: commonDirectory.appendingPathComponent("packed-refs"), encoding: .utf8) else { return nil }
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, fields[1] == reference, Self.isHash(String(fields[0])) { return String(fields[0]) }
        }
        return nil
    }

    private static func firstLine(of file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func isHash(_ text: String) -> Bool {
        text.count >= 40 && text.allSatisfy(\.isHexDigit)
    }
}
