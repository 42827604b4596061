import Foundation
import HDF5
import ModelIR

/// Writes an IR graph as a new Keras 3 legacy `.h5` file (`model.save("x.h5")`'s layout): a
/// Functional `model_config`, and `model_weights` with `layer_names`, each layer's `weight_names`
/// and its datasets. Keras 3 loads it with `keras.models.load_model`.
///
/// Layer names are made Keras-safe (`/` and other characters Keras rejects become `_`, kept
/// unique). Keras 3 defines `hard_sigmoid` as x/6 + 0.5, so a hard sigmoid with another slope (Keras
/// 2's or ONNX's default 0.2) is refused rather than changed.
public enum KerasH5Writer {
    /// The Keras version whose file layout is written.
    public static let kerasVersion = "3.15.1"

    /// - Parameter displayPath: the path error messages name (the final one when `path` is a
    ///   temporary file).
    public static func write(_ graph: Graph, to path: String, displayPath: String? = nil) throws {
        let names = kerasNames(graph)
        let config = try modelConfig(graph, names: names, file: displayPath ?? path)
        let file = try File(creating: path, overwrite: true)
        let root = try file.rootGroup()
        try root.setStringAttribute("keras_version", [kerasVersion], scalar: true)
        try root.setStringAttribute("backend", ["tensorflow"], scalar: true)
        try root.setStringAttribute("model_config", [config], scalar: true)
        try root.setStringAttribute("producer", ["hlsprune"], scalar: true)
        let weightsGroup = try root.createGroup("model_weights")
        try weightsGroup.setStringAttribute("keras_version", [kerasVersion], scalar: true)
        try weightsGroup.setStringAttribute("backend", ["tensorflow"], scalar: true)
        try weightsGroup.setStringAttribute("layer_names", graph.layers.map { names[$0.name]! })
        for layer in graph.layers {
            let name = names[layer.name]!
            let group = try weightsGroup.createGroup(name)
            let variables = layer.weights.map { (kerasVariableName($0.name), $0.tensor) }
            try group.setStringAttribute("weight_names", variables.map { "\(name)/\($0.0)" })
            guard !variables.isEmpty else { continue }
            let holder = try group.createGroup(name)
            for (variable, tensor) in variables {
                try holder.createDataset(variable, values: tensor.values, shape: tensor.shape)
            }
        }
        try file.flush()
    }

    /// Keras 3 names the depthwise kernel `kernel`; everything else keeps its IR name.
    private static func kerasVariableName(_ name: String) -> String { name == "depthwise_kernel" ? "kernel" : name }

    /// Keras-safe, unique layer names by IR name.
    static func kerasNames(_ graph: Graph) -> [String: String] {
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

    private static func modelConfig(_ graph: Graph, names: [String: String], file: String) throws -> String {
        let shapes = Dictionary(uniqueKeysWithValues: graph.layers.map { ($0.name, $0.outputShape) })
        func tensor(_ source: String) -> [String: Any] {
            ["class_name": "__keras_tensor__",
             "config": ["shape": [NSNull()] + (shapes[source] ?? []).map { $0 as Any }, "dtype": "float32",
                        "keras_history": [names[source]!, 0, 0] as [Any]] as [String: Any]]
        }
        var layers: [[String: Any]] = []
        for layer in graph.layers {
            let name = names[layer.name]!
            var (className, config) = try layerConfig(layer, file: file)
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
        let data = try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func activationName(_ activation: Activation?, layer: String, file: String) throws -> String {
        guard let activation else { return "linear" }
        if case .hardSigmoid(let slope) = activation, abs(slope - 1.0 / 6) > 1e-6 {
            throw KerasIOError(file: file, layer: layer, "hard sigmoid with slope \(slope) has no Keras 3 equivalent (Keras 3's is x/6 + 0.5)")
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
