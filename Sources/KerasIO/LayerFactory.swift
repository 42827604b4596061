import ModelIR

/// Builds IR layers (without weights) from Keras layer configurations.
enum LayerFactory {
    /// The layer classes this reader understands.
    static let supportedClasses: [String] = [
        "InputLayer", "Dense", "Conv1D", "Conv2D", "DepthwiseConv2D", "BatchNormalization", "Activation", "ReLU",
        "LeakyReLU", "ELU", "ThresholdedReLU", "PReLU", "Softmax", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
        "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "Flatten",
        "Reshape", "Dropout", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
        "ZeroPadding1D", "ZeroPadding2D", "UpSampling1D", "UpSampling2D", "Permute",
    ] + QuantizedLayers.supportedClasses

    static func layer(_ qualified: LayerConfig, inputs: [String]) throws -> Layer {
        let config = LayerConfig(name: qualified.name, className: QuantizedLayers.unprefixed(qualified.className), values: qualified.values,
                                 isKeras3: qualified.isKeras3)
        let (kind, activation) = try kindAndActivation(config)
        var layer = Layer(name: config.name, className: config.className, kind: kind, inputs: inputs, activation: activation)
        layer.penalties = try config.penalties(for: kind.weightNames)
        layer.weightQuantizers = try QuantizedLayers.weightQuantizers(config, weightNames: kind.weightNames)
        return layer
    }

    private static func kindAndActivation(_ config: LayerConfig) throws -> (LayerKind, Activation?) {
        if config.className == "QActivation" {
            guard let activation = try config.activation() else { throw config.fail("QActivation layer without an activation") }
            return (.activation(activation), nil)
        }
        return try floatKindAndActivation(QuantizedLayers.floatTwin(of: config))
    }

    private static func floatKindAndActivation(_ c: LayerConfig) throws -> (LayerKind, Activation?) {
        switch c.className {
        case "InputLayer":
            guard let shape = try c.declaredInputShape() else { throw c.fail("InputLayer has no batch_shape or batch_input_shape") }
            return (.input(shape: shape), nil)
        case "Dense":
            return (.dense(DenseAttributes(units: try c.int("units"), useBias: try c.bool("use_bias", default: true))), try c.activation())
        case "Conv1D", "Conv2D":
            let rank = c.className == "Conv1D" ? 1 : 2
            try c.requireChannelsLast()
            let groups = try c.int("groups", default: 1)
            guard groups >= 1 else { throw c.fail("groups must be at least 1, not \(groups)") }
            let conv = ConvolutionAttributes(
                rank: rank, filters: try c.int("filters"), kernelSize: try c.tuple("kernel_size", rank: rank),
                strides: try c.tuple("strides", rank: rank, default: Array(repeating: 1, count: rank)),
                dilation: try c.tuple("dilation_rate", rank: rank, default: Array(repeating: 1, count: rank)),
                padding: try c.padding(), useBias: try c.bool("use_bias", default: true), groups: groups)
            return (.convolution(conv), try c.activation())
        case "DepthwiseConv2D":
            try c.requireChannelsLast()
            let conv = ConvolutionAttributes(
                rank: 2, filters: try c.int("depth_multiplier", default: 1), kernelSize: try c.tuple("kernel_size", rank: 2),
                strides: try c.tuple("strides", rank: 2, default: [1, 1]), dilation: try c.tuple("dilation_rate", rank: 2, default: [1, 1]),
                padding: try c.padding(), useBias: try c.bool("use_bias", default: true), isDepthwise: true)
            return (.convolution(conv), try c.activation())
        case "BatchNormalization":
            let axisValue = c.values["axis"]
            let axis: Int
            if let list = axisValue?.array {
                guard list.count == 1, let only = list[0].number else { throw c.fail("normalising over several axes is not supported") }
                axis = try c.integer(only, "axis")
            } else {
                axis = try c.int("axis", default: -1)
            }
            let norm = BatchNormalizationAttributes(axis: axis, epsilon: try c.float("epsilon", default: 1e-3),
                                                    center: try c.bool("center", default: true), scale: try c.bool("scale", default: true),
                                                    momentum: try c.float("momentum", default: 0.99))
            return (.batchNormalization(norm), nil)
        case "Activation":
            guard let activation = try c.activation() else { throw c.fail("Activation layer without an activation") }
            return (.activation(activation), nil)
        case "ReLU":
            let relu = ReLUAttributes(maxValue: try c.optionalFloat("max_value"), negativeSlope: try c.float("negative_slope", default: 0),
                                      threshold: try c.float("threshold", default: 0))
            return (.relu(relu), nil)
        case "ThresholdedReLU":
            // Keras 2: x where x > theta, else 0 — Keras's ReLU with that threshold.
            return (.relu(ReLUAttributes(maxValue: nil, negativeSlope: 0, threshold: try c.float("theta", default: 1))), nil)
        case "ELU":
            return (.activation(.elu(alpha: try c.float("alpha", default: 1))), nil)
        case "LeakyReLU":
            let slope = try c.optionalFloat("negative_slope") ?? c.float("alpha", default: 0.3)
            return (.leakyReLU(alpha: slope), nil)
        case "PReLU":
            let shared = try (c.values["shared_axes"]?.array?.compactMap(\.number) ?? []).map { try c.integer($0, "shared_axes") }
            return (.prelu(sharedAxes: shared), nil)
        case "Softmax":
            return (.softmax(axis: try c.int("axis", default: -1)), nil)
        case "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D":
            try c.requireChannelsLast()
            let rank = c.className.hasSuffix("1D") ? 1 : 2
            let size = try c.tuple("pool_size", rank: rank, default: Array(repeating: 2, count: rank))
            let pool = PoolingAttributes(operation: c.className.hasPrefix("Max") ? .max : .average, rank: rank, poolSize: size,
                                         strides: try c.tuple("strides", rank: rank, default: size), padding: try c.padding())
            return (.pooling(pool), nil)
        case "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D":
            try c.requireChannelsLast()
            return (.globalPooling(operation: c.className.hasPrefix("GlobalMax") ? .max : .average, rank: c.className.hasSuffix("1D") ? 1 : 2,
                                   keepDimensions: try c.bool("keepdims", default: false)), nil)
        case "Flatten":
            return (.flatten, nil)
        case "Permute":
            guard let dims = c.values["dims"]?.array?.compactMap(\.number), !dims.isEmpty else { throw c.fail("Permute without dims") }
            return (.permute(dims: try dims.map { try c.integer($0, "dims") }), nil)
        case "Reshape":
            guard let target = c.values["target_shape"]?.array?.compactMap(\.number), !target.isEmpty else {
                throw c.fail("Reshape without a target_shape")
            }
            return (.reshape(targetShape: try target.map { try c.integer($0, "target_shape") }), nil)
        case "Dropout":
            return (.dropout(rate: try c.float("rate", default: 0)), nil)
        case "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum":
            return (.merge(MergeOperation(rawValue: c.className.lowercased())!), nil)
        case "Concatenate":
            return (.concatenate(axis: try c.int("axis", default: -1)), nil)
        case "ZeroPadding1D", "ZeroPadding2D":
            let rank = c.className == "ZeroPadding1D" ? 1 : 2
            return (.zeroPadding(rank: rank, padding: try zeroPadding(c, rank: rank)), nil)
        case "UpSampling1D", "UpSampling2D":
            let rank = c.className == "UpSampling1D" ? 1 : 2
            let interpolation = try c.string("interpolation", default: "nearest")
            guard interpolation == "nearest" else { throw c.fail("UpSampling interpolation '\(interpolation)' is not supported, only nearest") }
            let size = rank == 1 ? [try c.int("size", default: 2)] : try c.tuple("size", rank: 2, default: [2, 2])
            return (.upSampling(rank: rank, size: size), nil)
        case "BinaryDense", "TernaryDense":
            // hls4ml 1.3.0 reads them as Dense with its Binary/TernaryQuantizer on kernel and bias,
            // but what Keras computes is the examples' own Python layer (BinaryNet's binarize(W, H)
            // scales by H and leaves the bias real), which the file does not record.
            throw c.fail("\(c.className) is not read: its forward pass is defined by the custom Python layer that trained it "
                         + "(binarization scale H, whether the bias is quantized), which the file does not record, and hls4ml's "
                         + "converter (kernel and bias rounded to ±1, or to −1, 0, +1) does not match it; re-train it as a QKeras QDense with binary or ternary quantizers")
        default:
            throw c.fail("layer class '\(c.className)' is not supported; supported classes: \(supportedClasses.joined(separator: ", "))")
        }
    }

    /// Keras accepts `p`, `[before, after]` (ZeroPadding1D), `[ph, pw]` or `[[top, bottom], [left, right]]`.
    private static func zeroPadding(_ c: LayerConfig, rank: Int) throws -> [[Int]] {
        let value = c.values["padding"] ?? .number(1)
        if let number = value.number { return Array(repeating: Array(repeating: try c.integer(number, "padding"), count: 2), count: rank) }
        if let list = value.array {
            let numbers = try list.compactMap(\.number).map { try c.integer($0, "padding") }
            if numbers.count == list.count {
                if rank == 1 && numbers.count == 2 { return [numbers] }
                if rank == 2 && numbers.count == 2 { return numbers.map { [$0, $0] } }
            }
            let pairs = try list.compactMap { try $0.array?.compactMap(\.number).map { try c.integer($0, "padding") } }
            if pairs.count == rank && pairs.allSatisfy({ $0.count == 2 }) { return pairs }
        }
        throw c.fail("cannot read padding \(value)")
    }
}
