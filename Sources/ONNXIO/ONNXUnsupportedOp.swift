/// Why the reader refuses an op: the message names the op (with its domain) and gives the reason,
/// for the ops that come up in hls4ml users' graphs (keras2onnx, tf2onnx, Brevitas/QONNX, FINN).
///
/// ```swift
/// ONNXUnsupportedOp.message(domain: "qonnx.custom_op.general", op: "FloatQuant")
/// // "op qonnx.custom_op.general.FloatQuant is not supported yet: minifloat quantization has no fixed-point form …"
/// ```
enum ONNXUnsupportedOp {
    static func message(domain: String, op: String) -> String {
        let name = (domain.isEmpty ? "" : domain + ".") + op
        return "op \(name) is not supported yet: \(reason(domain: domain, op: op))"
    }

    private static func reason(domain: String, op: String) -> String {
        if ONNXOpSchema.quantizationDomains.contains(domain), let reason = quantization[op] { return reason }
        if domain == ONNXOpSchema.channelsLastDomain { return "of qonnx's channels-last ops only Conv, MaxPool and BatchNormalization are read" }
        if domain.isEmpty || domain == "ai.onnx", let reason = standard[op] { return reason }
        if domain.hasPrefix("finn.custom_op.fpgadataflow") { return "FINN's hardware-layer ops are past the point hls4ml reads; export the graph before FINN's conversion" }
        return "hlsprune reads the standard ONNX ops listed in its README and QONNX's Quant, BipolarQuant and Trunc"
    }

    private static let quantization: [String: String] = [
        "FloatQuant": "minifloat quantization has no fixed-point form in the IR or in hls4ml",
        "MultiThreshold": "FINN's thresholds come from streamlining, after the point hls4ml reads; export the graph before streamlining",
        "Im2Col": "FINN's lowering of convolutions; export the graph before FINN's lowering",
        "XnorPopcountMatMul": "FINN's binarised matrix product comes from streamlining; export the graph before it",
        "QuantAvgPool2d": "FINN's quantized average pooling is not in the IR; Brevitas's AveragePool followed by Trunc is read",
        "MaxPoolNHWC": "FINN's NHWC pooling; qonnx's channels-last MaxPool is read",
        "DebugMarker": "a FINN debugging node; remove it before reading",
        "GenericPartition": "a FINN partition holds a whole subgraph; read the graph before partitioning",
    ]

    private static let standard: [String: String] = [
        "LSTM": "recurrent layers are not in the IR", "GRU": "recurrent layers are not in the IR", "RNN": "recurrent layers are not in the IR",
        "Shape": "shapes computed at run time; fold them to constants first (qonnx's cleanup_model or onnx-simplifier)",
        "Gather": "index computations (usually of shapes computed at run time); fold them to constants first (qonnx's cleanup_model or onnx-simplifier)",
        "Cast": "type conversions inside the graph are not in the IR; fold them first (qonnx's cleanup_model or onnx-simplifier)",
        "Loop": "control flow is not in the IR", "If": "control flow is not in the IR", "Scan": "control flow is not in the IR",
        "QuantizeLinear": "ONNX's own QDQ quantization is not read; QONNX's Quant is",
        "DequantizeLinear": "ONNX's own QDQ quantization is not read; QONNX's Quant is",
        "ConvTranspose": "transposed convolutions are not in the IR",
        "Einsum": "general tensor contractions are not in the IR",
    ]
}
