import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on stderr, shown only on a terminal and only once a run has taken
/// more than a second.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let start = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now
    private var shown = false
    private let lock = DispatchQueue(label: "hlsprune.progress")
    private static let isTerminal = isatty(2) != 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func update(_ done: Int) {
        guard Self.isTerminal else { return }
        lock.sync {
            let now = ContinuousClock.now
            guard now - start > .seconds(1), now - lastDrawn > .milliseconds(100) || done == total else { return }
            lastDrawn = now
            shown = true
            let width = 30
            let filled = total > 0 ? width * done / total : width
            var standardError = StandardError()
            print("\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total)",
                  terminator: "", to: &standardError)
        }
    }

    func finish() {
        lock.sync {
            guard shown else { return }
            var standardError = StandardError()
            print("", to: &standardError)
        }
    }

    /// Erases the bar's line, for a summary line printed in its place.
    func clear() {
        lock.sync {
            guard shown else { return }
            var standardError = StandardError()
            print("\r\u{1B}[K", terminator: "", to: &standardError)
        }
    }
}
