import ONNXProto

/// What the reader expects of one op: how many inputs and outputs it has, the ONNX type of each
/// attribute it may carry, and the element types its constant inputs may have.
///
/// ```swift
/// let gemm = ONNXOpSchema.supported["Gemm"]!
/// gemm.inputs      // 2...3
/// gemm.attributes["transB"]  // .int
/// ```
struct ONNXOpSchema {
    /// How many inputs the node may list (trailing optional inputs may be absent).
    var inputs: ClosedRange<Int>
    /// How many outputs the node may list.
    var outputs: ClosedRange<Int> = 1...1
    /// The type of each attribute the op defines; attributes the op does not define are ignored.
    var attributes: [String: Onnx_AttributeProto.AttributeType] = [:]
    /// Input positions that, when constant, hold floating-point values (weights, scales).
    var floatInputs: Set<Int> = []
    /// Every constant input holds floating-point values (element-wise ops and merges, any arity).
    var constantsAreFloat = false
    /// Input positions that, when constant, hold integers (shapes, axes, pads).
    var integerInputs: Set<Int> = []

    /// Unbounded for variadic inputs (Concat, Mean, Max, Min) and Split's outputs.
    static let many = Int(Int32.max)

    private static let window: [String: Onnx_AttributeProto.AttributeType] = [
        "auto_pad": .string, "dilations": .ints, "kernel_shape": .ints, "pads": .ints, "strides": .ints,
    ]
    private static let unary = ONNXOpSchema(inputs: 1...1)
    /// Add, Sub and Mul; `broadcast` and `axis` are opset 1–6's (keras2onnx) explicit broadcasting.
    private static let binary = ONNXOpSchema(inputs: 2...2, attributes: ["broadcast": .int, "axis": .int], constantsAreFloat: true)
    private static let variadic = ONNXOpSchema(inputs: 1...many, constantsAreFloat: true)
    private static let reduction = ONNXOpSchema(inputs: 1...2, attributes: ["axes": .ints, "keepdims": .int, "noop_with_empty_axes": .int],
                                                integerInputs: [1])
    private static let squeeze = ONNXOpSchema(inputs: 1...2, attributes: ["axes": .ints], integerInputs: [1])

    /// Every op the reader supports, with ONNX's definition of it (opsets 6 to 21).
    static let supported: [String: ONNXOpSchema] = [
        "MatMul": ONNXOpSchema(inputs: 2...2, floatInputs: [1]),
        "Gemm": ONNXOpSchema(inputs: 2...3, attributes: ["alpha": .float, "beta": .float, "transA": .int, "transB": .int, "broadcast": .int],
                             floatInputs: [1, 2]),
        "Add": binary, "Sub": binary, "Mul": binary,
        "Mean": variadic, "Max": variadic, "Min": variadic,
        "Concat": ONNXOpSchema(inputs: 1...many, attributes: ["axis": .int], constantsAreFloat: true),
        "Relu": unary, "Sigmoid": unary, "Tanh": unary, "Softplus": unary, "Softsign": unary,
        "Elu": ONNXOpSchema(inputs: 1...1, attributes: ["alpha": .float]),
        "Selu": ONNXOpSchema(inputs: 1...1, attributes: ["alpha": .float, "gamma": .float]),
        "HardSigmoid": ONNXOpSchema(inputs: 1...1, attributes: ["alpha": .float, "beta": .float]),
        "LeakyRelu": ONNXOpSchema(inputs: 1...1, attributes: ["alpha": .float]),
        "Softmax": ONNXOpSchema(inputs: 1...1, attributes: ["axis": .int]),
        "PRelu": ONNXOpSchema(inputs: 2...2, floatInputs: [1]),
        "BatchNormalization": ONNXOpSchema(inputs: 5...5, outputs: 1...5,
                                           attributes: ["epsilon": .float, "momentum": .float, "spatial": .int, "training_mode": .int,
                                                        "is_test": .int, "consumed_inputs": .ints],
                                           floatInputs: [1, 2, 3, 4]),
        "Conv": ONNXOpSchema(inputs: 2...3, attributes: window.merging(["group": .int]) { $1 }, floatInputs: [1, 2]),
        "MaxPool": ONNXOpSchema(inputs: 1...1, outputs: 1...2, attributes: window.merging(["ceil_mode": .int, "storage_order": .int]) { $1 }),
        "AveragePool": ONNXOpSchema(inputs: 1...1, attributes: window.merging(["ceil_mode": .int, "count_include_pad": .int]) { $1 }),
        "GlobalAveragePool": unary, "GlobalMaxPool": unary,
        "ReduceMean": reduction, "ReduceMax": reduction,
        "Pad": ONNXOpSchema(inputs: 1...4, attributes: ["mode": .string, "pads": .ints, "value": .float], floatInputs: [2], integerInputs: [1, 3]),
        "Resize": ONNXOpSchema(inputs: 1...4, attributes: [
            "mode": .string, "coordinate_transformation_mode": .string, "nearest_mode": .string, "cubic_coeff_a": .float,
            "exclude_outside": .int, "extrapolation_value": .float, "antialias": .int, "axes": .ints, "keep_aspect_ratio_policy": .string,
        ], floatInputs: [1, 2], integerInputs: [3]),
        "Upsample": ONNXOpSchema(inputs: 1...2, attributes: ["mode": .string, "scales": .floats], floatInputs: [1]),
        "Split": ONNXOpSchema(inputs: 1...2, outputs: 1...many, attributes: ["axis": .int, "split": .ints, "num_outputs": .int], integerInputs: [1]),
        "Identity": unary,
        "Dropout": ONNXOpSchema(inputs: 1...3, outputs: 1...2, attributes: ["ratio": .float, "seed": .int, "is_test": .int]),
        "Transpose": ONNXOpSchema(inputs: 1...1, attributes: ["perm": .ints]),
        "Flatten": ONNXOpSchema(inputs: 1...1, attributes: ["axis": .int]),
        "Reshape": ONNXOpSchema(inputs: 2...2, attributes: ["allowzero": .int], integerInputs: [1]),
        "Squeeze": squeeze, "Unsqueeze": squeeze,
        "Constant": ONNXOpSchema(inputs: 0...0, attributes: [
            "value": .tensor, "value_float": .float, "value_floats": .floats, "value_int": .int, "value_ints": .ints, "value_string": .string,
        ]),
    ]

    /// The domains QONNX's quantization ops come in: qonnx's own, FINN's older name for it, and
    /// Brevitas's export domain.
    static let quantizationDomains: Set<String> = ["qonnx.custom_op.general", "finn.custom_op.general", "onnx.brevitas"]
    /// The domain of the channels-last Conv, MaxPool and BatchNormalization that qonnx's
    /// `ConvertToChannelsLastAndClean` writes: the standard ops on (batch, …, channels) values.
    static let channelsLastDomain = "qonnx.custom_op.channels_last"

    /// QONNX's quantization ops (qonnx 1.0): scale, zero point and bit widths are inputs.
    static let quantization: [String: ONNXOpSchema] = [
        "Quant": ONNXOpSchema(inputs: 4...4, attributes: ["signed": .int, "narrow": .int, "rounding_mode": .string], floatInputs: [1, 2, 3]),
        "BipolarQuant": ONNXOpSchema(inputs: 2...2, floatInputs: [1]),
        // Version 1: x, scale, zero point, input bits, output bits; version 2 adds the output scale before the output bits.
        "Trunc": ONNXOpSchema(inputs: 5...6, attributes: ["rounding_mode": .string, "signed": .int, "narrow": .int], floatInputs: [1, 2, 3, 4, 5]),
    ]

    /// The schema of `op` in `domain`, or `nil` when the reader does not support it.
    static func schema(domain: String, op: String) -> ONNXOpSchema? {
        switch domain {
        case "", "ai.onnx": supported[op]
        case channelsLastDomain: ["Conv", "MaxPool", "BatchNormalization"].contains(op) ? supported[op] : nil
        case let other where quantizationDomains.contains(other): quantization[op]
        default: nil
        }
    }
}
