import ModelIR

/// Which C++ type name and precision hls4ml gives a layer's weight variable, and which strategy
/// the layer uses, from the configuration (behaviour doc §2.5).
///
/// Precedence: `LayerName.<layer>.Precision` (a `<var>` key, `default` or a plain string) names the
/// type `<layer>_<var>_t`; then `LayerType.<Class>.Precision.<var>` (`<Class>_<var>_t`) or its
/// default (`<Class>_default_t`); then `Model.Precision.<var>` (`<var>_default_t`); then the model
/// default (`model_default_t`). `auto` resolves to the model default precision, as hls4ml's
/// precision inference does for weights.
struct TypeResolver {
    let configuration: HLSConfiguration
    let modelDefault: Precision

    init(_ configuration: HLSConfiguration) {
        self.configuration = configuration
        modelDefault = Precision(configuration.model.precision["default"] ?? "fixed<16,6>") ?? .fixed(.init(width: 16, integerBits: 6))
    }

    func resolve(layer: String, className: String, variable: String) -> (typeName: String, precision: Precision) {
        func concrete(_ text: String) -> Precision {
            let parsed = Precision(text) ?? modelDefault
            return parsed == .unspecified ? modelDefault : parsed
        }
        if let settings = configuration.layerName[layer], let text = settings.precision[variable] ?? settings.precision["default"] {
            return ("\(layer.lowercased())_\(variable)_t", concrete(text))
        }
        if let settings = configuration.layerType[className] {
            if let text = settings.precision[variable] { return ("\(className)_\(variable)_t", concrete(text)) }
            if let text = settings.precision["default"] { return ("\(className)_default_t", concrete(text)) }
        }
        if let text = configuration.model.precision[variable] { return ("\(variable)_default_t", concrete(text)) }
        return ("model_default_t", modelDefault)
    }

    /// The layer's strategy: `LayerName`, then `LayerType`, then `Model`, else Latency.
    func strategy(of layer: Layer) -> Strategy {
        let text = configuration.layerName[layer.name]?.strategy ?? configuration.layerType[layer.className]?.strategy
            ?? configuration.model.strategy ?? Strategy.latency.rawValue
        return Strategy(spelling: text) ?? .latency
    }
}
