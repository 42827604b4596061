import FixedPoint

/// The order in which `nnet::dense_resource` adds the products into the accumulators: the kernel
/// chosen by how the reuse factor compares with the number of inputs, followed index for index
/// (the reuse factor must be one hls4ml accepts: at most n_in, or a multiple of it). Weight index `w` addresses the transposed kernel (input `w % n_in`, output
/// `w / n_in`); the data index is the kernel's own counter.
struct ResourceOrder {
    let inputs: Int
    let outputs: Int
    let reuseFactor: Int

    /// Adds `product(dataIndex, w)` (already in `format`) into the accumulators, each sum converted
    /// to `format`, in the kernel's order.
    func accumulate(into accumulators: inout [Int128], format: FixedPointFormat, product: (Int, Int) -> Int128) {
        let total = inputs * outputs
        let blockFactor = (total + reuseFactor - 1) / reuseFactor
        let multiplierLimit = (total + min(inputs, reuseFactor) - 1) / min(inputs, reuseFactor)
        func add(_ sum: Int128, _ value: Int128) -> Int128 { format.converting(sum + value, from: format) }
        if reuseFactor <= inputs {
            // dense_resource_rf_leq_nin: each cycle walks the outputs, multscale products each.
            let multscale = multiplierLimit / outputs
            for cycle in 0..<reuseFactor {
                var (w, data, output, step) = (cycle, cycle, 0, 0)
                for _ in 0..<blockFactor {
                    accumulators[output] = add(accumulators[output], product(data, w))
                    w += reuseFactor
                    data += reuseFactor
                    if data >= inputs { data = cycle }
                    if step + 1 >= multscale {
                        step = 0
                        output += 1
                    } else {
                        step += 1
                    }
                }
            }
        } else {
            // dense_resource_rf_gt_nin_rem0 (hls4ml accepts a reuse factor above n_in only as a
            // multiple of it, so its third kernel, rf_gt_nin, is never used): one input per cycle,
            // outputs in steps of RF / n_in.
            let cycles = min(reuseFactor, total)
            let outputStep = cycles / inputs
            var data = 0
            for cycle in 0..<cycles {
                var (w, output) = (cycle, cycle / inputs)
                for _ in 0..<blockFactor {
                    accumulators[output] = add(accumulators[output], product(data, w))
                    w += cycles
                    if w >= total { break }
                    output += outputStep
                }
                data = data + 1 >= inputs ? 0 : data + 1
            }
        }
    }
}
