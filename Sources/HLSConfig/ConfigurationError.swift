/// Why a configuration cannot be used: where (file, layer, key) and what was expected.
///
/// ```swift
/// ConfigurationError(layer: "fc1", key: "Precision.weight", "'fixed<16>' is not a precision hls4ml understands")
/// // "layer fc1: Precision.weight: 'fixed<16>' is not a precision hls4ml understands"
/// ```
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The configuration file, when the problem is in one.
    public var file: String?
    /// The layer whose setting is wrong, if one is.
    public var layer: String?
    /// The configuration key (`HLSConfig.Model.ReuseFactor`, `IOType`, …), if one is at fault.
    public var key: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String? = nil, layer: String? = nil, key: String? = nil, _ message: String) {
        self.file = file
        self.layer = layer
        self.key = key
        self.message = message
    }

    /// The same error, located in `file`.
    public func `in`(file: String) -> ConfigurationError {
        var located = self
        located.file = file
        return located
    }

    public var description: String {
        [file, layer.map { "layer \($0)" }, key].compactMap { $0 }.map { "\($0): " }.joined() + message
    }
}
