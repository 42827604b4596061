import FixedPoint
import HLSConfig
import HLSEmit
import ModelIR

/// Turns a model's layers, in order, into the firmware's stages with the types hls4ml 1.3.0 gives
/// them: configured types as ``ConfigurationResolver`` resolves them, `auto` accumulators and
/// results as hls4ml's `infer_precision` pass infers them.
struct StageBuilder {
    let graph: Graph
    let resolver: ConfigurationResolver
    let numbering: HLSLayerNumbering
    let variables: [String: WeightVariable]
    var stages: [(sources: [String], stage: any FirmwareStage)] = []
    /// The format of each model layer's output, by model layer name.
    var formats: [String: FixedPointFormat] = [:]
    /// The stage whose values a model layer's output is, by model layer name.
    var producer: [String: String] = [:]
    /// Whether a model layer's `result` is `auto` in the configuration (hls4ml merges a following
    /// linear activation into such a layer).
    var resultIsAutomatic: [String: Bool] = [:]

    init(graph: Graph, configuration: HLSConfiguration) throws {
        self.graph = graph
        resolver = try ConfigurationResolver(configuration)
        guard try resolver.ioType() == .parallel else { throw FirmwareError("io_stream is not emulated yet; use IOType io_parallel") }
        numbering = try HLSLayerNumbering(graph, resolver: resolver)
        variables = Dictionary(try WeightVariable.all(in: graph, configuration: configuration).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func add(_ layer: Layer) throws {
        switch layer.kind {
        case .input:
            let format = try resolver.type(of: "result", layer: layer.name, className: "InputLayer").precision.format(layer: layer.name, variable: "result")
            formats[layer.name] = format
            producer[layer.name] = layer.name
        case .dense(let dense):
            try addDense(layer, units: dense.units)
        case .batchNormalization:
            guard let target = numbering.foldedInto[layer.name] else { return try addBatchNormalization(layer) }
            alias(layer.name, to: target)  // folded into the weights of `target` by the weight writer
        case .activation(let activation):
            try addActivation(activation, name: layer.name, className: activation == .softmax ? "Softmax" : "Activation", after: layer.inputs[0])
        case .relu(let relu) where relu.maxValue == nil && relu.negativeSlope == 0 && relu.threshold == 0:
            try addActivation(.relu, name: layer.name, className: layer.className, after: layer.inputs[0])
        case .relu(let relu) where relu.maxValue == nil && (relu.negativeSlope == 0 || relu.threshold == 0):
            try addParametrizedReLU(name: layer.name, slope: relu.negativeSlope == 0 ? nil : .decimal(relu.negativeSlope),
                                    threshold: relu.negativeSlope == 0 ? .decimal(relu.threshold) : nil, after: layer.inputs[0])
        case .leakyReLU(let alpha):
            try addParametrizedReLU(name: layer.name, slope: .decimal(alpha), threshold: nil, after: layer.inputs[0])
        case .prelu:
            try addPReLU(layer)
        case .softmax(let axis) where axis == -1 || axis == layer.outputShape.count:
            try addActivation(.softmax, name: layer.name, className: "Softmax", after: layer.inputs[0])
        case .convolution where layer.isQuantized:
            throw FirmwareError(layer: layer.name, "QKeras convolutions are not emulated yet (QDense and QActivation are)")
        case .convolution(let convolution):
            try addConvolution(layer, convolution)
        case .pooling(let pooling):
            try addPooling(layer, pooling)
        case .globalPooling(let operation, let rank, _):
            try addGlobalPooling(layer, operation: operation, rank: rank)
        case .zeroPadding(_, let padding):
            try addZeroPadding(layer, padding: padding)
        case .upSampling(_, let size):
            try addUpSampling(layer, size: size)
        case .merge, .concatenate:
            try addMerge(layer)
        case .flatten, .reshape, .dropout:
            alias(layer.name, to: layer.inputs[0])  // io_parallel reshapes in place; Dropout is removed
        default:
            throw FirmwareError(layer: layer.name, "\(layer.className) is not emulated yet (emulated: Dense, Conv1D, Conv2D, DepthwiseConv2D, "
                                + "BatchNormalization, activations, softmax over the last axis, Max/AveragePooling1D/2D, "
                                + "GlobalMax/GlobalAveragePooling1D/2D, ZeroPadding1D/2D, UpSampling1D/2D, merges, Concatenate, Flatten, Reshape, Dropout)")
        }
    }

    mutating func alias(_ name: String, to source: String) {
        formats[name] = formats[source]
        producer[name] = producer[source]
        resultIsAutomatic[name] = resultIsAutomatic[source]
    }

    mutating func append(_ stage: any FirmwareStage, for layer: String, after source: String, automatic: Bool) {
        stages.append(([producer[source]!], stage))
        formats[layer] = stage.output
        producer[layer] = stage.name
        resultIsAutomatic[layer] = automatic
    }

    /// The configured type of `variable`, or `nil` for `auto`.
    func configured(_ variable: String, layer: String, className: String) throws -> FixedPointFormat? {
        let type = try resolver.type(of: variable, layer: layer, className: className)
        return type.configured == .unspecified ? nil : try type.configured.format(layer: layer, variable: variable)
    }

    func loaded(_ name: String, layer: String) throws -> LoadedArray {
        guard let variable = variables[name] else { throw FirmwareError(layer: layer, "hls4ml writes no weight array \(name) for this layer") }
        return try variable.loaded(layer: layer)
    }

    private mutating func addDense(_ layer: Layer, units: Int) throws {
        let source = layer.inputs[0]
        guard let input = formats[source], let index = numbering.index[layer.name] else { throw FirmwareError(layer: layer.name, "its input has no type") }
        let inputShape = graph.layer(named: source)!.outputShape
        guard inputShape.count == 1 else {
            throw FirmwareError(layer: layer.name, "a Dense on a \(inputShape.count)-dimensional input (hls4ml turns it into a pointwise convolution) is not emulated yet")
        }
        let (stage, automatic) = try matrixKernel(of: layer, className: "Dense", index: index, input: input,
                                                  inputCount: inputShape[0], outputCount: units)
        append(stage, for: layer.name, after: source, automatic: automatic)
        try addSplitActivation(of: layer)
    }

    /// hls4ml's split-off activation of a Dense or convolution (`<name>_<activation>`), which then
    /// stands for the layer's output.
    mutating func addSplitActivation(of layer: Layer) throws {
        // hls4ml's Keras 2 route, which reads QKeras layers, splits a linear activation off too.
        guard let activation = layer.activation, activation != .linear || layer.isQuantized else { return }
        let split = "\(layer.name)_\(activation.splitLayerSuffix)"
        try addActivation(activation, name: split, className: activation == .softmax ? "Softmax" : "Activation", after: layer.name)
        alias(layer.name, to: split)
    }

    /// The matrix product of a Dense layer, or of a convolution for one output pixel, with the
    /// layer's weights `w<index>`, `b<index>` and the types hls4ml gives it: the accumulator inferred
    /// over `inputCount` products unless configured, the result the accumulator's unless configured
    /// (`automatic` then).
    ///
    /// A depthwise kernel (`isDepthwise`, one filter per channel, Latency only) reads its
    /// `inputCount / outputCount` window values per channel: it is the matrix product whose weights
    /// are zero off each channel's own inputs (a zero product changes no accumulator, whatever its
    /// rounding or saturation), its accumulator inferred over the window's size.
    func matrixKernel(of layer: Layer, className: String, index: Int, input: FixedPointFormat, inputCount: Int,
                      outputCount: Int, isDepthwise: Bool = false) throws -> (kernel: DenseStage, automatic: Bool) {
        let name = layer.name
        let (weights, isBinary) = try denseWeights(of: layer, index: index)
        let bias = try loaded("b\(index)", layer: name)
        let operations = isDepthwise ? inputCount / outputCount : inputCount
        // hls4ml infers nothing from its xnor weight type: `auto` then takes the model default.
        let inferred = isBinary
            ? try resolver.modelDefault.format(layer: name, variable: "accum")
            : try InferredTypes.common(input: input, weight: weights.format, bias: bias.format, operations: operations,
                                       maximum: resolver.configuration.model.precision["maximum"], layer: name)
        let accumulator = try configured("accum", layer: name, className: className) ?? inferred
        let resultFormat = try configured("result", layer: name, className: className)
        do {
            _ = try input.product(with: weights.format)
        } catch {
            throw FirmwareError(layer: name, "the products of \(input) and \(weights.format) are too wide to emulate: \(error)")
        }
        var layout = weights.raw
        let isResource = try resolver.strategy(layer: name, className: className).isResource
        if isDepthwise {
            layout = [Int128](repeating: 0, count: inputCount * outputCount)
            for i in 0..<inputCount { layout[i * outputCount + i % outputCount] = weights.raw[i] }
        } else if isResource {
            // The Resource strategies write the kernel transposed, (n_out, n_in).
            for i in 0..<inputCount {
                for j in 0..<outputCount { layout[i * outputCount + j] = weights.raw[j * inputCount + i] }
            }
        }
        let stage = DenseStage(name: name, input: input, output: resultFormat ?? inferred, accumulator: accumulator,
                               inputCount: inputCount, outputCount: outputCount, weights: layout, weightFormat: weights.format,
                               bias: bias.raw, biasFormat: bias.format,
                               resourceReuseFactor: isResource ? try reuseFactor(of: name, className: className, inputs: inputCount, outputs: outputCount) : nil)
        return (stage, resultFormat == nil)
    }

    /// The layer's Resource reuse factor, if hls4ml accepts it (`_validate_reuse_factor`); hls4ml
    /// would silently use another one instead.
    func reuseFactor(of layer: String, className: String, inputs: Int, outputs: Int) throws -> Int {
        let factor = resolver.reuseFactor(layer: layer, className: className)
        let multipliers = (inputs * outputs + min(inputs, factor) - 1) / min(inputs, factor)
        guard factor >= 1, multipliers % outputs == 0 || factor >= inputs, factor % inputs == 0 || factor < inputs, (inputs * outputs) % factor == 0 else {
            throw FirmwareError(layer: layer, "reuse factor \(factor) is not one hls4ml accepts for \(inputs) inputs and \(outputs) outputs (it would use another)")
        }
        return factor
    }

    private mutating func addBatchNormalization(_ layer: Layer) throws {
        let source = layer.inputs[0]
        guard let input = formats[source], let index = numbering.index[layer.name] else { throw FirmwareError(layer: layer.name, "its input has no type") }
        let scale = try loaded("s\(index)", layer: layer.name)
        let bias = try loaded("b\(index)", layer: layer.name)
        let resultFormat = try configured("result", layer: layer.name, className: "BatchNormalization")
        let output = try resultFormat ?? InferredTypes.batchNormalization(input: input, scale: scale.format, bias: bias.format,
                                                                          maximum: resolver.configuration.model.precision["maximum"], layer: layer.name)
        append(BatchNormalizationStage(name: layer.name, input: input, output: output, scale: scale, bias: bias),
               for: layer.name, after: source, automatic: resultFormat == nil)
    }
}
