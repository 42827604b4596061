/// A Keras model file that cannot be read, with the file, the layer and what was expected.
public struct KerasIOError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file being read.
    public var file: String
    /// The layer at fault, when there is one.
    public var layer: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, layer: String? = nil, _ message: String) {
        self.file = file
        self.layer = layer
        self.message = message
    }

    public var description: String {
        layer.map { "\(file): layer '\($0)': \(message)" } ?? "\(file): \(message)"
    }
}

/// A problem in a model configuration, before the file it came from is known.
struct ConfigError: Error {
    var layer: String?
    var message: String

    init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }
}
