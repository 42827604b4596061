import Foundation
import PackagePlugin

/// Gives the target a generated `let gitRevision: String?`: the abbreviated hash of the commit the
/// package is built from, or nil outside a git checkout (a source tarball). hlsprune prints it in
/// `--version`.
///
/// Why a build-tool plugin: Package.swift could read `.git` itself, but SwiftPM caches the evaluated
/// manifest until Package.swift changes, so the revision would go stale after the next commit, and a
/// file written by the Makefile would be missing from a plain `swift build`. Here the build system
/// reruns GitRevisionTool whenever `HEAD`, the branch's ref file or `packed-refs` changes. Nothing
/// needs `git` or a network.
@main
struct GitRevisionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GitRevision.swift")
        return [
            .buildCommand(
                displayName: "Recording the git revision for \(target.name)",
                executable: try context.tool(named: "GitRevisionTool").url,
                arguments: [package.path, output.path],
                inputFiles: watchedFiles(package: package),
                outputFiles: [output]
            )
        ]
    }

    /// The files whose change can change the current commit, those that exist now (the build
    /// system treats a missing input as an error). The path rules are those of
    /// Sources/GitRevisionTool/GitCheckout.swift.
    private func watchedFiles(package: URL) -> [URL] {
        let fileManager = FileManager.default
        let dotGit = package.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return [] }
        var gitDirectory = dotGit
        var files: [URL] = []
        if !isDirectory.boolValue {
            files.append(dotGit)
            guard let line = firstLine(of: dotGit), line.hasPrefix("gitdir:") else { return files }
            let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDirectory = URL(fileURLWithPath: path, relativeTo: package).standardizedFileURL
        }
        var commonDirectory = gitDirectory
        if let common = firstLine(of: gitDirectory.appendingPathComponent("commondir")) {
            commonDirectory = URL(fileURLWithPath: common, relativeTo: gitDirectory.appendingPathComponent("")).standardizedFileURL
        }
        let head = gitDirectory.appendingPathComponent("HEAD")
        files.append(head)
        if let line = firstLine(of: head), line.hasPrefix("ref:") {
            let reference = line.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
            files.append(gitDirectory.appendingPathComponent(reference))
            files.append(commonDirectory.appendingPathComponent(reference))
        }
        files.append(commonDirectory.appendingPathComponent("packed-refs"))
        var seen = Set<String>()
        return files.filter { fileManager.fileExists(atPath: $0.path) && seen.insert($0.standardizedFileURL.path).inserted }
    }

    private func firstLine(of file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
