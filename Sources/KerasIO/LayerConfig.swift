import ModelIR

/// Typed access to one layer's `config` object, with errors that name the layer and the key.
struct LayerConfig {
    let name: String
    let className: String
    let values: JSONValue
    /// Whether the file was written by Keras 3, whose `hard_sigmoid` differs from Keras 2's.
    let isKeras3: Bool

    func fail(_ message: String) -> ConfigError { ConfigError(layer: name, message) }

    /// A JSON number as an `Int`: whole and within ±2^31 (no real size, axis or stride is larger,
    /// and sums and products of two such values cannot overflow).
    func integer(_ number: Double, _ key: String) throws -> Int {
        guard number == number.rounded(), abs(number) <= Double(Int32.max) else {
            throw fail("'\(key)' is \(number) in the \(className) configuration; expected a whole number within ±2^31")
        }
        return Int(number)
    }

    func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        if let value = values[key]?.number { return try integer(value, key) }
        if let fallback, values[key] == nil || values[key]?.isNull == true { return fallback }
        throw fail("expected an integer '\(key)' in the \(className) configuration")
    }

    func float(_ key: String, default fallback: Float) throws -> Float {
        guard let value = values[key], !value.isNull else { return fallback }
        guard let number = value.number else { throw fail("expected a number for '\(key)' in the \(className) configuration") }
        return try finite(Float(number), key)
    }

    func optionalFloat(_ key: String) throws -> Float? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let number = value.number else { throw fail("expected a number for '\(key)' in the \(className) configuration") }
        return try finite(Float(number), key)
    }

    /// `value` when it is finite as a float (a Keras argument such as `1e39` becomes infinity).
    private func finite(_ value: Float, _ key: String) throws -> Float {
        guard value.isFinite else { throw fail("'\(key)' in the \(className) configuration is \(value) as a float32; expected a finite number") }
        return value
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = values[key], !value.isNull else { return fallback }
        guard let flag = value.bool else { throw fail("expected true or false for '\(key)' in the \(className) configuration") }
        return flag
    }

    func string(_ key: String, default fallback: String) throws -> String {
        guard let value = values[key], !value.isNull else { return fallback }
        guard let text = value.string else { throw fail("expected a string for '\(key)' in the \(className) configuration") }
        return text
    }

    /// An integer or a list of `rank` integers (Keras accepts either for sizes and strides).
    func tuple(_ key: String, rank: Int, default fallback: [Int]? = nil) throws -> [Int] {
        let value = values[key]
        if value == nil || value?.isNull == true, let fallback { return fallback }
        if let number = value?.number { return Array(repeating: try integer(number, key), count: rank) }
        if let list = value?.array, list.count == rank, let numbers = Optional(list.compactMap(\.number)), numbers.count == rank {
            return try numbers.map { try integer($0, key) }
        }
        throw fail("expected '\(key)' to be an integer or a list of \(rank) integers")
    }

    /// The input shape a layer declares (`batch_shape`, `batch_input_shape` or `input_shape`), batch removed.
    func declaredInputShape() throws -> [Int]? {
        for (key, dropsBatch) in [("batch_shape", true), ("batch_input_shape", true), ("input_shape", false)] {
            guard let list = values[key]?.array else { continue }
            let dims = dropsBatch ? Array(list.dropFirst()) : list
            return try dims.map { dim in
                guard let size = dim.number else { throw fail("input dimension '\(key)' is not fixed (\(list)); hlsprune needs fixed sizes") }
                return try integer(size, key)
            }
        }
        return nil
    }

    func padding() throws -> Padding {
        let text = try string("padding", default: "valid")
        guard let padding = Padding(rawValue: text.lowercased()) else { throw fail("unknown padding '\(text)', expected valid, same or causal") }
        return padding
    }

    func requireChannelsLast() throws {
        let format = try string("data_format", default: "channels_last")
        guard format == "channels_last" else { throw fail("data_format '\(format)' is not supported, only channels_last") }
    }

    /// The L1/L2 regularizers of the layer's weights (`kernel_regularizer`, `bias_regularizer`,
    /// `depthwise_regularizer`, `alpha_regularizer`, …), as penalties on the IR weight names.
    func penalties(for weightNames: [String]) throws -> [WeightPenalty] {
        try weightNames.compactMap { weightName in
            let key = (weightName == "depthwise_kernel" ? "depthwise" : weightName) + "_regularizer"
            guard let value = values[key], !value.isNull else { return nil }
            let kind = value["class_name"]?.string ?? ""
            let settings = value["config"] ?? .null
            guard ["L1", "L2", "L1L2", "l1", "l2", "l1_l2"].contains(kind) else {
                throw fail("\(key) '\(kind)' is not supported; expected L1, L2 or L1L2")
            }
            return WeightPenalty(weight: weightName, l1: settings["l1"]?.number ?? 0, l2: settings["l2"]?.number ?? 0)
        }
    }

    /// The layer's `activation` key, `nil` when absent.
    func activation() throws -> Activation? {
        guard let value = values["activation"], !value.isNull else { return nil }
        return try Self.activation(value, isKeras3: isKeras3, fail)
    }

    /// Maps a Keras activation (a name, or a serialized `{"class_name": …}` object) or a QKeras
    /// quantizer (`"quantized_relu(6,2)"`, `{"class_name": "quantized_relu", …}`) to the IR.
    static func activation(_ value: JSONValue, isKeras3: Bool, _ fail: (String) -> ConfigError) throws -> Activation {
        if QuantizedLayers.isQuantizer(value) {
            return .quantized(try QuantizerCall(value, fail: fail).quantizer(isActivation: true, fail: fail))
        }
        guard let name = value.string ?? value["config"]?.string ?? value["class_name"]?.string else {
            throw fail("cannot read the activation \(value)")
        }
        switch name {
        case "linear": return .linear
        case "relu": return .relu
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softmax": return .softmax
        case "softplus": return .softplus
        case "softsign": return .softsign
        case "elu": return .elu(alpha: 1)
        case "selu": return .selu
        case "hard_sigmoid": return .hardSigmoid(slope: isKeras3 ? 1.0 / 6.0 : 0.2)
        case "swish", "silu": return .swish
        case "exponential": return .exponential
        case "gelu": return .gelu
        case "relu6": return .relu6
        case "leaky_relu" where isKeras3: return .leakyReLU(negativeSlope: 0.2)
        default:
            throw fail("activation '\(name)' is not supported; supported: linear, relu, sigmoid, tanh, softmax, softplus, softsign, elu, selu, hard_sigmoid, swish, exponential, gelu, relu6, leaky_relu (Keras 3)")
        }
    }
}
