import ModelIR

/// A pass that cannot finish: the graph it made does not check, or the pipeline does not reach a
/// fixed point, or weights cannot be written back to where they came from.
public struct GraphPassError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The pass at fault, or `nil` for the pipeline or the write-back.
    public var pass: String?
    /// The layer at fault, when there is one.
    public var layer: String?
    /// What is wrong, in words that say what was expected.
    public var message: String

    public init(pass: String? = nil, layer: String? = nil, _ message: String) {
        self.pass = pass
        self.layer = layer
        self.message = message
    }

    public var description: String {
        let place = [pass.map { "pass \($0)" }, layer.map { "layer '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
