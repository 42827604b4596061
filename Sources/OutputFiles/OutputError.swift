/// Why an output cannot be written. Every case names the path; none leaves a partial output.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The output would replace or hold one of the run's inputs.
    case isAnInput(output: String, input: String, resolved: String)
    /// The output folder exists and is not empty, and `--force` was not given.
    case notEmpty(folder: String)
    /// `--force` was given but the folder holds files hlsprune does not write.
    case holdsOtherFiles(folder: String, names: [String])
    /// The output folder is `/` or the home folder.
    case protectedFolder(folder: String, reason: String)
    /// The output exists as something else than expected (a file where a folder goes, or the reverse).
    case wrongKind(path: String, expected: String)
    /// The operating system refused a write.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .isAnInput(let output, let input, let resolved):
            let through = input == resolved ? "" : " (\(resolved))"
            return "\(output) is the input \(input)\(through); hlsprune never writes over its inputs: choose another output"
        case .notEmpty(let folder):
            return "\(folder) is not empty; pass --force to replace the files hlsprune wrote there, or choose a new folder"
        case .holdsOtherFiles(let folder, let names):
            let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            return "\(folder) holds files hlsprune did not write (\(shown)); --force replaces only hlsprune's own outputs "
                + "(\(OutputLayout.summary)): choose an empty or new folder"
        case .protectedFolder(let folder, let reason):
            return "\(folder) is \(reason); give the output a folder of its own"
        case .wrongKind(let path, let expected):
            return "\(path) exists and is not \(expected)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
