/// Why an output cannot be written. Every case names the path; none leaves a partial output.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The output would replace or hold one of the run's inputs.
    case isAnInput(output: String, input: String, resolved: String)
    /// The output folder exists and is not empty, and `--force` was not given.
    case notEmpty(folder: String)
    /// The output exists as something else than expected (a file where a folder goes, or the reverse).
    case wrongKind(path: String, expected: String)
    /// The operating system refused a write.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .isAnInput(output, input, resolved):
            let through = input == resolved ? "" : " (\(resolved))"
            return "\(output) is the input \(input)\(through); hlsprune never writes over its inputs: choose another output"
        case .notEmpty(let folder):
            return "\(folder) is not empty; pass --force to replace its contents"
        case let .wrongKind(path, expected):
            return "\(path) exists and is not \(expected)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
