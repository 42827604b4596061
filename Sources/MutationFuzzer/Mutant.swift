import Foundation

/// One damaged copy of a fixture, and what a correct reader must do with it.
struct Mutant {
    /// The fixture it was made from and the edit, e.g. `mlp_raw.onnx: node 2 (Relu) without inputs`.
    var description: String
    /// The file name extension the commands choose the reader by (`onnx`, `h5`, `keras`).
    var fileExtension: String
    var bytes: Data
    /// The commands that must refuse the file (exit 1): the edit makes the model invalid for them.
    /// Any other command may accept or refuse it, but never crash.
    var mustBeRefusedBy: Set<FuzzedCommand>

    init(_ description: String, fileExtension: String, bytes: Data, mustBeRefusedBy: Set<FuzzedCommand> = []) {
        self.description = description
        self.fileExtension = fileExtension
        self.bytes = bytes
        self.mustBeRefusedBy = mustBeRefusedBy
    }
}

/// The commands every mutant goes through.
enum FuzzedCommand: String, CaseIterable, Hashable {
    case inspect, emit
    case pruneDryRun = "prune --dry-run"
    case convert

    /// The command line for `model`, writing (if at all) under `scratch`.
    func arguments(model: String, fileExtension: String, scratch: String) -> [String] {
        switch self {
        case .inspect: return ["inspect", model]
        case .emit: return ["emit", model, "-o", "\(scratch)/emitted"]
        case .pruneDryRun: return ["prune", model, "--dry-run", "--sparsity", "0.5"]
        case .convert: return ["convert", model, "\(scratch)/converted.\(fileExtension == "onnx" ? "h5" : "onnx")"]
        }
    }
}

extension Set where Element == FuzzedCommand {
    /// Every command must refuse the file.
    static let all = Set(FuzzedCommand.allCases)
}
