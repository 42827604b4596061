import ArgumentParser
import KerasIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the model a command was given, turning a failure into one line on stderr and exit code 1.
func loadModel(_ path: String) throws -> KerasModel {
    do {
        return try KerasModelReader.read(path: path)
    } catch {
        printError("\(error)")
        throw ExitCode.failure
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
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
