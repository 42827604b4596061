/// Every file a run reads (model, weights, external data, data sets, configuration), so that no
/// output is ever written over one of them, however it is reached.
///
/// ```swift
/// var inputs = RunInputs()
/// inputs.add("models/jet.h5")
/// inputs.add("val_x.npy")
/// try OutputFile.write(bytes, to: "val_x.npy", inputs: inputs)   // throws OutputError.isAnInput
/// ```
public struct RunInputs: Sendable {
    /// One input: the path it was given as, and the file it names.
    public struct Input: Sendable {
        public let path: String
        public let identity: FileIdentity
    }

    public private(set) var inputs: [Input] = []

    public init() {}

    /// Creates the set of `paths` (see ``add(_:)``).
    public init(_ paths: [String]) {
        for path in paths { add(path) }
    }

    /// Adds the file at `path`. A path where nothing exists is left out: it cannot be overwritten,
    /// and its reader reports it.
    public mutating func add(_ path: String) {
        guard let identity = FileIdentity(path: path) else { return }
        inputs.append(Input(path: path, identity: identity))
    }

    /// The input that the file at `path` is (by device and inode, through any links), if any.
    public func input(at path: String) -> Input? {
        guard let identity = FileIdentity(path: path) else { return nil }
        return inputs.first { $0.identity == identity }
    }

    /// Throws ``OutputError/isAnInput(output:input:resolved:)`` when `path` names one of the inputs.
    func refuseOverwriting(_ path: String, as output: String) throws {
        if let input = input(at: path) {
            throw OutputError.isAnInput(output: output, input: input.path, resolved: resolvedPath(input.path))
        }
    }
}
