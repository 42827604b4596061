/// An error reported by the HDF5 library or by this wrapper.
///
/// The description names what was being done, on which object, and why it failed, with the
/// message taken from HDF5's own error stack (the library's automatic printing is turned off).
public struct HDF5Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// What the wrapper was doing, for example `"open file"` or `"read dataset"`.
    public var operation: String
    /// The file, or `file:/object/path`, the operation was applied to.
    public var path: String
    /// Why it failed: the innermost messages of the HDF5 error stack, or the wrapper's own reason.
    public var message: String

    /// Creates an error from its parts.
    public init(operation: String, path: String, message: String) {
        self.operation = operation
        self.path = path
        self.message = message
    }

    public var description: String { "cannot \(operation) '\(path)': \(message)" }
}
