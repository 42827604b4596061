/// Output shapes and expected weight shapes of each layer kind (batch dimension left out,
/// channels last, as Keras computes them).
enum ShapeInference {
    /// The layer's output shape; an error for attributes no layer can have (windows, strides,
    /// dilations or factors below 1, negative padding) and for shapes whose element count
    /// overflows `Int`, which only a damaged file declares.
    static func outputShape(of layer: Layer, inputShapes: [[Int]]) throws -> [Int] {
        let shape = try uncheckedOutputShape(of: layer, inputShapes: inputShapes)
        guard shape.allSatisfy({ $0 >= 0 }), shape.checkedProduct != nil else {
            throw GraphError(layer: layer.name, "its output shape \(shape) is negative or holds more elements than can be counted")
        }
        return shape
    }

    private static func uncheckedOutputShape(of layer: Layer, inputShapes: [[Int]]) throws -> [Int] {
        func fail(_ message: String) -> GraphError { GraphError(layer: layer.name, message) }
        func product(_ factors: [Int]) throws -> Int {
            guard let product = factors.checkedProduct else { throw fail("the element count of \(factors) overflows") }
            return product
        }
        func atLeastOne(_ values: [Int], _ what: String, count: Int) throws {
            guard values.count == count, values.allSatisfy({ $0 >= 1 }) else { throw fail("\(what) \(values) must be \(count) values of at least 1") }
        }
        func single() throws -> [Int] {
            guard inputShapes.count == 1 else { throw fail("expects one input, has \(inputShapes.count)") }
            return inputShapes[0]
        }
        func spatial(_ input: [Int], rank: Int) throws -> [Int] {
            guard rank >= 1, input.count == rank + 1 else {
                throw fail("expects a rank-\(rank + 1) input (\(rank) spatial dimensions and channels), got shape \(input)")
            }
            return Array(input.prefix(rank))
        }

        switch layer.kind {
        case .input(let shape):
            guard inputShapes.isEmpty else { throw fail("an input layer takes no inputs") }
            guard shape.allSatisfy({ $0 > 0 }) else { throw fail("input shape \(shape) has unknown or empty dimensions; fixed sizes are required") }
            return shape

        case .dense(let dense):
            let input = try single()
            guard !input.isEmpty else { throw fail("Dense needs an input of rank 1 or more") }
            return input.dropLast() + [dense.units]

        case .convolution(let conv):
            let input = try single()
            let sizes = try spatial(input, rank: conv.rank)
            guard conv.groups >= 1, input[conv.rank] % conv.groups == 0, conv.filters % conv.groups == 0 else {
                throw fail("\(conv.groups) groups must divide both the \(input[conv.rank]) input channels and the \(conv.filters) filters")
            }
            try atLeastOne(conv.kernelSize, "kernel size", count: conv.rank)
            try atLeastOne(conv.strides, "strides", count: conv.rank)
            try atLeastOne(conv.dilation, "dilation rate", count: conv.rank)
            let out = try (0..<conv.rank).map { axis in
                try windowOutput(size: sizes[axis], window: try product([conv.kernelSize[axis] - 1, conv.dilation[axis]]) + 1,
                                 stride: conv.strides[axis], padding: conv.padding, fail)
            }
            return out + [conv.isDepthwise ? try product([input[conv.rank], conv.filters]) : conv.filters]

        case .pooling(let pool):
            let input = try single()
            let sizes = try spatial(input, rank: pool.rank)
            try atLeastOne(pool.poolSize, "pool size", count: pool.rank)
            try atLeastOne(pool.strides, "strides", count: pool.rank)
            let out = try (0..<pool.rank).map { axis in
                try windowOutput(size: sizes[axis], window: pool.poolSize[axis], stride: pool.strides[axis], padding: pool.padding, fail)
            }
            return out + [input[pool.rank]]

        case .globalPooling(_, let rank, let keep):
            let input = try single()
            _ = try spatial(input, rank: rank)
            return keep ? Array(repeating: 1, count: rank) + [input[rank]] : [input[rank]]

        case .batchNormalization, .activation, .relu, .leakyReLU, .prelu, .softmax, .dropout:
            return try single()

        case .flatten:
            return [try product(try single())]

        case .reshape(let target):
            let input = try single()
            let total = try product(input)
            guard target.allSatisfy({ $0 >= 1 || $0 == -1 }) else { throw fail("cannot reshape to \(target): sizes must be at least 1, or -1") }
            let known = try product(target.filter { $0 != -1 })
            let unknown = target.filter { $0 == -1 }.count
            guard unknown <= 1, known > 0, unknown == 1 ? total % known == 0 : total == known else {
                throw fail("cannot reshape \(input) (\(total) values) to \(target)")
            }
            return target.map { $0 == -1 ? total / known : $0 }

        case .merge(let operation):
            guard inputShapes.count >= 2 else { throw fail("\(operation.rawValue) needs at least two inputs, has \(inputShapes.count)") }
            guard operation != .subtract || inputShapes.count == 2 else { throw fail("subtract needs exactly two inputs") }
            guard inputShapes.allSatisfy({ $0 == inputShapes[0] }) else {
                throw fail("\(operation.rawValue) needs inputs of one shape, got \(inputShapes.map { "\($0)" }.joined(separator: ", "))")
            }
            return inputShapes[0]

        case .concatenate(let axis):
            guard inputShapes.count >= 2 else { throw fail("Concatenate needs at least two inputs") }
            let rank = inputShapes[0].count
            let position = axis < 0 ? rank + axis : axis - 1
            guard position >= 0, position < rank,
                  inputShapes.allSatisfy({ $0.count == rank && zip($0, inputShapes[0]).enumerated().allSatisfy { $0.offset == position || $0.element.0 == $0.element.1 } })
            else { throw fail("cannot concatenate shapes \(inputShapes.map { "\($0)" }.joined(separator: ", ")) along axis \(axis)") }
            var shape = inputShapes[0]
            shape[position] = try inputShapes.reduce(0) { total, shape in
                guard case (let sum, false) = total.addingReportingOverflow(shape[position]) else { throw fail("the concatenated size overflows") }
                return sum
            }
            return shape

        case .zeroPadding(let rank, let padding):
            let input = try single()
            let sizes = try spatial(input, rank: rank)
            guard padding.count == rank, padding.allSatisfy({ $0.count == 2 && $0.allSatisfy { (0...Int(Int32.max)).contains($0) } }) else {
                throw fail("padding \(padding) must be \(rank) pairs of sizes from 0 to 2^31")
            }
            return (0..<rank).map { sizes[$0] + padding[$0][0] + padding[$0][1] } + [input[rank]]

        case .upSampling(let rank, let size):
            let input = try single()
            let sizes = try spatial(input, rank: rank)
            try atLeastOne(size, "up-sampling factors", count: rank)
            return try (0..<rank).map { try product([sizes[$0], size[$0]]) } + [input[rank]]

        case .permute(let dims):
            let input = try single()
            guard dims.count == input.count, Set(dims) == Set(1..<input.count + 1) else {
                throw fail("Permute dims \(dims) are not a permutation of the axes 1…\(input.count) of \(input)")
            }
            return dims.map { input[$0 - 1] }
        }
    }

    /// The output length of a sliding window, as Keras computes it.
    private static func windowOutput(size: Int, window: Int, stride: Int, padding: Padding, _ fail: (String) -> GraphError) throws -> Int {
        let out: Int
        switch padding {
        case .valid: out = size >= window ? (size - window) / stride + 1 : 0
        case .same, .causal: out = (size + stride - 1) / stride
        }
        guard out > 0 else { throw fail("a window of \(window) does not fit an input of size \(size)") }
        return out
    }

    /// The shape each weight must have, in ``LayerKind/weightNames`` order.
    static func expectedWeightShapes(of layer: Layer, inputShapes: [[Int]]) -> [[Int]] {
        guard let input = inputShapes.first, let channels = input.last else { return [] }
        switch layer.kind {
        case .dense(let dense):
            return [[channels, dense.units]] + (dense.useBias ? [[dense.units]] : [])
        case .convolution(let conv):
            let outputChannels = conv.isDepthwise ? channels * conv.filters : conv.filters
            return [conv.kernelSize + [channels / max(conv.groups, 1), conv.filters]] + (conv.useBias ? [[outputChannels]] : [])
        case .batchNormalization(let norm):
            let axis = norm.axis < 0 ? input.count + norm.axis : norm.axis - 1
            let size = axis >= 0 && axis < input.count ? input[axis] : -1
            return Array(repeating: [size], count: layer.kind.weightNames.count)
        case .prelu(let shared):
            return [input.enumerated().map { shared.contains($0.offset + 1) ? 1 : $0.element }]
        default:
            return []
        }
    }

    static func checkWeights(of layer: Layer, inputShapes: [[Int]]) throws {
        let names = layer.kind.weightNames
        guard layer.weights.map(\.name) == names else {
            throw GraphError(layer: layer.name, "has weights [\(layer.weights.map(\.name).joined(separator: ", "))], expected [\(names.joined(separator: ", "))]")
        }
        for (weight, shape) in zip(layer.weights, expectedWeightShapes(of: layer, inputShapes: inputShapes)) where weight.tensor.shape != shape {
            throw GraphError(layer: layer.name, "weight '\(weight.name)' has shape \(weight.tensor.shape), expected \(shape) from the layer's configuration")
        }
    }
}
