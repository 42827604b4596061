import Foundation

/// Dense layers' forward and backward passes for a batch, rows split over the cores.
extension Backpropagation {
    /// `x·W + b` for a batch, rows split over the cores.
    static func denseForward(_ x: [Float], kernel: [Float], bias: [Float]?, units: Int) -> [Float] {
        let fanIn = kernel.count / units
        let rows = x.count / fanIn
        var z = [Float](repeating: 0, count: rows * units)
        let chunks = min(rows, ProcessInfo.processInfo.activeProcessorCount)
        z.withUnsafeMutableBufferPointer { out in
            let output = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { xs in
                kernel.withUnsafeBufferPointer { w in
                    let (xp, wp) = (SendablePointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SendablePointer(UnsafeMutablePointer(mutating: w.baseAddress!)))
                    DispatchQueue.concurrentPerform(iterations: max(chunks, 1)) { chunk in
                        for row in stride(from: chunk, to: rows, by: max(chunks, 1)) {
                            let zr = output.pointer + row * units
                            if let bias { for unit in 0..<units { zr[unit] = bias[unit] } }
                            for input in 0..<fanIn {
                                let value = xp.pointer[row * fanIn + input]
                                if value == 0 { continue }
                                let wr = wp.pointer + input * units
                                for unit in 0..<units { zr[unit] += value * wr[unit] }
                            }
                        }
                    }
                }
            }
        }
        return z
    }

    /// Gradients of a Dense layer for a batch: kernel and bias (summed over rows), and the input's
    /// when `needsInput`; rows split over the cores, each with its own partial sums.
    static func denseBackward(_ x: [Float], kernel: [Float], gradient: [Float], units: Int, needsInput: Bool)
        -> (kernel: [Float], bias: [Float], input: [Float]) {
        let fanIn = kernel.count / units
        let rows = x.count / fanIn
        let chunks = max(1, min(rows, ProcessInfo.processInfo.activeProcessorCount))
        // Partial sums per chunk in one scratch buffer: chunk c owns [c·(P + units), (c+1)·(P + units)).
        let stride = kernel.count + units
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: chunks * stride)
        scratch.initialize(repeating: 0, count: chunks * stride)
        defer { scratch.deallocate() }
        var toInput = [Float](repeating: 0, count: needsInput ? x.count : 0)
        x.withUnsafeBufferPointer { xs in
            kernel.withUnsafeBufferPointer { w in
                gradient.withUnsafeBufferPointer { g in
                    toInput.withUnsafeMutableBufferPointer { dx in
                        let pointers = (SendablePointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SendablePointer(UnsafeMutablePointer(mutating: w.baseAddress!)),
                                        SendablePointer(UnsafeMutablePointer(mutating: g.baseAddress!)), needsInput ? dx.baseAddress.map { SendablePointer($0) } : nil,
                                        SendablePointer(scratch))
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let dw = pointers.4.pointer + chunk * stride
                            let db = dw + kernel.count
                            for row in Swift.stride(from: chunk, to: rows, by: chunks) {
                                let gr = pointers.2.pointer + row * units
                                let xr = pointers.0.pointer + row * fanIn
                                for unit in 0..<units { db[unit] += gr[unit] }
                                for input in 0..<fanIn {
                                    let value = xr[input]
                                    let wr = pointers.1.pointer + input * units
                                    let dwr = dw + input * units
                                    var sum: Float = 0
                                    for unit in 0..<units {
                                        dwr[unit] += value * gr[unit]
                                        sum += wr[unit] * gr[unit]
                                    }
                                    if let dxp = pointers.3 { dxp.pointer[row * fanIn + input] = sum }
                                }
                            }
                        }
                    }
                }
            }
        }
        var dKernel = Array(UnsafeBufferPointer(start: scratch, count: kernel.count))
        var dBias = Array(UnsafeBufferPointer(start: scratch + kernel.count, count: units))
        for chunk in 1..<chunks {
            let base = scratch + chunk * stride
            for index in dKernel.indices { dKernel[index] += base[index] }
            for index in dBias.indices { dBias[index] += base[kernel.count + index] }
        }
        return (dKernel, dBias, toInput)
    }
}
