/// Why a pruning configuration cannot be used; names the layer (or setting) and what was expected.
public struct PruningError: Error, Equatable, CustomStringConvertible {
    /// The layer concerned, if any.
    public var layer: String?
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String {
        if let layer { return "layer \(layer): \(message)" }
        return message
    }
}
