import HLSConfig
import ModelIR

/// hls4ml's layer numbering for a Keras model: the index in `w<index>`/`b<index>` is the order in
/// which hls4ml creates its layers, not a position in the model.
///
/// Every layer, inputs included, takes the next index in model order (the input of a Sequential
/// model is 1), and a Dense
/// or convolution with a non-linear activation is followed by its split-off activation layer
/// (`<name>_<activation>`), which takes the index after it; for a QKeras layer, which hls4ml reads
/// only through its Keras 2 route, and for every layer of a model read through that route (an
/// architecture JSON: `splitsLinearActivations`), a linear activation is split off too (and removed
/// later, its index left as a gap). Dropout layers are dropped by hls4ml
/// and take none. A BatchNormalization that directly follows a Dense or convolution without
/// activation, as that layer's only consumer, keeps its index but is folded into that layer
/// (hls4ml's `fuse_batch_normalization`), so its index is a gap in the file names — provided that
/// layer's `result` precision is `auto` in the configuration (hls4ml fuses only then; the
/// configuration `config_from_keras_model` writes at name granularity has `auto` there).
public struct HLSLayerNumbering: Sendable {
    /// The index of each numbered IR layer, by name.
    public private(set) var index: [String: Int] = [:]
    /// BatchNormalization layers folded into the layer they follow: BN name → that layer's name.
    public private(set) var foldedInto: [String: String] = [:]

    /// The numbering of `graph` under hls4ml's generated configuration (every result `auto`).
    public init(_ graph: Graph, splitsLinearActivations: Bool = false) {
        self.init(graph, splitsLinearActivations: splitsLinearActivations) { _ in true }
    }

    /// The numbering of `graph` under the configuration `resolver` reads: a BatchNormalization
    /// folds only where the preceding layer's result is `auto`. `hlsName` gives the name and class
    /// the configuration knows a layer by (hls4ml renames some ONNX layers).
    public init(_ graph: Graph, resolver: ConfigurationResolver, splitsLinearActivations: Bool = false,
                hlsName: (Layer) -> (name: String, className: String) = { ($0.name, $0.className) }) throws {
        try self.init(graph, splitsLinearActivations: splitsLinearActivations) { layer in
            let (name, className) = hlsName(layer)
            return try resolver.type(of: "result", layer: name, className: className).configured == .unspecified
        }
    }

    private init(_ graph: Graph, splitsLinearActivations: Bool, fuses: (Layer) throws -> Bool) rethrows {
        var consumers: [String: Int] = [:]
        for layer in graph.layers {
            for input in layer.inputs { consumers[input, default: 0] += 1 }
        }
        let includingLinear = graph.splitsLinearActivations(asked: splitsLinearActivations)
        var next = 1
        // Breadth first, as hls4ml expands nested models: a level's layers in order, a nested model
        // taking one index where it stands; then each nested model, its input first.
        var levels: [[String]] = [[]]
        while !levels.isEmpty {
            let level = levels.removeFirst()
            if !level.isEmpty { next += 1 }  // a nested model's own input layer, before its layers
            var nestedHere: [String] = []
            for layer in graph.layers where layer.nesting.starts(with: level) {
                if layer.nesting.count > level.count {
                    let model = layer.nesting[level.count]
                    if !nestedHere.contains(model) {
                        nestedHere.append(model)
                        levels.append(level + [model])
                        next += 1
                    }
                    continue
                }
                if case .dropout = layer.kind { continue }
                index[layer.name] = next
                next += 1
                if layer.hasSplitActivation(includingLinear: includingLinear) { next += 1 }
                if case .batchNormalization = layer.kind, layer.inputs.count == 1, let source = graph.layer(named: layer.inputs[0]),
                   Self.absorbsBatchNormalization(source), consumers[source.name] == 1,
                   try fuses(source) {
                    foldedInto[layer.name] = source.name
                }
            }
        }
    }

    /// A Dense or (non-depthwise) convolution with no activation of its own.
    private static func absorbsBatchNormalization(_ layer: Layer) -> Bool {
        guard layer.activation == nil || layer.activation == .linear else { return false }
        switch layer.kind {
        case .dense: return true
        case .convolution(let conv): return !conv.isDepthwise
        default: return false
        }
    }
}

extension Graph {
    /// Whether hls4ml reads the model through its Keras 2 route, which splits linear activations
    /// off too: when `asked` (an architecture JSON, layers only Keras 2 has) or when the model has
    /// nested models (``Layer/nesting``), which only that route reads.
    func splitsLinearActivations(asked: Bool) -> Bool { asked || layers.contains { !$0.nesting.isEmpty } }
}

extension Layer {
    /// Whether hls4ml splits the layer's activation into a layer of its own: a non-linear one, or
    /// a linear one too where hls4ml's Keras 2 route reads the layer (QKeras layers always, every
    /// layer when `includingLinear`). Layers that are activations themselves split nothing.
    func hasSplitActivation(includingLinear: Bool) -> Bool {
        guard let activation else { return false }
        return activation != .linear || isQuantized || includingLinear
    }
}
