import FixtureSupport
import Foundation

/// Runs the built `hlsprune` executable and captures what it prints.
struct CommandResult {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String
}

enum Command {
    /// The folder holding the built products (the test bundle sits beside `hlsprune`).
    static let productsFolder: URL = {
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") } ?? Bundle.main
        return bundle.bundleURL.deletingLastPathComponent()
    }()

    static func fixture(_ name: String) -> String { Fixtures.path(name) }

    /// A built executable of this package.
    static func product(_ name: String) -> URL {
        let executable = productsFolder.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: executable.path) ? executable : Bundle.main.bundleURL.appendingPathComponent(name)
    }

    static func run(_ arguments: String...) throws -> CommandResult { try run(arguments) }

    /// Runs the command in `folder` (instead of the test's working folder) with `environment`
    /// added to the inherited one.
    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.executableURL = product("hlsprune")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(exitCode: process.terminationStatus,
                             standardOutput: String(decoding: outputData, as: UTF8.self),
                             standardError: String(decoding: errorData, as: UTF8.self))
    }
}
