/// Why a model cannot be emulated as hls4ml's firmware: the layer (when one is at fault) and what
/// was expected.
///
/// ```swift
/// FirmwareError(layer: "conv1", "Conv3D is not emulated yet")   // "layer conv1: Conv3D is not emulated yet"
/// ```
public struct FirmwareError: Error, Equatable, CustomStringConvertible {
    /// The layer that cannot be emulated, if one is at fault.
    public var layer: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String { layer.map { "layer \($0): \(message)" } ?? message }
}
