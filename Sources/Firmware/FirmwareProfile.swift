import FixedPoint

/// The values one firmware layer wrote over a set of samples, against the range of its type: what
/// hls4ml's profiling plots show, as numbers.
///
/// ```swift
/// for layer in firmware.profile(samples, count: 200) {
///     print(layer.name, layer.type, layer.minimum, layer.maximum, layer.valuesAtLimits, layer.unusedIntegerBits)
/// }
/// ```
public struct FirmwareLayerProfile: Sendable, Equatable {
    /// The hls4ml layer (`input_1`, `fc1`, `fc1_relu`, `softmax`).
    public var name: String
    /// Its result type, as C++ (`ap_fixed<16,6>`).
    public var type: String
    /// The smallest and largest values written.
    public var minimum: Double
    public var maximum: Double
    /// The smallest and largest values the type holds.
    public var typeMinimum: Double
    public var typeMaximum: Double
    /// Values written, and how many of them were the type's smallest or largest value (saturated,
    /// or at the edge of the range; with a wrapping type an overflow shows instead as a jump).
    public var count: Int
    public var valuesAtLimits: Int
    /// The integer bits (sign included for a signed type) the largest magnitude written needs, and
    /// how many of the type's integer bits were never needed.
    public var integerBitsUsed: Int
    public var unusedIntegerBits: Int
}

extension FirmwareModel {
    /// The values every layer wrote for `count` samples stored one after the other in `samples`,
    /// in the firmware's order (the input conversion first).
    public func profile(_ samples: [Double], count: Int) -> [FirmwareLayerProfile] {
        let layers = [(inputName, inputFormat)] + stages.map { ($0.stage.name, $0.stage.output) }
        var tallies = layers.map { Tally(format: $0.1) }
        for row in 0..<count {
            let outputs = stageOutputs(samples[row * inputSize..<(row + 1) * inputSize])
            for (index, layer) in layers.enumerated() {
                for raw in outputs[layer.0] ?? [] { tallies[index].add(raw) }
            }
        }
        return zip(layers, tallies).map { layer, tally in tally.profile(name: layer.0) }
    }
}

/// Running minimum, maximum, limit count and integer bits of one layer's raw outputs.
private struct Tally {
    let format: FixedPointFormat
    var minimum = Int128.max
    var maximum = Int128.min
    var count = 0
    var valuesAtLimits = 0
    var bitsUsed = 0  // of the raw value, sign bit included for signed formats

    init(format: FixedPointFormat) { self.format = format }

    mutating func add(_ raw: Int128) {
        minimum = min(minimum, raw)
        maximum = max(maximum, raw)
        count += 1
        if raw == format.minimumRaw || raw == format.maximumRaw { valuesAtLimits += 1 }
        let magnitude = raw < 0 ? ~raw : raw
        bitsUsed = max(bitsUsed, (Int128.bitWidth - magnitude.leadingZeroBitCount) + (format.isSigned ? 1 : 0))
    }

    func profile(name: String) -> FirmwareLayerProfile {
        func value(_ raw: Int128) -> Double { FixedPointValue(bits: UInt128(truncatingIfNeeded: raw), as: format).doubleValue }
        let used = bitsUsed - format.fractionBits
        return FirmwareLayerProfile(
            name: name, type: format.description, minimum: count > 0 ? value(minimum) : 0, maximum: count > 0 ? value(maximum) : 0,
            typeMinimum: value(format.minimumRaw), typeMaximum: value(format.maximumRaw), count: count, valuesAtLimits: valuesAtLimits,
            integerBitsUsed: used, unusedIntegerBits: max(0, format.integerBits - used))
    }
}
