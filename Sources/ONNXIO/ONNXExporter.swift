import Foundation
import ModelIR
import ONNXProto

/// Writes an IR graph (channels-last, as read from Keras) as a new ONNX model: IR version 8,
/// opset 13, values named after their layers, weights as `raw_data` initializers named
/// `<layer>/<weight>`. Convolutions and pooling run in ONNX's channels-first layout between two
/// Transposes, as tf2onnx does; everything else stays channels-last. Deterministic: the same graph
/// gives the same bytes.
public enum ONNXExporter {
    public static let opsetVersion: Int64 = 13
    public static let irVersion: Int64 = 8

    public static func model(from graph: Graph) throws -> Onnx_ModelProto {
        var builder = ExportBuilder(graph: graph)
        try builder.build()
        var model = Onnx_ModelProto()
        model.irVersion = irVersion
        model.producerName = "hlsprune"
        var opset = Onnx_OperatorSetIdProto()
        opset.domain = ""
        opset.version = opsetVersion
        model.opsetImport = [opset]
        model.graph = builder.onnx
        return model
    }
}

/// Why a graph cannot be exported.
public struct ExportError: Error, Equatable, CustomStringConvertible {
    public var layer: String
    public var message: String
    public var description: String { "layer \(layer): \(message)" }
}

private struct ExportBuilder {
    let graph: Graph
    var onnx = Onnx_GraphProto()
    var shapes: [String: [Int]] = [:]

    init(graph: Graph) {
        self.graph = graph
        onnx.name = graph.name
        for layer in graph.layers { shapes[layer.name] = layer.outputShape }
    }

    mutating func build() throws {
        for layer in graph.layers { try export(layer) }
        for name in graph.outputs { onnx.output.append(valueInfo(name, shape: shapes[name] ?? [])) }
    }

    private func valueInfo(_ name: String, shape: [Int]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        tensor.shape.dim = [batch] + shape.map { size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            dimension.dimValue = Int64(size)
            return dimension
        }
        info.type.tensorType = tensor
        return info
    }

    private mutating func constant(_ name: String, _ values: [Float], shape: [Int]) -> String {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = shape.map(Int64.init)
        tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var bytes = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        tensor.rawData = bytes
        onnx.initializer.append(tensor)
        return name
    }

    private mutating func integers(_ name: String, _ values: [Int]) -> String {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = [Int64(values.count)]
        tensor.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
        var bytes = Data(capacity: values.count * 8)
        for value in values { withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) } }
        tensor.rawData = bytes
        onnx.initializer.append(tensor)
        return name
    }

    private static func attribute(_ name: String, ints: [Int]) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = ints.map(Int64.init)
        return attribute
    }

    private static func attribute(_ name: String, int: Int) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(int)
        return attribute
    }

    private static func attribute(_ name: String, float: Float) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = .float
        attribute.f = float
        return attribute
    }

    @discardableResult
    private mutating func node(_ op: String, _ inputs: [String], _ output: String, name: String, _ attributes: [Onnx_AttributeProto] = []) -> String {
        var node = Onnx_NodeProto()
        node.opType = op
        node.name = name
        node.input = inputs
        node.output = [output]
        node.attribute = attributes
        onnx.node.append(node)
        return output
    }

    private mutating func export(_ layer: Layer) throws {
        func fail(_ message: String) -> ExportError { ExportError(layer: layer.name, message: message) }
        guard !layer.isQuantized else { throw fail(Self.quantizedRefusal(layer)) }
        let name = layer.name
        let input = layer.inputs.first ?? ""
        let inputShape = shapes[input] ?? []
        // The layer's own computation writes `core`; its activation (if any) then writes `name`.
        let hasActivation = layer.activation.map { $0 != .linear } ?? false
        let core = hasActivation ? "\(name)/linear" : name
        switch layer.kind {
        case .input:
            onnx.input.append(valueInfo(name, shape: layer.outputShape))
            return
        case .dense(let dense):
            let kernel = layer.weight("kernel")!.tensor
            let product = dense.useBias ? "\(name)/matmul" : core
            node("MatMul", [input, constant("\(name)/kernel", kernel.values, shape: kernel.shape)], product, name: "\(name)/MatMul")
            if dense.useBias, let bias = layer.weight("bias")?.tensor {
                node("Add", [product, constant("\(name)/bias", bias.values, shape: bias.shape)], core, name: "\(name)/BiasAdd")
            }
        case .convolution(let conv):
            let channelsFirst = toChannelsFirst(input, rank: conv.rank, name: name)
            let kernel = layer.weights[0].tensor
            let shape = kernel.shape
            let taps = conv.kernelSize.reduce(1, *)
            let channels = shape[conv.rank]
            let perChannel = shape[conv.rank + 1]  // filters, or the depth multiplier
            let outputs = conv.isDepthwise ? channels * perChannel : perChannel
            var weight = [Float](repeating: 0, count: kernel.count)
            let inputsPerGroup = conv.isDepthwise ? 1 : channels
            for tap in 0..<taps {
                for channel in 0..<channels {
                    for index in 0..<perChannel {
                        let value = kernel.values[(tap * channels + channel) * perChannel + index]
                        let filter = conv.isDepthwise ? channel * perChannel + index : index
                        let inputChannel = conv.isDepthwise ? 0 : channel
                        weight[(filter * inputsPerGroup + inputChannel) * taps + tap] = value
                    }
                }
            }
            var inputs = [channelsFirst, constant("\(name)/kernel", weight, shape: [outputs, inputsPerGroup] + conv.kernelSize)]
            if conv.useBias, let bias = layer.weight("bias")?.tensor { inputs.append(constant("\(name)/bias", bias.values, shape: [outputs])) }
            let spatial = Array(inputShape.prefix(conv.rank))
            let pads = try padding(conv.padding, sizes: spatial, kernel: conv.kernelSize, strides: conv.strides, dilation: conv.dilation, fail: fail)
            var attributes = [Self.attribute("kernel_shape", ints: conv.kernelSize), Self.attribute("strides", ints: conv.strides),
                              Self.attribute("dilations", ints: conv.dilation), Self.attribute("pads", ints: pads)]
            if conv.isDepthwise { attributes.append(Self.attribute("group", int: channels)) }
            if conv.groups > 1 { attributes.append(Self.attribute("group", int: conv.groups)) }
            node("Conv", inputs, "\(name)/nchw", name: "\(name)/Conv", attributes)
            toChannelsLast("\(name)/nchw", rank: conv.rank, output: core, name: name)
        case .batchNormalization:
            let (scale, shift) = layer.batchNormalizationScaleAndOffset!
            let scaled = node("Mul", [input, constant("\(name)/scale", scale, shape: [scale.count])], "\(name)/scaled", name: "\(name)/Mul")
            node("Add", [scaled, constant("\(name)/shift", shift, shape: [shift.count])], core, name: "\(name)/Add")
        case .activation(let activation):
            try apply(activation, input: input, output: core, name: name, rank: inputShape.count, fail: fail)
        case .relu(let relu):
            if relu.threshold != 0 { throw fail("ReLU with a threshold cannot be exported yet") }
            if let top = relu.maxValue {
                guard relu.negativeSlope == 0 else { throw fail("ReLU with both max_value and negative_slope cannot be exported yet") }
                node("Clip", [input, constant("\(name)/min", [0], shape: []), constant("\(name)/max", [top], shape: [])], core, name: "\(name)/Clip")
            } else if relu.negativeSlope != 0 {
                node("LeakyRelu", [input], core, name: "\(name)/LeakyRelu", [Self.attribute("alpha", float: relu.negativeSlope)])
            } else {
                node("Relu", [input], core, name: "\(name)/Relu")
            }
        case .leakyReLU(let alpha):
            node("LeakyRelu", [input], core, name: "\(name)/LeakyRelu", [Self.attribute("alpha", float: alpha)])
        case .prelu:
            let alpha = layer.weight("alpha")!.tensor
            node("PRelu", [input, constant("\(name)/alpha", alpha.values, shape: alpha.shape)], core, name: "\(name)/PRelu")
        case .softmax(let axis):
            guard axis == -1 || axis == inputShape.count else { throw fail("Softmax over an axis other than the last cannot be exported yet") }
            node("Softmax", [input], core, name: "\(name)/Softmax", [Self.attribute("axis", int: -1)])
        case .pooling(let pool):
            let channelsFirst = toChannelsFirst(input, rank: pool.rank, name: name)
            let spatial = Array(inputShape.prefix(pool.rank))
            let pads = try padding(pool.padding, sizes: spatial, kernel: pool.poolSize, strides: pool.strides,
                                   dilation: Array(repeating: 1, count: pool.rank), fail: fail)
            var attributes = [Self.attribute("kernel_shape", ints: pool.poolSize), Self.attribute("strides", ints: pool.strides),
                              Self.attribute("pads", ints: pads)]
            if pool.operation == .average { attributes.append(Self.attribute("count_include_pad", int: 0)) }
            node(pool.operation == .max ? "MaxPool" : "AveragePool", [channelsFirst], "\(name)/nchw", name: "\(name)/Pool", attributes)
            toChannelsLast("\(name)/nchw", rank: pool.rank, output: core, name: name)
        case .globalPooling(let operation, let rank, let keep):
            node(operation == .max ? "ReduceMax" : "ReduceMean", [input], core, name: "\(name)/Reduce",
                 [Self.attribute("axes", ints: Array(1...rank)), Self.attribute("keepdims", int: keep ? 1 : 0)])
        case .flatten:
            node("Flatten", [input], core, name: "\(name)/Flatten", [Self.attribute("axis", int: 1)])
        case .reshape(let target):
            node("Reshape", [input, integers("\(name)/shape", [0] + target)], core, name: "\(name)/Reshape")
        case .dropout:
            node("Identity", [input], core, name: "\(name)/Identity")
        case .merge(let operation):
            switch operation {
            case .add, .subtract, .multiply:
                let op = operation == .add ? "Add" : operation == .subtract ? "Sub" : "Mul"
                var running = layer.inputs[0]
                for (index, next) in layer.inputs.dropFirst().enumerated() {
                    let output = index == layer.inputs.count - 2 ? core : "\(name)/partial\(index)"
                    running = node(op, [running, next], output, name: "\(name)/\(op)\(index)")
                }
            case .average: node("Mean", layer.inputs, core, name: "\(name)/Mean")
            case .maximum: node("Max", layer.inputs, core, name: "\(name)/Max")
            case .minimum: node("Min", layer.inputs, core, name: "\(name)/Min")
            }
        case .concatenate(let axis):
            node("Concat", layer.inputs, core, name: "\(name)/Concat", [Self.attribute("axis", int: axis)])
        case .zeroPadding(let rank, let padding):
            let begin = [0] + (0..<rank).map { padding[$0][0] } + [0]
            let end = [0] + (0..<rank).map { padding[$0][1] } + [0]
            node("Pad", [input, integers("\(name)/pads", begin + end)], core, name: "\(name)/Pad")
        case .permute(let dims):
            node("Transpose", [input], core, name: "\(name)/Transpose", [Self.attribute("perm", ints: [0] + dims)])
        case .upSampling(let rank, let size):
            // Nearest-neighbour repetition: Resize with integer scales on the spatial axes.
            let scales = [Float(1)] + size.prefix(rank).map { Float($0) } + [1]
            var attributes = [Onnx_AttributeProto]()
            for (key, value) in [("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor")] {
                var attribute = Onnx_AttributeProto()
                attribute.name = key
                attribute.type = .string
                attribute.s = Data(value.utf8)
                attributes.append(attribute)
            }
            node("Resize", [input, "", constant("\(name)/scales", scales, shape: [scales.count])], core, name: "\(name)/Resize", attributes)
        }
        if hasActivation, let activation = layer.activation {
            try apply(activation, input: core, output: name, name: "\(name)/activation", rank: layer.outputShape.count, fail: fail)
        }
    }

    /// One activation function as ONNX nodes writing `output`.
    /// QKeras layers are refused: their quantizers would need QONNX `Quant` nodes, which are not written.
    private static func quantizedRefusal(_ layer: Layer) -> String {
        "\(layer.className) quantizes its weights or outputs (QKeras); ONNX export would drop the quantizers, and QONNX Quant nodes are not written"
    }

    private mutating func apply(_ activation: Activation, input: String, output: String, name: String, rank: Int,
                                fail: (String) -> ExportError) throws {
        switch activation {
        case .quantized(let quantizer): throw fail("the activation \(quantizer) is a QKeras quantizer; QONNX Quant nodes are not written")
        case .linear: node("Identity", [input], output, name: "\(name)/Identity")
        case .relu: node("Relu", [input], output, name: "\(name)/Relu")
        case .sigmoid: node("Sigmoid", [input], output, name: "\(name)/Sigmoid")
        case .tanh: node("Tanh", [input], output, name: "\(name)/Tanh")
        case .softmax: node("Softmax", [input], output, name: "\(name)/Softmax", [Self.attribute("axis", int: -1)])
        case .softplus: node("Softplus", [input], output, name: "\(name)/Softplus")
        case .softsign: node("Softsign", [input], output, name: "\(name)/Softsign")
        case .elu(let alpha): node("Elu", [input], output, name: "\(name)/Elu", [Self.attribute("alpha", float: alpha)])
        case .selu: node("Selu", [input], output, name: "\(name)/Selu")
        case .hardSigmoid(let slope):
            node("HardSigmoid", [input], output, name: "\(name)/HardSigmoid", [Self.attribute("alpha", float: slope), Self.attribute("beta", float: 0.5)])
        case .swish:
            let gate = node("Sigmoid", [input], "\(output)/sigmoid", name: "\(name)/Sigmoid")
            node("Mul", [input, gate], output, name: "\(name)/Mul")
        case .exponential: node("Exp", [input], output, name: "\(name)/Exp")
        case .leakyReLU(let slope): node("LeakyRelu", [input], output, name: "\(name)/LeakyRelu", [Self.attribute("alpha", float: slope)])
        case .relu6:
            node("Clip", [input, constant("\(name)/min", [0], shape: []), constant("\(name)/max", [6], shape: [])], output, name: "\(name)/Clip")
        case .gelu:
            // 0.5·x·(1 + erf(x/√2))
            let scaled = node("Div", [input, constant("\(name)/sqrt2", [Float(2).squareRoot()], shape: [])], "\(output)/scaled", name: "\(name)/Div")
            let erf = node("Erf", [scaled], "\(output)/erf", name: "\(name)/Erf")
            let shifted = node("Add", [erf, constant("\(name)/one", [1], shape: [])], "\(output)/shifted", name: "\(name)/Add")
            let product = node("Mul", [input, shifted], "\(output)/product", name: "\(name)/Mul")
            node("Mul", [product, constant("\(name)/half", [0.5], shape: [])], output, name: "\(name)/Half")
        }
    }

    /// `x` (channels last) transposed to channels first.
    private mutating func toChannelsFirst(_ input: String, rank: Int, name: String) -> String {
        node("Transpose", [input], "\(name)/to_nchw", name: "\(name)/ToChannelsFirst", [Self.attribute("perm", ints: [0, rank + 1] + Array(1...rank))])
    }

    private mutating func toChannelsLast(_ input: String, rank: Int, output: String, name: String) {
        node("Transpose", [input], output, name: "\(name)/ToChannelsLast", [Self.attribute("perm", ints: [0] + Array(2...rank + 1) + [1])])
    }

    /// ONNX pads (begins, then ends) for Keras's valid, same (TensorFlow's split: the extra pixel at the
    /// end) or causal padding.
    private func padding(_ padding: Padding, sizes: [Int], kernel: [Int], strides: [Int], dilation: [Int],
                         fail: (String) -> ExportError) throws -> [Int] {
        let rank = kernel.count
        switch padding {
        case .valid: return Array(repeating: 0, count: 2 * rank)
        case .same:
            var begins: [Int] = []
            var ends: [Int] = []
            for axis in 0..<rank {
                let effective = (kernel[axis] - 1) * dilation[axis] + 1
                let output = (sizes[axis] + strides[axis] - 1) / strides[axis]
                let total = max((output - 1) * strides[axis] + effective - sizes[axis], 0)
                begins.append(total / 2)
                ends.append(total - total / 2)
            }
            return begins + ends
        case .causal:
            guard rank == 1 else { throw fail("causal padding needs one spatial axis") }
            return [(kernel[0] - 1) * dilation[0], 0]
        }
    }
}
