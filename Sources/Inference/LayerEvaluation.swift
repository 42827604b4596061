import ModelIR

/// Computes one layer's output from its inputs' outputs, for a batch of samples handed one after
/// another (channels last): every kind computes each sample as it would alone, so a batch's outputs
/// are the outputs of its samples, bit for bit.
public enum LayerEvaluation {
    /// The outputs of `layer` for the samples of `inputs` (each input's samples of its shape in `inputShapes`).
    public static func output(of layer: Layer, inputs: [[Float]], inputShapes: [[Int]]) -> [Float] {
        var result: [Float]
        switch layer.kind {
        case .input, .flatten, .reshape, .dropout:
            result = inputs[0]
        case .dense(let dense):
            result = denseOutput(units: dense.units, input: inputs[0], kernel: layer.weights[0].tensor.values,
                                 bias: dense.useBias ? layer.weights[1].tensor.values : nil)
        case .convolution(let conv) where PatchMatrix.handles(conv):
            result = PatchMatrix.convolution(conv, input: inputs[0], inputShape: inputShapes[0], outputShape: layer.outputShape,
                                             kernel: layer.weights[0].tensor.values, bias: conv.useBias ? layer.weights[1].tensor.values : nil)
        case .convolution(let conv):
            result = SpatialKernels.convolution(conv, input: inputs[0], inputShape: inputShapes[0], outputShape: layer.outputShape,
                                                kernel: layer.weights[0].tensor.values, bias: conv.useBias ? layer.weights[1].tensor.values : nil)
        case .batchNormalization(let norm):
            result = batchNormalization(norm, layer: layer, input: inputs[0], shape: inputShapes[0])
        case .activation(let activation):
            result = inputs[0]
            ActivationFunctions.apply(activation, to: &result, lastAxis: inputShapes[0].last ?? 1)
        case .relu(let relu) where relu.maxValue == nil:
            // `value(at:)` without the optional maximum, its attributes hoisted out of the loop.
            let (threshold, slope) = (relu.threshold, relu.negativeSlope)
            result = inputs[0].map { $0 > threshold ? $0 : slope * ($0 - threshold) }
        case .relu(let relu):
            result = inputs[0].map(relu.value(at:))
        case .leakyReLU(let alpha):
            result = inputs[0].map { $0 >= 0 ? $0 : alpha * $0 }
        case .prelu:
            let alpha = layer.weights[0].tensor
            let shape = inputShapes[0]
            result = inputs[0].enumerated().map { index, x in
                x >= 0 ? x : x * alpha.values[broadcastIndex(index, from: shape, to: alpha.shape)]
            }
        case .softmax(let axis):
            result = inputs[0]
            let shape = inputShapes[0]
            let position = axis < 0 ? shape.count + axis : axis - 1
            ActivationFunctions.softmax(&result, axisLength: shape[position], stride: shape[(position + 1)...].reduce(1, *))
        case .pooling(let pool):
            result = SpatialKernels.pooling(pool, input: inputs[0], inputShape: inputShapes[0], outputShape: layer.outputShape)
        case .globalPooling(let operation, _, _):
            result = SpatialKernels.globalPooling(operation, input: inputs[0], positions: inputShapes[0].dropLast().reduce(1, *),
                                                  channels: inputShapes[0].last!)
        case .merge(let operation):
            result = merge(operation, inputs)
        case .concatenate(let axis):
            result = concatenate(inputs, shapes: inputShapes, axis: axis)
        case .zeroPadding(let rank, let padding):
            result = SpatialKernels.zeroPadding(rank: rank, padding: padding, input: inputs[0], inputShape: inputShapes[0], outputShape: layer.outputShape)
        case .upSampling(let rank, let size):
            result = SpatialKernels.upSampling(rank: rank, size: size, input: inputs[0], inputShape: inputShapes[0], outputShape: layer.outputShape)
        case .permute(let dims):
            result = permute(inputs[0], shape: inputShapes[0], dims: dims)
        }
        if let activation = layer.activation {
            ActivationFunctions.apply(activation, to: &result, lastAxis: layer.outputShape.last ?? 1)
        }
        return result
    }

    /// The values of C-order arrays of `shape` (one sample after another) with their axes reordered
    /// (output axis i = input axis dims[i] − 1).
    public static func permute(_ input: [Float], shape: [Int], dims: [Int]) -> [Float] {
        let sampleSize = shape.reduce(1, *)
        let outputShape = [sampleSize == 0 ? 0 : input.count / sampleSize] + dims.map { shape[$0 - 1] }
        var inputStrides = Array(repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) { inputStrides[axis] = inputStrides[axis + 1] * shape[axis + 1] }
        let strides = [sampleSize] + dims.map { inputStrides[$0 - 1] }
        var output = [Float](repeating: 0, count: input.count)
        var index = Array(repeating: 0, count: outputShape.count)
        for position in output.indices {
            var source = 0
            for axis in index.indices { source += index[axis] * strides[axis] }
            output[position] = input[source]
            var axis = index.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < outputShape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return output
    }

    /// `x·W + b` over the last axis (rows of `input` are the other axes flattened, or the samples
    /// of a batch): one matrix product, the bias as its starting value.
    package static func denseOutput(units: Int, input: [Float], kernel: [Float], bias: [Float]?) -> [Float] {
        let inputs = kernel.count / units
        let rows = input.count / inputs
        var output = [Float](repeating: 0, count: rows * units)
        if let bias {
            output.withUnsafeMutableBufferPointer { out in
                for row in 0..<rows { _ = UnsafeMutableBufferPointer(rebasing: out[row * units..<(row + 1) * units]).update(fromContentsOf: bias) }
            }
        }
        MatrixProduct.multiply(input, kernel, into: &output, rows: rows, columns: units, depth: inputs, accumulating: bias != nil)
        return output
    }

    private static func batchNormalization(_ norm: BatchNormalizationAttributes, layer: Layer, input: [Float], shape: [Int]) -> [Float] {
        let axis = norm.axis < 0 ? shape.count + norm.axis : norm.axis - 1
        let size = shape[axis]
        let stride = shape[(axis + 1)...].reduce(1, *)
        let gamma = layer.weight("gamma")?.tensor.values
        let beta = layer.weight("beta")?.tensor.values
        let mean = layer.weight("moving_mean")!.tensor.values
        let variance = layer.weight("moving_variance")!.tensor.values
        let scale = (0..<size).map { (gamma?[$0] ?? 1) / (variance[$0] + norm.epsilon).squareRoot() }
        return input.enumerated().map { index, x in
            let channel = (index / stride) % size
            return (x - mean[channel]) * scale[channel] + (beta?[channel] ?? 0)
        }
    }

    /// The index into a tensor of shape `target` (each dimension equal to `from`'s or 1) that
    /// broadcasting maps `index` of shape `from` to.
    public static func broadcastIndex(_ index: Int, from shape: [Int], to target: [Int]) -> Int {
        var remainder = index
        var result = 0
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            let coordinate = remainder % shape[axis]
            remainder /= shape[axis]
            if target[axis] != 1 { result += coordinate * step }
            step *= target[axis]
        }
        return result
    }

    private static func merge(_ operation: MergeOperation, _ inputs: [[Float]]) -> [Float] {
        var result = inputs[0]
        for other in inputs.dropFirst() {
            for index in result.indices {
                switch operation {
                case .add, .average: result[index] += other[index]
                case .subtract: result[index] -= other[index]
                case .multiply: result[index] *= other[index]
                case .maximum: result[index] = max(result[index], other[index])
                case .minimum: result[index] = min(result[index], other[index])
                }
            }
        }
        if operation == .average { for index in result.indices { result[index] /= Float(inputs.count) } }
        return result
    }

    static func concatenate(_ inputs: [[Float]], shapes: [[Int]], axis: Int) -> [Float] {
        let rank = shapes[0].count
        let position = axis < 0 ? rank + axis : axis - 1
        let chunks = shapes.map { $0[position...].reduce(1, *) }
        // The blocks before the axis, over every sample.
        let outer = chunks[0] == 0 ? 0 : inputs[0].count / chunks[0]
        var result: [Float] = []
        result.reserveCapacity(inputs.reduce(0) { $0 + $1.count })
        for block in 0..<outer {
            for (input, chunk) in zip(inputs, chunks) { result += input[block * chunk..<(block + 1) * chunk] }
        }
        return result
    }
}
