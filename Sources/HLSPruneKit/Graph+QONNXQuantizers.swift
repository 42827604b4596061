import ModelIR

extension Graph {
    /// Throws for the first layer with a QONNX quantizer (`Quant`, `BipolarQuant`, `Trunc`):
    /// hlsprune reads and runs them, but does not mirror hls4ml's handling of them (its Quant
    /// precisions and the ApplyAlpha layers it adds for scales), so `emit` and `prune` write no
    /// hls4ml files for such a model. Where hls4ml 1.3.0 itself refuses the graph, the message says
    /// so and gives hls4ml's reason.
    ///
    /// ```swift
    /// try graph.requireNoQONNXQuantizers()   // GraphError: layer 'Trunc_0': hls4ml 1.3.0 refuses Trunc …
    /// ```
    package func requireNoQONNXQuantizers() throws {
        let quantizers = layers.flatMap { layer in
            var own = layer.weights.compactMap { layer.weightQuantizers[$0.name] }
            if case .activation(.quantized(let quantizer)) = layer.kind { own.append(quantizer) }
            return own.map { (layer: layer.name, quantizer: $0) }
        }
        // hls4ml's reader refuses Trunc before its optimizer looks at any Quant.
        let refusals = quantizers.compactMap { item in Self.hls4mlRefusal(of: item.quantizer).map { (item.layer, $0, item.quantizer.className == "Trunc") } }
        if let (layer, refusal, _) = refusals.first(where: \.2) ?? refusals.first { throw GraphError(layer: layer, refusal) }
        for (layer, quantizer) in quantizers {
            switch quantizer {
            case .integer, .bipolar, .truncation:
                throw GraphError(layer: layer, "\(quantizer) is a QONNX quantizer; hlsprune reads and runs it, but does not write "
                                 + "hls4ml's files for QONNX models yet (hls4ml's Quant precisions and ApplyAlpha scaling layers are not mirrored)")
            default: continue
            }
        }
    }

    /// hls4ml 1.3.0's own refusal of a QONNX quantizer (its ONNX reader and `quant_opt` pass), if any.
    private static func hls4mlRefusal(of quantizer: Quantizer) -> String? {
        switch quantizer {
        case .truncation: return "hls4ml 1.3.0 refuses Trunc nodes ('Unsupported operation type: Trunc'), so no hls4ml files are written for this model"
        case .integer(let q) where q.rounding != .halfEven && q.rounding != .floor:
            return "\(quantizer): hls4ml 1.3.0 supports only ROUND and FLOOR rounding in Quant ('Rounding mode \(q.rounding.rawValue) not supported in Quant node'), "
                + "so no hls4ml files are written for this model"
        case .integer(let q) where q.isNarrow && !q.isSigned:
            return "\(quantizer): hls4ml 1.3.0 supports narrow ranges only for signed Quant ('Narrow mode is only supported for singed numbers.'), "
                + "so no hls4ml files are written for this model"
        default: return nil
        }
    }
}
