import ModelIR

/// Seeded shapes for the tests that compare a window layer's batched kernel or gradient with its
/// per-sample form: rank, padding, stride and seed per case, and Keras's output length.
///
/// ```swift
/// var generator = SeededGenerator(seed: WindowShapes.cases[0].seed)
/// let spatial = WindowShapes.cases[0].spatialSizes(using: &generator)   // e.g. [7, 5]
/// ```
public enum WindowShapes {
    public struct Case: Sendable {
        public let rank: Int
        public let padding: Padding
        public let stride: Int
        public let seed: UInt64

        /// Random spatial sizes of an input, 5 to 9 per axis.
        public func spatialSizes(using generator: inout SeededGenerator) -> [Int] {
            (0..<rank).map { _ in Int.random(in: 5...9, using: &generator) }
        }

        /// Random window (kernel, pool or up-sampling) sizes, 1 to 3 per axis.
        public func windowSizes(using generator: inout SeededGenerator) -> [Int] {
            (0..<rank).map { _ in Int.random(in: 1...3, using: &generator) }
        }
    }

    /// Odd sizes, strides 1 to 3, valid and same padding, ranks 1 and 2.
    public static let cases: [Case] = [
        Case(rank: 2, padding: .valid, stride: 1, seed: 1), Case(rank: 2, padding: .same, stride: 2, seed: 2),
        Case(rank: 2, padding: .same, stride: 3, seed: 3), Case(rank: 1, padding: .valid, stride: 2, seed: 4),
        Case(rank: 1, padding: .same, stride: 1, seed: 5), Case(rank: 2, padding: .valid, stride: 2, seed: 6),
    ]

    /// Keras's output length along one axis (`same` and `causal` pad to ⌈input / stride⌉).
    public static func outputLength(_ input: Int, kernel: Int, stride: Int, dilation: Int = 1, padding: Padding) -> Int {
        let extent = (kernel - 1) * dilation + 1
        return padding == .valid ? (input - extent) / stride + 1 : (input + stride - 1) / stride
    }
}
