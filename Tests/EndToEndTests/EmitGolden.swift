import Foundation
import HLSConfig
import Testing

/// `emit` checked against what hls4ml wrote: a golden folder holds hls4ml's `weights/` and its
/// `hls4ml_config.json` (the written `hls4ml_config.yml` without its run-specific keys).
enum EmitGolden {
    /// Runs `hlsprune emit <arguments> -o <scratch>` and expects exit 0, the same headers (and
    /// `.txt` files unless `headersOnly`, for goldens that keep only the headers) and a
    /// configuration that parses to hls4ml's tree. Returns the run, for checks of what it printed.
    @discardableResult
    static func expectEqual(_ arguments: [String], to golden: URL, headersOnly: Bool = false,
                            sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let output = EmitCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Command.run(["emit"] + arguments + ["-o", output.path])
        #expect(result.exitCode == 0, "\(result.standardError)", sourceLocation: sourceLocation)
        let written = try EmitCommandTests.files(in: output.appendingPathComponent("firmware/weights")).filter { !headersOnly || $0.key.hasSuffix(".h") }
        #expect(written == (try EmitCommandTests.files(in: golden.appendingPathComponent("weights"))), "headers differ from \(golden.lastPathComponent)'s",
                sourceLocation: sourceLocation)
        let expected = try ConfigTree(yaml: String(contentsOf: golden.appendingPathComponent("hls4ml_config.json"), encoding: .utf8))
        let ours = try ConfigTree(yaml: String(contentsOf: output.appendingPathComponent("hls4ml_config.yml"), encoding: .utf8))
        #expect(GoldenOrder.sorted(ours) == GoldenOrder.sorted(expected), "hls4ml_config.yml differs from \(golden.lastPathComponent)'s",
                sourceLocation: sourceLocation)
        return result
    }
}
