import Dispatch
import FixedPoint
import HLSConfig
import HLSEmit
import ModelIR

/// What hls4ml 1.3.0's Vivado/Vitis io_parallel firmware computes for a model under a
/// configuration, bit for bit as `hls_model.compile()` then `hls_model.predict()` (its C
/// simulation) return it, without writing or compiling the project.
///
/// Inputs are converted to the input layer's type (`nnet::convert_data`), weights are those of the
/// written `.txt` files as the C simulation reads them, and every layer computes in the types
/// hls4ml gives it (``HLSConfig/ConfigurationResolver``, then hls4ml's precision inference for
/// `auto`). Emulated: Dense and Conv1D/Conv2D (Latency, Resource; convolutions through hls4ml's
/// im2col with zero padding and strides), DepthwiseConv2D (multiplier 1, Latency),
/// BatchNormalization (folded into the Dense or convolution before it as hls4ml folds it, or on
/// its own), `linear`, `relu`, the table activations `sigmoid`, `tanh`, `softplus`, `softsign`,
/// `elu` and `selu`, LeakyReLU, ThresholdedReLU (a ReLU with a threshold), PReLU, `hard_sigmoid`,
/// softmax (`stable`, `latency`, `legacy`, `argmax`), Max/AveragePooling1D/2D,
/// GlobalMax/GlobalAveragePooling1D/2D, ZeroPadding1D/2D, UpSampling1D/2D (nearest), the two-input
/// merges (Add, Subtract, Multiply, Average, Maximum, Minimum) and Concatenate, Flatten, Reshape
/// and Dropout; QKeras models as hls4ml's Keras 2 route converts them (QDense with
/// `quantized_bits`, ternary or binary weights; `quantized_relu`, `quantized_bits`,
/// `quantized_tanh`, `quantized_sigmoid` and `binary` activations). Anything else (separable
/// convolutions, QConv among them) is a ``FirmwareError`` naming the layer.
///
/// The stages form a graph: each reads the arrays of the layers it consumes (two for a merge).
/// Not all of hls4ml's firmware is what Keras computes: its hard sigmoid has Keras 2's slope 0.2
/// for Keras 3 models too, and a `quantized_bits` activation after a layer whose result is `auto`
/// is dropped rather than applied.
///
/// ```swift
/// let firmware = try FirmwareModel(graph: model.graph, configuration: project.configuration)
/// let outputs = firmware.predict(samples, count: 200)   // float64, as hls4ml's predict()
/// ```
public struct FirmwareModel: Sendable {
    /// The layers' function calls in order, each reading the outputs of the named stages (the
    /// input layer's name for the input): one for most layers, two for a merge or concatenation,
    /// whose stage receives the two arrays one after the other.
    let stages: [(sources: [String], stage: any FirmwareStage)]
    let inputFormat: FixedPointFormat
    let inputName: String
    /// The stage whose values are the model's output, and their format.
    let outputName: String
    let outputFormat: FixedPointFormat
    /// Values per sample at the input and at the output.
    public let inputSize: Int
    public let outputSize: Int

    /// - Throws: ``FirmwareError`` for a layer or type that is not emulated, or the configuration's
    ///   and weight writer's own errors.
    public init(graph: Graph, configuration: HLSConfiguration) throws {
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw FirmwareError("only models with one input and one output are emulated (this one has \(graph.inputs.count) and \(graph.outputs.count))")
        }
        var builder = try StageBuilder(graph: graph, configuration: configuration)
        for layer in graph.layers { try builder.add(layer) }
        guard let input = builder.formats[graph.inputs[0]] else { throw FirmwareError(layer: graph.inputs[0], "the input layer has no type") }
        stages = builder.stages
        inputFormat = input
        inputName = graph.inputs[0]
        outputName = builder.producer[graph.outputs[0]] ?? graph.outputs[0]
        outputFormat = builder.formats[graph.outputs[0]] ?? input
        inputSize = graph.layer(named: inputName)!.outputShape.reduce(1, *)
        outputSize = graph.layer(named: graph.outputs[0])!.outputShape.reduce(1, *)
    }

    /// The firmware's outputs for one sample, as doubles (`to_double()` of the output type).
    public func predict(_ sample: ArraySlice<Double>) -> [Double] {
        run(sample).map { FixedPointValue(bits: UInt128(truncatingIfNeeded: $0), as: outputFormat).doubleValue }
    }

    /// The outputs for `count` samples stored one after the other in `samples`, computed on all cores.
    public func predict(_ samples: [Double], count: Int) -> [Double] {
        var outputs = [Double](repeating: 0, count: count * outputSize)
        outputs.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let destination = buffer
            DispatchQueue.concurrentPerform(iterations: count) { row in
                let values = predict(samples[row * inputSize..<(row + 1) * inputSize])
                for (offset, value) in values.enumerated() { destination[row * outputSize + offset] = value }
            }
        }
        return outputs
    }

    /// The output's raw values for one sample.
    func run(_ sample: ArraySlice<Double>) -> [Int128] {
        stageOutputs(sample)[outputName]!
    }

    /// Every stage's raw outputs for one sample, by stage name (the input's under the input layer's name).
    func stageOutputs(_ sample: ArraySlice<Double>) -> [String: [Int128]] {
        var values: [String: [Int128]] = [inputName: sample.map { FixedPointValue($0, as: inputFormat).raw }]
        for (sources, stage) in stages {
            values[stage.name] = stage.run(sources.count == 1 ? values[sources[0]]! : sources.flatMap { values[$0]! })
        }
        return values
    }
}
