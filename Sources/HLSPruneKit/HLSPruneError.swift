/// Why the workflow cannot go on, for problems that are not in one model file or configuration
/// (those throw the readers' and ``HLSConfig/ConfigurationError``'s own errors).
///
/// ```swift
/// do { _ = try DataArrays.read("missing.npy") } catch HLSPruneError.data(let file, let reason) { print(file, reason) }
/// ```
public enum HLSPruneError: Error, Equatable, CustomStringConvertible {
    /// A data file (`--x`, `--y`, training data) is missing, unreadable, or does not fit the model.
    case data(file: String, reason: String)
    /// A setting is out of range or contradicts another one.
    case setting(name: String, reason: String)
    /// The search found no sparsity that keeps the metric within the tolerance.
    case noAcceptableStep(metric: String, tolerance: Double)

    public var description: String {
        switch self {
        case .data(let file, let reason): "\(file): \(reason)"
        case .setting(let name, let reason): "\(name): \(reason)"
        case .noAcceptableStep(let metric, let tolerance): "no sparsity kept \(metric) within rtol \(tolerance) of the unpruned model"
        }
    }
}
