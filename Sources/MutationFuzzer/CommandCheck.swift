import Foundation

/// Runs `hlsprune` on a mutant under a memory limit and a timeout, and judges what it did.
struct CommandCheck {
    /// The `hlsprune` executable under test.
    var executable: String
    /// The address-space limit of each run (`ulimit -v`), in KiB.
    var memoryLimitKiB: Int
    /// Seconds before a run counts as hung and is killed.
    var timeoutSeconds: Int

    /// What went wrong with one run, or `nil` when it exited 0, or 1 with one error line on stderr.
    enum Failure: CustomStringConvertible {
        case crashed(signal: Int32, stderr: String)
        case hung
        case unexpectedExit(Int32, stderr: String)
        case notOneErrorLine(String)
        case silentlyAccepted
        case inputModified

        var description: String {
            switch self {
            case .crashed(let signal, let stderr): return "crashed with signal \(signal): \(Self.firstError(in: stderr))"
            case .hung: return "hung (killed after the timeout)"
            case .unexpectedExit(let code, let stderr): return "exited \(code): \(stderr.suffix(300))"
            case .notOneErrorLine(let stderr): return "exited 1 without exactly one error line on stderr: \(stderr.suffix(300))"
            case .silentlyAccepted: return "accepted a file it must refuse"
            case .inputModified: return "modified its input"
            }
        }

        /// The line of a crash report that says what went wrong.
        private static func firstError(in stderr: String) -> String {
            let lines = stderr.split(separator: "\n")
            return String((lines.first { $0.contains("error") || $0.contains("Fatal") } ?? lines.first ?? "").prefix(300))
        }
    }

    /// Runs `command` on the mutant stored at `model`.
    func run(_ command: FuzzedCommand, on model: String, mutant: Mutant, scratch: URL) throws -> Failure? {
        let arguments = command.arguments(model: model, fileExtension: mutant.fileExtension, scratch: scratch.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `timeout` exits 124 (or 128 + 9) when it kills a hung run.
        process.arguments = ["-c", "ulimit -v \(memoryLimitKiB); exec timeout -s KILL \(timeoutSeconds) \"$@\"", "sh", executable] + arguments
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        // No symbolicated backtrace (over a second per crash): the first line says what trapped.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        try process.run()
        let stderr = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = process.terminationStatus
        if try Data(contentsOf: URL(fileURLWithPath: model)) != mutant.bytes { return .inputModified }
        if process.terminationReason == .uncaughtSignal {
            // `timeout` re-raises the signal its command died of.
            return status == SIGKILL ? .hung : .crashed(signal: status, stderr: stderr)
        }
        switch status {
        case 0: return mutant.mustBeRefusedBy.contains(command) ? .silentlyAccepted : nil
        case 1:
            // One error line, last; before it only the `note:` lines a command prints as it goes.
            let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
            let isOneError = lines.last?.hasPrefix("hlsprune: error: ") == true && lines.dropLast().allSatisfy { $0.hasPrefix("note: ") }
            return isOneError ? nil : .notOneErrorLine(stderr)
        case 124, 137: return .hung
        default: return .unexpectedExit(status, stderr: stderr)
        }
    }
}
