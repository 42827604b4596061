// Writes the Swift file that gives the hlsprune executable its git revision:
// `let gitRevision: String? = "2345835"`, or `nil` outside a git checkout (a source tarball).
// GitRevisionPlugin runs it during every build whose git HEAD or branch ref changed.
//
// Usage: GitRevisionTool PACKAGE_DIRECTORY OUTPUT.swift
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: GitRevisionTool PACKAGE_DIRECTORY OUTPUT.swift\n".utf8))
    exit(2)
}
let checkout = GitCheckout(packageDirectory: URL(fileURLWithPath: arguments[1], isDirectory: true))
let revision = checkout?.headCommit.map { String($0.prefix(7)) }
let text = """
    // Generated at build time by GitRevisionTool (GitRevisionPlugin). Do not edit.
    let gitRevision: String? = \(revision.map { "\"\($0)\"" } ?? "nil")

    """
let output = URL(fileURLWithPath: arguments[2])
// Left untouched when unchanged, so that rerunning the tool (debug and release builds share it)
// does not recompile the executable.
guard (try? String(contentsOf: output, encoding: .utf8)) != text else { exit(0) }
do {
    try text.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("GitRevisionTool: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}
