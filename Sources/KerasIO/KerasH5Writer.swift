import Foundation
import HDF5
import ModelIR

/// Writes an IR graph as a new Keras 3 legacy `.h5` file (`model.save("x.h5")`'s layout): a
/// Functional `model_config` (``KerasFunctionalConfig``), and `model_weights` with `layer_names`,
/// each layer's `weight_names` and its datasets. Keras 3 loads it with `keras.models.load_model`.
///
/// ```swift
/// try KerasH5Writer.write(onnxModel.graph, to: "model.h5")
/// ```
///
/// Keras 3 defines `hard_sigmoid` as x/6 + 0.5, so a hard sigmoid with another slope (Keras 2's or
/// ONNX's default 0.2) is refused rather than changed; so are QKeras layers, whose quantizers a
/// plain Keras file would drop.
public enum KerasH5Writer {
    /// The Keras version whose file layout is written.
    public static let kerasVersion = "3.15.1"

    /// - Parameter displayPath: the path error messages name (the final one when `path` is a
    ///   temporary file).
    public static func write(_ graph: Graph, to path: String, displayPath: String? = nil) throws {
        let config = try KerasFunctionalConfig(graph, file: displayPath ?? path)
        let names = config.names
        let file = try File(creating: path, overwrite: true)
        let root = try file.rootGroup()
        try root.setStringAttribute("keras_version", [kerasVersion], scalar: true)
        try root.setStringAttribute("backend", ["tensorflow"], scalar: true)
        try root.setStringAttribute("model_config", [try KerasFunctionalConfig.json(config.model)], scalar: true)
        try root.setStringAttribute("producer", ["hlsprune"], scalar: true)
        let weightsGroup = try root.createGroup("model_weights")
        try weightsGroup.setStringAttribute("keras_version", [kerasVersion], scalar: true)
        try weightsGroup.setStringAttribute("backend", ["tensorflow"], scalar: true)
        try weightsGroup.setStringAttribute("layer_names", config.layerNames)
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
}
