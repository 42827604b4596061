import Foundation

/// The fuzzer's command line: `--executable PATH --count N --seed S [--repository DIR]
/// [--memory-mib M] [--timeout SECONDS] [--save-failures DIR] [--rotate]`.
struct FuzzSettings {
    var executable = ".build/debug/hlsprune"
    var count = 200
    var seed: UInt64 = 13
    /// The checkout whose `Fixtures/` seed the mutants.
    var repository = "."
    var memoryLimitMiB = 2048
    var timeoutSeconds = 60
    /// Where the mutants of failing runs are copied, if anywhere.
    var failuresFolder: String?
    /// Each mutant goes through one command, in turn, instead of all four.
    var rotatesCommands = false

    init(arguments: [String]) {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--rotate" {
                rotatesCommands = true
                continue
            }
            guard let value = remaining.popFirst() else { fatalError("\(flag) needs a value") }
            switch flag {
            case "--executable": executable = value
            case "--count": count = Int(value) ?? count
            case "--seed": seed = UInt64(value) ?? seed
            case "--repository": repository = value
            case "--memory-mib": memoryLimitMiB = Int(value) ?? memoryLimitMiB
            case "--timeout": timeoutSeconds = Int(value) ?? timeoutSeconds
            case "--save-failures": failuresFolder = value
            default: fatalError("unknown option \(flag)")
            }
        }
    }
}

/// Counts of the runs by outcome.
struct FuzzTally {
    var runs = 0
    var crashes = 0
    var hangs = 0
    var silentlyAccepted = 0
    var modifiedInputs = 0
    var others = 0

    var failures: Int { crashes + hangs + silentlyAccepted + modifiedInputs + others }

    mutating func record(_ failure: CommandCheck.Failure?) {
        runs += 1
        switch failure {
        case nil: break
        case .crashed?: crashes += 1
        case .hung?: hangs += 1
        case .silentlyAccepted?: silentlyAccepted += 1
        case .inputModified?: modifiedInputs += 1
        case .unexpectedExit?, .notOneErrorLine?: others += 1
        }
    }

    var summary: String {
        "\(crashes) crashed, \(hangs) hung, \(silentlyAccepted) silently accepted, \(modifiedInputs) modified inputs, \(others) other failures"
    }
}
