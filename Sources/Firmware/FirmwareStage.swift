import FixedPoint

/// One function call of the generated `myproject.cpp`: reads the previous stage's array (raw
/// values of its format) and writes its own.
protocol FirmwareStage: Sendable {
    /// The hls4ml layer this stage emulates (`fc1`, `fc1_relu`, `softmax`).
    var name: String { get }
    /// The format of the values it writes (its `result_t`).
    var output: FixedPointFormat { get }
    /// The output for one sample's input, both as raw values.
    func run(_ input: [Int128]) -> [Int128]
}
