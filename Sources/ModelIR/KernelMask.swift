extension Array where Element == Float {
    /// These kernel values held by a pruning mask: `W ⊙ mask + offset`, value by value. `offsets`
    /// is empty when every offset is 0 (no group of the layer is shared), which saves a second
    /// kernel-sized array per layer; `+ 0` is still added, so a removed negative weight becomes
    /// +0, as with a zero offset.
    ///
    /// ```swift
    /// [2, -3].masked(by: [1, 0], offsets: [])        // [2, 0]
    /// [2, -3].masked(by: [1, 0], offsets: [0, 0.5])  // [2, 0.5]
    /// ```
    package func masked(by mask: [Float], offsets: [Float]) -> [Float] {
        precondition(mask.count == count && (offsets.isEmpty || offsets.count == count), "mask and offsets must match the kernel")
        if offsets.isEmpty { return zip(self, mask).map { $0 * $1 + 0 } }
        return zip(self, zip(mask, offsets)).map { $0 * $1.0 + $1.1 }
    }
}
