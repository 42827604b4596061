import ModelIR

/// Mini-batch training of a graph, optionally with pruning masks held in place (hls4ml's
/// `MaskedBackprop`): kernel gradients are multiplied by the mask, and after every step the kernel
/// is set to `W ⊙ mask + offset`, so pruned weights stay zero (or at their shared value).
public struct Trainer {
    public var graph: Graph
    public var optimizer: any Optimizer
    public var loss: Loss
    /// Per layer: the kernel mask (1 = trainable) and offsets (empty when all are 0).
    public var masks: [String: (mask: [Float], offset: [Float])] = [:]
    /// Structured penalties added to the loss (hls4ml's regularizers).
    public var groupPenalties: [GroupPenalty] = []

    public init(graph: Graph, optimizer: any Optimizer, loss: Loss) {
        self.graph = graph
        self.optimizer = optimizer
        self.loss = loss
    }

    /// Trains for `epochs` passes over the data in shuffled batches (seeded) and returns each
    /// epoch's mean batch loss. `inputs` and `labels` hold `count` samples each, row-major.
    ///
    /// - Parameters:
    ///   - progress: called after every epoch with its number (from 1) and mean loss.
    ///   - batchProgress: called after every batch with the epoch's number, the batches done and
    ///     the epoch's batch count.
    public mutating func fit(inputs: [Float], labels: [Float], count: Int, epochs: Int, batchSize: Int, seed: UInt64,
                             progress: (Int, Double) -> Void = { _, _ in },
                             batchProgress: (_ epoch: Int, _ done: Int, _ batches: Int) -> Void = { _, _, _ in }) throws -> [Double] {
        let inputWidth = inputs.count / count
        let labelWidth = labels.count / count
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        var history: [Double] = []
        for epoch in 0..<epochs {
            order.shuffle(using: &generator)
            var total = 0.0
            var batches = 0
            for start in stride(from: 0, to: count, by: batchSize) {
                let members = order[start..<min(count, start + batchSize)]
                let x = Self.rows(members, of: inputs, width: inputWidth)
                let y = Self.rows(members, of: labels, width: labelWidth)
                let result = try Backpropagation(graph: graph).step(inputs: x, labels: y, loss: loss, groupPenalties: groupPenalties,
                                                                    dropoutSeed: generator.next())
                var gradients = result.gradients
                for (layer, held) in masks {
                    guard let gradient = gradients[layer]?["kernel"] else { continue }
                    gradients[layer]?["kernel"] = zip(gradient, held.mask).map { $0 * $1 }
                }
                try optimizer.step(&graph, gradients: gradients)
                try applyMasks()
                try updateMovingStatistics(result.statistics)
                total += result.loss
                batches += 1
                batchProgress(epoch + 1, batches, (count + batchSize - 1) / batchSize)
            }
            history.append(total / Double(max(batches, 1)))
            progress(epoch + 1, history.last!)
        }
        return history
    }

    /// The rows `members` of the row-major `values` (`width` values a row), in that order. (Appending
    /// slices one by one copied all of `values` on every batch: a tenth of a jet MLP epoch.)
    static func rows(_ members: ArraySlice<Int>, of values: [Float], width: Int) -> [Float] {
        var result = [Float](repeating: 0, count: members.count * width)
        guard width > 0 else { return result }
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (row, member) in members.enumerated() {
                    (target.baseAddress! + row * width).update(from: source.baseAddress! + member * width, count: width)
                }
            }
        }
        return result
    }

    /// Keras's moving averages of BatchNormalization: `moving = moving·momentum + batch·(1 − momentum)`.
    public mutating func updateMovingStatistics(_ statistics: Backpropagation.BatchStatistics) throws {
        for (name, batch) in statistics {
            guard let layer = graph.layer(named: name), case .batchNormalization(let norm) = layer.kind else { continue }
            for (weight, values) in [("moving_mean", batch.mean), ("moving_variance", batch.variance)] {
                let moving = layer.weight(weight)!.tensor.values
                try graph.setValues(zip(moving, values).map { $0 * norm.momentum + $1 * (1 - norm.momentum) }, ofWeight: weight, inLayer: name)
            }
        }
    }

    /// Sets every masked kernel to `W ⊙ mask + offset`.
    public mutating func applyMasks() throws {
        for (layer, held) in masks {
            guard let kernel = graph.layer(named: layer)?.weight("kernel")?.tensor.values else { continue }
            try graph.setValues(kernel.masked(by: held.mask, offsets: held.offset), ofWeight: "kernel", inLayer: layer)
        }
    }
}
