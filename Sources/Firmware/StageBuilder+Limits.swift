import FixedPoint

/// The limits of the emulation's 128-bit arithmetic and of hls4ml's table settings, checked when a
/// stage is built so that no configuration or input type can make a stage trap or wrap silently.
extension StageBuilder {
    /// The largest `TableSize` taken (2^20 entries, far above what hls4ml's default 1024 or any
    /// synthesizable table uses).
    static let largestTableSize = 1 << 20

    /// The layer's `TableSize` for a table indexed by `x · table_size / range` with `x` of type
    /// `input`.
    ///
    /// - Throws: ``FirmwareError`` for a size outside 1…2^20, or an input type whose index product
    ///   would not fit 126 bits.
    func checkedTableSize(name: String, className: String, input: FixedPointFormat) throws -> Int {
        let size = resolver.tableSize(layer: name, className: className)
        guard (1...Self.largestTableSize).contains(size) else {
            throw FirmwareError(layer: name, "TableSize \(size) must be between 1 and \(Self.largestTableSize)")
        }
        let indexBits = input.width + Int.bitWidth - Self.largestTableSize.leadingZeroBitCount + max(0, -input.fractionBits)
        guard indexBits <= 126, input.fractionBits <= 120 else {
            throw FirmwareError(layer: name, "the input type \(input) is too wide to index a lookup table in the emulation")
        }
        return size
    }

    /// Refuses the exact product of values of `first` and `second` when it could exceed 126 bits.
    func requireProduct(of first: FixedPointFormat, and second: FixedPointFormat, layer: String) throws {
        guard first.width + second.width <= 126 else {
            throw FirmwareError(layer: layer, "the products of \(first) and \(second) are too wide to emulate")
        }
    }

    /// Refuses adding values of `first` and `second` aligned to the finer of their fractions when
    /// the sum could exceed 126 bits (what `PoolingStage` and `HardActivationStage` compute in).
    func requireSum(of first: FixedPointFormat, and second: FixedPointFormat, layer: String) throws {
        let bits = max(first.integerBits, second.integerBits) + max(first.fractionBits, second.fractionBits, 0) + 2
        guard bits <= 126, first.fractionBits >= -120, second.fractionBits >= -120 else {
            throw FirmwareError(layer: layer, "sums of \(first) and \(second) are too wide to emulate")
        }
    }
}
