import HLSConfig
import ONNXIO

extension HLS4MLONNXNames {
    /// `tree`, keyed by hls4ml's ONNX names, re-keyed by the IR's layer names for the pruning
    /// attributes and weight types: each Dense layer takes its MatMul's entry, with the `weight`
    /// and `bias` precisions of its kernel and bias constants (their `result`, as hls4ml types
    /// those weights), and `LayerType` MatMul applies to Dense. A `LayerName` key that hls4ml
    /// would not know for this model is an error.
    func irConfiguration(_ tree: ConfigTree) throws -> ConfigTree {
        guard var hls = tree["HLSConfig"] else { return tree }
        if case .mapping(let entries)? = hls["LayerName"] {
            let known = Set(layers.map(\.name))
            for (name, _) in entries where !known.contains(name) {
                throw ConfigurationError(layer: name, "named in the configuration's LayerName, but hls4ml's names for this ONNX model are "
                                         + layers.map(\.name).joined(separator: ", "))
            }
            var renamed: [(String, ConfigTree)] = []
            for (layer, names) in dense.sorted(by: { $0.key < $1.key }) {
                guard var entry = hls["LayerName"]?[names.layer] else { continue }
                if case .mapping? = entry["Precision"] {
                    for (role, constant) in [("weight", names.weight), ("bias", names.bias)] {
                        if let constant, let precision = hls["LayerName"]?[constant]?["Precision"]?["result"] { entry["Precision"]?[role] = precision }
                    }
                }
                renamed.append((layer, entry))
            }
            hls["LayerName"] = .mapping(renamed)
        }
        if let matMul = hls["LayerType"]?["MatMul"] { hls["LayerType"]?["Dense"] = matMul }
        var result = tree
        result["HLSConfig"] = hls
        return result
    }
}
