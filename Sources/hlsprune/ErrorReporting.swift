import ArgumentParser
import HLSConfig
import HLSPruneKit
import KerasIO
import OutputFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command that works on one file: errors that do not name a file of their own are reported
/// as being about it.
protocol FileCommand {
    /// The file errors are about (the model, or the knapsack problem).
    var subject: String { get }
}

/// Reports an error of a command as one line on stderr: `hlsprune: error: <file>: <message>`.
/// This is the only place errors are printed.
func report(_ error: any Error, about subject: String?) {
    let text = "\(error)"
    guard let subject, !text.hasPrefix(subject) else { return printError(text) }
    switch error {
    case is OutputError: printError(text)
    // It names its own file: the weights file of an architecture JSON, say.
    case is KerasIOError: printError(text)
    case HLSPruneError.data: printError(text)
    case let error as ConfigurationError where error.file != nil: printError(text)
    default: printError("\(subject): \(text)")
    }
}

/// Writes `hlsprune: error: <message>` to stderr.
func printError(_ message: String) {
    var standardError = StandardError()
    print("hlsprune: error: \(message)", to: &standardError)
}

/// Unbuffered writes to file descriptor 2.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { systemWrite(2, $0.baseAddress, $0.count) }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
