import FixtureSupport
import Foundation
import Testing

@Suite struct VersionTests {
    /// `hlsprune --version` prints one line: `hlsprune 0.3.0`, followed by ` (git 2345835)` when
    /// built from a git checkout.
    @Test func versionNamesTheReleaseAndTheRevision() throws {
        let result = try Command.run("--version")
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)
        let line = result.standardOutput.trimmingCharacters(in: .newlines)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix("hlsprune "), "\(line)")
        #expect(line.wholeMatch(of: /hlsprune \d+\.\d+\.\d+( \(git [0-9a-f]{7}\))?/) != nil, "\(line)")
        // Built from a git checkout (not a tarball), the revision must be there.
        let package = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: package.appendingPathComponent(".git").path) {
            #expect(line.contains(" (git "), "\(line)")
        }
    }
}
