import Inference
import ModelIR

/// Physically removes all-zero Dense neurons and Conv filters (hls4ml's `reduce_model`, §1.10),
/// keeping the model's function.
///
/// A neuron (filter) whose kernel column is zero outputs its activated bias everywhere. hls4ml
/// deletes it even when that constant is not zero, which changes the function; we fold the constant,
/// carried through the channel-wise layers in between (activations, BatchNormalization, pooling,
/// dropout, flatten), into the bias of the next Dense or Conv layer, and remove the matching
/// BatchNormalization entries and input rows of that layer. A unit stays when that is not exact:
/// its output feeds several layers, a merge, a reshape, a softmax or zero padding with a non-zero
/// constant, a convolution with padding (its borders see the constant only partly) or a layer
/// without bias. As in hls4ml, the last layer with a kernel is never reduced, and one unit of a
/// layer always stays.
public struct Reduction: Sendable {
    /// The reduced model.
    public var graph: Graph
    /// The output units (neurons or filters) removed from each layer, by their original index.
    public var removedUnits: [String: [Int]]

    public init(_ graph: Graph) throws {
        var layers = graph.layers
        var removed: [String: [Int]] = [:]
        let lastWeighted = layers.lastIndex { $0.weight("kernel") != nil }
        var consumers: [String: [Int]] = [:]
        for (index, layer) in layers.enumerated() {
            for input in layer.inputs { consumers[input, default: []].append(index) }
        }
        for index in layers.indices where index != lastWeighted && Self.isReducible(layers[index]) {
            guard let path = Self.path(from: index, layers: layers, consumers: consumers, outputs: graph.outputs) else { continue }
            let units = Self.removableUnits(of: index, along: path, layers: layers)
            guard !units.isEmpty else { continue }
            try Self.remove(units, from: index, along: path, layers: &layers)
            removed[layers[index].name] = units.map(\.unit)
        }
        self.graph = try Graph(name: graph.name, layers: layers, inputs: graph.inputs, outputs: graph.outputs)
        removedUnits = removed
    }

    private static func isReducible(_ layer: Layer) -> Bool {
        switch layer.kind {
        case .dense: true
        case .convolution(let conv): !conv.isDepthwise && conv.groups == 1
        default: false
        }
    }

    /// The channel-wise layers between a reducible layer and the Dense/Conv layer that consumes it.
    private struct Path {
        var between: [Int]
        var consumer: Int
        /// The position in `between` of a Flatten, after which channel j is spread over rows s·C + j.
        var flatten: Int?
    }

    private static func path(from start: Int, layers: [Layer], consumers: [String: [Int]], outputs: [String]) -> Path? {
        var between: [Int] = []
        var flatten: Int?
        var current = start
        while true {
            let name = layers[current].name
            guard !outputs.contains(name), let next = consumers[name], next.count == 1 else { return nil }
            let layer = layers[next[0]]
            guard layer.inputs.count == 1 else { return nil }
            if isReducible(layer) { return Path(between: between, consumer: next[0], flatten: flatten) }
            switch layer.kind {
            case .activation, .relu, .leakyReLU, .dropout: break
            case .flatten:
                guard flatten == nil else { return nil }
                flatten = between.count
            case .prelu, .batchNormalization, .pooling, .globalPooling, .upSampling, .zeroPadding:
                // Channel-wise only while channels are the last axis, i.e. before a Flatten.
                guard flatten == nil else { return nil }
            default: return nil
            }
            between.append(next[0])
            current = next[0]
        }
    }

    /// A removable unit and the constant its channel holds at the consumer's input.
    private struct Unit {
        var unit: Int
        var constant: Float
    }

    private static func removableUnits(of index: Int, along path: Path, layers: [Layer]) -> [Unit] {
        let layer = layers[index]
        let kernel = layer.weight("kernel")!.tensor
        let channels = kernel.shape.last!
        let bias = layer.weight("bias")?.tensor.values
        let consumer = layers[path.consumer]
        let consumerHasBias = consumer.weight("bias") != nil
        var padded = false
        if case .convolution(let conv) = consumer.kind { padded = conv.padding != .valid }
        var zero = Array(repeating: true, count: channels)
        for (position, value) in kernel.values.enumerated() where value != 0 { zero[position % channels] = false }
        var units: [Unit] = []
        for unit in 0..<channels where zero[unit] {
            guard var constant = ChannelConstant.activated(bias?[unit] ?? 0, by: layer.activation) else { continue }
            var known = true
            for step in path.between {
                guard let next = ChannelConstant.output(of: layers[step], channel: unit, channels: channels, input: constant) else {
                    known = false
                    break
                }
                constant = next
            }
            guard known, constant == 0 || (consumerHasBias && !padded) else { continue }
            units.append(Unit(unit: unit, constant: constant))
        }
        return units.count == channels ? Array(units.dropFirst()) : units
    }

    private static func remove(_ units: [Unit], from index: Int, along path: Path, layers: inout [Layer]) throws {
        let channels = layers[index].weight("kernel")!.tensor.shape.last!
        let gone = Set(units.map(\.unit))
        // The consumer first, while the shapes on the way still have every channel.
        let consumer = layers[path.consumer]
        let kernel = consumer.weight("kernel")!.tensor
        let outputs = kernel.shape.last!
        let inputAxis = kernel.shape.count - 2
        let inputLength = kernel.shape[inputAxis]
        // Kernel input rows that carry channel j: j itself, or s·C + j after a Flatten.
        let spread = path.flatten == nil ? 1 : inputLength / channels
        var rowsOfChannel: [Int: [Int]] = [:]
        for unit in units { rowsOfChannel[unit.unit] = (0..<spread).map { $0 * channels + unit.unit } }
        if consumer.weight("bias") != nil {
            var bias = consumer.weight("bias")!.tensor.values
            let taps = kernel.shape.dropLast(2).reduce(1, *)
            for unit in units where unit.constant != 0 {
                for row in rowsOfChannel[unit.unit]! {
                    for tap in 0..<taps {
                        let base = (tap * inputLength + row) * outputs
                        for output in 0..<outputs { bias[output] += unit.constant * kernel.values[base + output] }
                    }
                }
            }
            set(&layers[path.consumer], "bias", Tensor(shape: [outputs], values: bias, storedType: consumer.weight("bias")!.tensor.storedType))
        }
        let rows = Set(rowsOfChannel.values.joined())
        set(&layers[path.consumer], "kernel", kernel.removing(rows, alongAxis: inputAxis))
        // The channel-wise layers on the way.
        for step in path.between {
            for weight in layers[step].weights where weight.tensor.shape.last == channels && weight.tensor.count == channels {
                set(&layers[step], weight.name, weight.tensor.removing(gone, alongAxis: weight.tensor.shape.count - 1))
            }
        }
        // The layer itself.
        for weight in layers[index].weights {
            set(&layers[index], weight.name, weight.tensor.removing(gone, alongAxis: weight.tensor.shape.count - 1))
        }
        switch layers[index].kind {
        case .dense(var dense):
            dense.units -= gone.count
            layers[index].kind = .dense(dense)
        case .convolution(var conv):
            conv.filters -= gone.count
            layers[index].kind = .convolution(conv)
        default: break
        }
    }

    private static func set(_ layer: inout Layer, _ name: String, _ tensor: Tensor) {
        guard let position = layer.weights.firstIndex(where: { $0.name == name }) else { return }
        layer.weights[position].tensor = tensor
    }
}

extension Tensor {
    /// The tensor without the given indices along `axis`.
    func removing(_ indices: Set<Int>, alongAxis axis: Int) -> Tensor {
        let length = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        let kept = (0..<length).filter { !indices.contains($0) }
        var result: [Float] = []
        result.reserveCapacity(outer * kept.count * inner)
        for block in 0..<outer {
            for index in kept {
                let start = (block * length + index) * inner
                result += values[start..<start + inner]
            }
        }
        var newShape = shape
        newShape[axis] = kept.count
        return Tensor(shape: newShape, values: result, storedType: storedType)
    }
}
