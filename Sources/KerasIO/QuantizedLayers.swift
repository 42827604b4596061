import ModelIR

/// QKeras layers: each `Q*` class reads as its Keras twin plus the quantizers of its weights.
enum QuantizedLayers {
    /// QKeras class → the Keras class whose configuration keys it shares.
    private static let floatTwins: [String: String] = [
        "QDense": "Dense", "QConv1D": "Conv1D", "QConv2D": "Conv2D", "QDepthwiseConv2D": "DepthwiseConv2D",
        "QBatchNormalization": "BatchNormalization",
    ]

    /// `<key>_quantizer` configuration key → the IR weight it quantizes.
    private static let quantizerKeys: [(key: String, weight: String)] = [
        ("kernel_quantizer", "kernel"), ("depthwise_quantizer", "depthwise_kernel"), ("bias_quantizer", "bias"),
        ("gamma_quantizer", "gamma"), ("beta_quantizer", "beta"), ("mean_quantizer", "moving_mean"),
        ("variance_quantizer", "moving_variance"),
    ]

    static var supportedClasses: [String] { floatTwins.keys.sorted() + ["QActivation"] }

    /// The class name without the `qkeras>` package prefix under which Keras 3 `.h5` files register
    /// qkeras-v3's layers and quantizers.
    static func unprefixed(_ className: String) -> String {
        className.hasPrefix("qkeras>") ? String(className.dropFirst("qkeras>".count)) : className
    }

    /// The configuration read as its Keras twin's (the same config for other classes).
    static func floatTwin(of config: LayerConfig) -> LayerConfig {
        guard let twin = floatTwins[config.className] else { return config }
        return LayerConfig(name: config.name, className: twin, values: config.values, isKeras3: config.isKeras3)
    }

    /// The weight quantizers a `Q*` layer declares, by IR weight name. A quantizer of a weight the
    /// layer does not have (a bias quantizer with `use_bias=False`) is ignored, as QKeras ignores it.
    static func weightQuantizers(_ config: LayerConfig, weightNames: [String]) throws -> [String: Quantizer] {
        guard floatTwins[config.className] != nil else { return [:] }
        var result: [String: Quantizer] = [:]
        for (key, weight) in quantizerKeys where weightNames.contains(weight) {
            guard let value = config.values[key], !value.isNull else { continue }
            let fail = { (message: String) in config.fail("\(key): \(message)") }
            result[weight] = try QuantizerCall(value, fail: fail).quantizer(isActivation: false, fail: fail)
        }
        return result
    }

    /// Whether an `activation` value names a QKeras quantizer rather than a Keras activation.
    static func isQuantizer(_ value: JSONValue) -> Bool {
        let qualified: String? = if let text = value.string { String(text.prefix { $0 != "(" }) } else { value["class_name"]?.string }
        guard let name = qualified.map(unprefixed) else { return false }
        return QuantizerCall.parameterOrder[name] != nil || name.hasPrefix("quantized_") || name.hasPrefix("stochastic_")
            || (value.string?.contains("(") ?? false)
    }
}
