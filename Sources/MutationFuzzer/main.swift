import Foundation
import ONNXProto
import Training

// Makes `--count` damaged copies of the committed fixtures (seeded, so the same run every time),
// runs each through `inspect`, `emit`, `prune --dry-run` and `convert` of the given `hlsprune`
// under a memory limit and a timeout, and prints every run that crashed, hung, accepted a file it
// must refuse, modified its input, or failed without one error line. Exits 1 if any did.
//
//     MutationFuzzer --executable .build/debug/hlsprune --count 200 --seed 13
//
// With `--rotate`, mutant i goes through one command only (the i-th in turn), for a quicker slice.

let settings = FuzzSettings(arguments: Array(CommandLine.arguments.dropFirst()))
let seeds = try FuzzSeeds(repository: URL(fileURLWithPath: settings.repository))
let check = CommandCheck(executable: settings.executable, memoryLimitKiB: settings.memoryLimitMiB * 1024, timeoutSeconds: settings.timeoutSeconds)
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

var random = SeededGenerator(seed: settings.seed)
var tally = FuzzTally()
for index in 0..<settings.count {
    let mutant = try seeds.mutant(using: &random, scratch: scratch)
    let model = scratch.appendingPathComponent("mutant.\(mutant.fileExtension)").path
    try mutant.bytes.write(to: URL(fileURLWithPath: model))
    let commands = settings.rotatesCommands ? [FuzzedCommand.allCases[index % FuzzedCommand.allCases.count]] : FuzzedCommand.allCases
    for command in commands {
        let output = scratch.appendingPathComponent("out")
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let failure = try check.run(command, on: model, mutant: mutant, scratch: output)
        tally.record(failure)
        if let failure {
            say("mutant \(index) [\(mutant.description)] \(command.rawValue): \(failure)")
            if let folder = settings.failuresFolder {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try mutant.bytes.write(to: URL(fileURLWithPath: "\(folder)/mutant-\(settings.seed)-\(index).\(mutant.fileExtension)"))
            }
        }
    }
}
say("\(settings.count) mutants, \(tally.runs) runs: \(tally.summary)")
exit(tally.failures == 0 ? 0 : 1)

/// Prints a line at once (unbuffered), so that a long run shows its findings as they come.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
