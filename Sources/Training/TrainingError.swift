/// Why a graph cannot be trained.
public struct TrainingError: Error, Equatable, CustomStringConvertible {
    public var layer: String?
    public var message: String
    public var description: String { layer.map { "layer \($0): \(message)" } ?? message }
}
