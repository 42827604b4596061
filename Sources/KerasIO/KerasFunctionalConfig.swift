import Foundation
import ModelIR

/// The Keras 3 Functional configuration of an IR graph: what `model.get_config()` returns for the
/// same model, as both the legacy `.h5` (`model_config`) and the `.keras` archive (`config.json`)
/// store it. Layer names are made Keras-safe (`/` and other characters Keras rejects become `_`,
/// kept unique).
///
/// ```swift
/// let config = try KerasFunctionalConfig(graph, file: "model.onnx")
/// print(config.names["dense/MatMul"]!)   // "dense_MatMul"
/// ```
struct KerasFunctionalConfig {
    /// Keras-safe, unique layer names by IR name.
    let names: [String: String]
    /// The layers in the order Keras lists them (``KerasLayerOrder``).
    let orderedLayers: [Layer]
    /// Keras class names by IR layer name.
    private(set) var classNames: [String: String] = [:]
    /// `{"class_name": "Functional", "config": {…}}`.
    private(set) var model: [String: Any] = [:]

    /// - Parameter file: the path error messages name.
    /// - Throws: ``KerasIOError`` for a layer Keras 3 has no equivalent of (QKeras quantizers,
    ///   a hard sigmoid with a slope other than 1/6).
    init(_ graph: Graph, file: String) throws {
        names = Self.kerasNames(graph)
        orderedLayers = KerasLayerOrder.layers(of: graph)
        model = try modelConfig(graph, file: file)
    }

    /// The Keras layer names in the order Keras lists them in `model.layers`.
    var layerNames: [String] { orderedLayers.map { names[$0.name]! } }

    /// `value` as compact JSON with sorted keys (the same bytes for the same model).
    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    private static func kerasNames(_ graph: Graph) -> [String: String] {
        var used = Set<String>()
        var result: [String: String] = [:]
        for layer in graph.layers {
            let safe = String(layer.name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." ? $0 : "_" })
            var name = safe.isEmpty ? "layer" : safe
            var counter = 1
            while used.contains(name) {
                name = "\(safe)_\(counter)"
                counter += 1
            }
            used.insert(name)
            result[layer.name] = name
        }
        return result
    }

    private mutating func modelConfig(_ graph: Graph, file: String) throws -> [String: Any] {
        let names = names
        let shapes = Dictionary(uniqueKeysWithValues: graph.layers.map { ($0.name, $0.outputShape) })
        func tensor(_ source: String) -> [String: Any] {
            ["class_name": "__keras_tensor__",
             "config": ["shape": [NSNull()] + (shapes[source] ?? []).map { $0 as Any }, "dtype": "float32",
                        "keras_history": [names[source]!, 0, 0] as [Any]] as [String: Any]]
        }
        var layers: [[String: Any]] = []
        for layer in orderedLayers {
            let name = names[layer.name]!
            var (className, config) = try Self.layerConfig(layer, file: file)
            classNames[layer.name] = className
            config["name"] = name
            config["trainable"] = true
            if className != "InputLayer" { config["dtype"] = "float32" }
            var entry: [String: Any] = ["module": "keras.layers", "class_name": className, "config": config,
                                        "registered_name": NSNull(), "name": name]
            if layer.inputs.isEmpty {
                entry["inbound_nodes"] = [Any]()
            } else {
                let arguments: Any = layer.inputs.count == 1 ? tensor(layer.inputs[0]) : layer.inputs.map(tensor)
                entry["inbound_nodes"] = [["args": [arguments], "kwargs": [String: Any]()] as [String: Any]]
            }
            layers.append(entry)
        }
        let model: [String: Any] = [
            "class_name": "Functional",
            "config": ["name": graph.name.isEmpty ? "model" : String(graph.name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }),
                       "trainable": true, "layers": layers,
                       "input_layers": graph.inputs.map { [names[$0]!, 0, 0] as [Any] },
                       "output_layers": graph.outputs.map { [names[$0]!, 0, 0] as [Any] }] as [String: Any],
        ]
        return model
    }

    private static func activationName(_ activation: Activation?, layer: String, file: String) throws -> String {
        guard let activation else { return "linear" }
        if case .hardSigmoid(let slope) = activation, abs(slope - 1.0 / 6) > 1e-6 {
            throw KerasIOError(file: file, layer: layer, "hard sigmoid with slope \(slope) has no Keras 3 equivalent (Keras 3's is x/6 + 0.5)")
        }
        if case .leakyReLU(let slope) = activation, slope != 0.2 {
            throw KerasIOError(file: file, layer: layer, "leaky_relu with slope \(slope) has no Keras 3 equivalent (Keras 3's activation has slope 0.2)")
        }
        return activation.kerasName
    }

    private static func layerConfig(_ layer: Layer, file: String) throws -> (String, [String: Any]) {
        guard !layer.isQuantized else {
            throw KerasIOError(file: file, layer: layer.name, "\(layer.className) has QKeras quantizers, which a new Keras file would drop; write the pruned model over its own .h5 instead")
        }
        let activation = try activationName(layer.activation, layer: layer.name, file: file)
        switch layer.kind {
        case .input(let shape):
            return ("InputLayer", ["batch_shape": [NSNull()] + shape.map { $0 as Any }, "dtype": "float32", "sparse": false])
        case .dense(let dense):
            return ("Dense", ["units": dense.units, "activation": activation, "use_bias": dense.useBias])
        case .convolution(let conv):
            var config: [String: Any] = ["kernel_size": conv.kernelSize, "strides": conv.strides, "padding": conv.padding.rawValue,
                                         "data_format": "channels_last", "dilation_rate": conv.dilation, "activation": activation,
                                         "use_bias": conv.useBias]
            if conv.isDepthwise {
                config["depth_multiplier"] = conv.filters
                return ("DepthwiseConv2D", config)
            }
            config["filters"] = conv.filters
            config["groups"] = conv.groups
            return ("Conv\(conv.rank)D", config)
        case .batchNormalization(let norm):
            return ("BatchNormalization", ["axis": norm.axis, "momentum": norm.momentum, "epsilon": norm.epsilon, "center": norm.center, "scale": norm.scale])
        case .activation(.elu(let alpha)) where alpha != 1:
            return ("ELU", ["alpha": alpha])
        case .activation(let function):
            return ("Activation", ["activation": try activationName(function, layer: layer.name, file: file)])
        case .relu(let relu):
            return ("ReLU", ["max_value": relu.maxValue.map { $0 as Any } ?? NSNull(), "negative_slope": relu.negativeSlope, "threshold": relu.threshold])
        case .leakyReLU(let alpha):
            return ("LeakyReLU", ["negative_slope": alpha])
        case .prelu(let shared):
            return ("PReLU", ["shared_axes": shared.isEmpty ? NSNull() as Any : shared])
        case .softmax(let axis):
            return ("Softmax", ["axis": axis])
        case .pooling(let pool):
            let className = (pool.operation == .max ? "MaxPooling" : "AveragePooling") + "\(pool.rank)D"
            return (className, ["pool_size": pool.poolSize, "strides": pool.strides, "padding": pool.padding.rawValue, "data_format": "channels_last"])
        case .globalPooling(let operation, let rank, let keep):
            let className = (operation == .max ? "GlobalMaxPooling" : "GlobalAveragePooling") + "\(rank)D"
            return (className, ["data_format": "channels_last", "keepdims": keep])
        case .flatten:
            return ("Flatten", ["data_format": "channels_last"])
        case .reshape(let target):
            return ("Reshape", ["target_shape": target])
        case .dropout(let rate):
            return ("Dropout", ["rate": rate])
        case .merge(let operation):
            return (operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst(), [:])
        case .concatenate(let axis):
            return ("Concatenate", ["axis": axis])
        case .zeroPadding(let rank, let padding):
            return ("ZeroPadding\(rank)D", ["padding": rank == 1 ? padding[0] as Any : padding as Any, "data_format": "channels_last"])
        case .upSampling(let rank, let size):
            return ("UpSampling\(rank)D", rank == 1 ? ["size": size[0]] : ["size": size, "interpolation": "nearest", "data_format": "channels_last"])
        case .permute(let dims):
            return ("Permute", ["dims": dims])
        }
    }
}
