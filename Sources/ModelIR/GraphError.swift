/// A model that is not a consistent graph: a dangling input, a duplicate name, shapes that do not fit.
public struct GraphError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The layer at fault, when there is one.
    public var layer: String?
    /// What is wrong, in words that say what was expected.
    public var message: String

    public init(layer: String?, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String { layer.map { "layer '\($0)': \(message)" } ?? message }
}
