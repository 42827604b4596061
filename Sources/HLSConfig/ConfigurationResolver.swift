import ModelIR

/// hls4ml's precedence for a layer's settings — `LayerName`, then `LayerType`, then `Model`, then
/// hls4ml's defaults — implemented once: the weight-header writer, the written configuration's
/// checks and the pruning attributes all ask this type, so pruning never sees a precision other
/// than the one the configuration gives that weight. Layer and class names match without regard
/// to case, as hls4ml lower-cases both.
///
/// Precisions go per variable, as hls4ml's `HLSConfig.get_precision` does:
/// `LayerName.<layer>.Precision.<var>` (type `<layer>_<var>_t`), then its `default` (same type
/// name), then `LayerType.<Class>.Precision.<var>` (`<Class>_<var>_t`), then its `default`
/// (`<Class>_default_t`), then `Model.Precision.<var>` (`<var>_default_t`), then the model default
/// (`model_default_t`). `auto` is kept as ``Precision/unspecified`` in ``ResolvedType/configured``;
/// ``ResolvedType/precision`` replaces it by the model default, as hls4ml's precision inference
/// does for weights and biases.
///
/// ```swift
/// let resolver = try ConfigurationResolver(HLSConfiguration(yaml: "Model: {Precision: {default: 'fixed<16,6>', weight: 'fixed<8,3>'}}"))
/// try resolver.type(of: "weight", layer: "fc1", className: "Dense")   // weight_default_t, fixed<8,3>
/// try resolver.strategy(layer: "fc1", className: "Dense")             // .latency
/// ```
public struct ConfigurationResolver: Sendable {
    /// A variable's type as the generated code declares it.
    public struct ResolvedType: Sendable, Equatable {
        /// The C++ type name (`fc1_weight_t`, `Dense_default_t`, `model_default_t`, …).
        public var typeName: String
        /// The precision as configured (`auto` stays ``Precision/unspecified``).
        public var configured: Precision
        /// The precision the firmware uses for a weight or bias: `auto` becomes the model default.
        public var precision: Precision
    }

    public let configuration: HLSConfiguration
    /// `Model.Precision.default` (or `Model.Precision` written as one string), else `fixed<16,6>`.
    public let modelDefault: Precision
    private let layerName: [String: LayerSettings]
    private let layerType: [String: LayerSettings]

    /// - Throws: ``ConfigurationError`` when the model default precision is not one hls4ml reads,
    ///   or `Model.Precision` is a mapping without `default` (hls4ml then fails on the first
    ///   variable it finds no precision for).
    public init(_ configuration: HLSConfiguration) throws {
        self.configuration = configuration
        if !configuration.model.precision.isEmpty, configuration.model.precision["default"] == nil {
            throw ConfigurationError(key: "HLSConfig.Model.Precision", "has no 'default' entry; hls4ml needs one for every variable the other entries do not name")
        }
        let text = configuration.model.precision["default"] ?? "fixed<16,6>"
        guard let parsed = Precision(text), parsed != .unspecified else {
            throw ConfigurationError(key: "HLSConfig.Model.Precision", "'\(text)' is not a concrete precision hls4ml understands (such as fixed<16,6>)")
        }
        modelDefault = parsed
        layerName = Dictionary(configuration.layerName.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        layerType = Dictionary(configuration.layerType.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The type of `variable` (`weight`, `bias`, `scale`, `result`, …) of a layer.
    ///
    /// - Throws: ``ConfigurationError`` naming the layer and key when the precision text is not
    ///   one hls4ml reads.
    public func type(of variable: String, layer: String, className: String) throws -> ResolvedType {
        let named = layerName[layer.lowercased()]
        let typed = layerType[className.lowercased()]
        let candidates: [(text: String?, typeName: String, key: String)] = [
            (named?.precision[variable], "\(layer.lowercased())_\(variable)_t", "LayerName.\(layer).Precision.\(variable)"),
            (named?.precision["default"], "\(layer.lowercased())_\(variable)_t", "LayerName.\(layer).Precision"),
            (typed?.precision[variable], "\(className)_\(variable)_t", "LayerType.\(className).Precision.\(variable)"),
            (typed?.precision["default"], "\(className)_default_t", "LayerType.\(className).Precision"),
            (configuration.model.precision[variable], "\(variable)_default_t", "Model.Precision.\(variable)"),
        ]
        for candidate in candidates {
            guard let text = candidate.text else { continue }
            guard let configured = Precision(text) else {
                throw ConfigurationError(layer: layer, key: "HLSConfig.\(candidate.key)",
                                         "'\(text)' is not a precision hls4ml understands (such as fixed<16,6>, ufixed<8,0> or int<8>)")
            }
            return ResolvedType(typeName: Self.cppIdentifier(candidate.typeName), configured: configured,
                                precision: configured == .unspecified ? modelDefault : configured)
        }
        return ResolvedType(typeName: "model_default_t", configured: modelDefault, precision: modelDefault)
    }

    /// `name` as a C++ identifier: characters other than letters, digits and `_` become `_` (a
    /// layer name such as `jet/fc1/MatMul` cannot name a type), and a leading digit gets a `_`.
    static func cppIdentifier(_ name: String) -> String {
        var result = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        if result.first?.isNumber ?? false { result = "_" + result }
        return result
    }

    /// The type of a weight or bias of the layer numbered `index`: as ``type(of:layer:className:)``,
    /// except that a QKeras quantizer on the variable overrides the configuration, as hls4ml's
    /// `add_weights_variable` does: its precision (``Precision/init(weightQuantizer:)``) under the
    /// name `<variable><index>_t`.
    ///
    /// - Throws: ``ConfigurationError`` when the quantizer has no hls4ml type hlsprune writes.
    public func type(of variable: String, layer: String, className: String, index: Int, quantizer: Quantizer?) throws -> ResolvedType {
        guard let quantizer else { return try type(of: variable, layer: layer, className: className) }
        guard let precision = Precision(weightQuantizer: quantizer) else {
            throw ConfigurationError(layer: layer, "the \(variable) quantizer \(quantizer) is not written yet; hlsprune writes quantized_bits with alpha 1 or None, ternary and binary (hls4ml writes quantized_po2 weights as exponent pairs and factors a fitted alpha out into an ApplyAlpha layer)")
        }
        return ResolvedType(typeName: "\(variable)\(index)_t", configured: precision, precision: precision)
    }

    /// The layer's strategy: `LayerName`, then `LayerType`, then `Model`, else Latency.
    ///
    /// - Throws: ``ConfigurationError`` when the text is not one of hls4ml's strategies.
    public func strategy(layer: String, className: String) throws -> Strategy {
        let text = setting(\.strategy, layer: layer, className: className) ?? Strategy.latency.rawValue
        guard let strategy = Strategy(spelling: text) else {
            throw ConfigurationError(layer: layer, "strategy '\(text)' is not one of Latency, Resource, Resource_Unrolled")
        }
        return strategy
    }

    /// The layer's reuse factor: `LayerName`, then `LayerType`, then `Model`, else 1.
    public func reuseFactor(layer: String, className: String) -> Int {
        setting(\.reuseFactor, layer: layer, className: className) ?? 1
    }

    /// The layer's parallelization factor: `LayerName`, then `LayerType`, then `Model`, else 1.
    public func parallelizationFactor(layer: String, className: String) -> Int {
        setting(\.parallelizationFactor, layer: layer, className: className) ?? 1
    }

    /// The layer's lookup-table size (`TableSize`): `LayerName`, then `LayerType`, else 1024. Like
    /// the settings below, hls4ml reads it from the layer's own blocks only, never from `Model`.
    public func tableSize(layer: String, className: String) -> Int {
        ownSetting(\.tableSize, layer: layer, className: className) ?? 1024
    }

    /// The layer's `Implementation` (a softmax's), as written: `LayerName`, then `LayerType`.
    public func implementation(layer: String, className: String) -> String? {
        ownSetting(\.implementation, layer: layer, className: className)
    }

    /// Whether the layer (a softmax) is removed from the firmware (`Skip`): `LayerName`, then `LayerType`, else false.
    public func skip(layer: String, className: String) -> Bool {
        ownSetting(\.skip, layer: layer, className: className) ?? false
    }

    /// The type attribute `name` (`table_t`, `exp_table_t`, …) set by a `<name>` key of the layer's
    /// `LayerName`, then `LayerType` block; `nil` when neither sets it (hls4ml then uses the
    /// attribute's default; `Precision` entries such as `Precision.table` do not set it).
    ///
    /// - Throws: ``ConfigurationError`` when the text is not a precision hls4ml reads.
    public func typeAttribute(_ name: String, layer: String, className: String) throws -> Precision? {
        let entries: [(String?, String)] = [
            (layerName[layer.lowercased()]?.typeAttributes[name], "LayerName.\(layer).\(name)"),
            (layerType[className.lowercased()]?.typeAttributes[name], "LayerType.\(className).\(name)"),
        ]
        for case (let text?, let key) in entries {
            guard let precision = Precision(text) else {
                throw ConfigurationError(layer: layer, key: "HLSConfig.\(key)", "'\(text)' is not a precision hls4ml understands (such as fixed<18,8>)")
            }
            return precision
        }
        return nil
    }

    /// `IOType`, else io_parallel.
    public func ioType() throws -> IOType {
        let text = configuration.ioType ?? IOType.parallel.rawValue
        guard let ioType = IOType(rawValue: text.lowercased()) else {
            throw ConfigurationError("IOType '\(text)' is not one of io_parallel, io_stream")
        }
        return ioType
    }

    private func ownSetting<Value>(_ value: KeyPath<LayerSettings, Value?>, layer: String, className: String) -> Value? {
        layerName[layer.lowercased()]?[keyPath: value] ?? layerType[className.lowercased()]?[keyPath: value]
    }

    private func setting<Value>(_ value: KeyPath<LayerSettings, Value?>, layer: String, className: String) -> Value? {
        ownSetting(value, layer: layer, className: className) ?? configuration.model[keyPath: value]
    }
}
