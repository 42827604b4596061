import HLSConfig
import ONNXIO

extension HLS4MLONNXNames {
    /// `tree`, keyed by hls4ml's ONNX names, re-keyed by the IR's layer names for the pruning
    /// attributes: each Dense layer takes its MatMul's entry, as hls4ml's `matmul_const_to_dense`
    /// gives the Dense it makes (the constants' own `result` precisions do not type the weights:
    /// checked with hls4ml), and `LayerType` MatMul applies to Dense. A `LayerName` key that hls4ml
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
                guard let entry = hls["LayerName"]?[names.layer] else { continue }
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

extension HLS4MLONNXNames {
    /// `tree` (keyed by hls4ml's names) with the entries of the Dense layers hls4ml makes from
    /// constant MatMuls: `Dense_<MatMul>` copies the MatMul's entry unless the tree has its own.
    func headerConfiguration(_ tree: ConfigTree) throws -> HLSConfiguration {
        var hls = tree["HLSConfig"] ?? .mapping([])
        for (_, dense) in denseLayers.sorted(by: { $0.value.index < $1.value.index }) {
            let matMul = String(dense.name.dropFirst("Dense_".count))
            if hls["LayerName"]?[dense.name] == nil, let entry = hls["LayerName"]?[matMul] { hls["LayerName"]?[dense.name] = entry }
        }
        var result = tree
        result["HLSConfig"] = hls
        return try HLSConfiguration(tree: result)
    }
}
