extension FixedPointFormat {
    /// The raw value this format stores for the exact value `source × 2^-sourceFractionBits`:
    /// quantised by ``quantization``, then brought into range by ``overflow``, exactly as an
    /// `ap_fixed` assignment or constructor does.
    ///
    /// The headers decide overflow from the source's bit pattern; that is equivalent to comparing
    /// the quantised value with the format's range, which is what this does (checked against the
    /// headers compiled by g++ over every value of small formats, see `FixedPointTests`).
    func storedRaw(ofExact source: Int128, fractionBits sourceFractionBits: Int) -> Int128 {
        let isNegative = source < 0
        let shift = fractionBits - sourceFractionBits
        var quantised: Int128 = 0
        var exceedsEveryFormat = false  // |value| ≥ 2^126 LSBs: out of range whatever the format
        var lowBits: Int128 = 0  // the value modulo 2^128, for wrap-around when it exceeds Int128
        if shift >= 0 {
            if source != 0 && (shift >= 127 || source.magnitude.bitWidthUsed + shift > 126) {
                exceedsEveryFormat = true
                lowBits = shift >= 128 ? 0 : source &<< Int128(shift)
            } else {
                quantised = source << shift
            }
        } else {
            let dropped = -shift
            let floor = source >> dropped
            let halfBit: Bool
            let sticky: Bool
            if dropped >= 128 {
                halfBit = isNegative
                sticky = source != 0
            } else {
                let fraction = UInt128(truncatingIfNeeded: source) & ((UInt128(1) << dropped) &- 1)
                halfBit = (fraction >> (dropped - 1)) & 1 == 1
                sticky = fraction & ((UInt128(1) << (dropped - 1)) &- 1) != 0
            }
            let increments = quantization.incrementsFloor(
                halfBit: halfBit, sticky: sticky, sourceIsNegative: isNegative, lowestKeptBit: floor & 1 == 1)
            quantised = increments ? floor + 1 : floor
        }
        if !exceedsEveryFormat && quantised >= minimumRaw && quantised <= maximumRaw {
            if overflow == .saturateSymmetric && isSigned && isNegative && quantised == minimumRaw {
                return symmetricMinimumRaw
            }
            return quantised
        }
        switch overflow {
        case .wrap:
            return wrappedAndForced(exceedsEveryFormat ? lowBits : quantised, sourceIsNegative: isNegative)
        case .saturateToZero:
            return 0
        case .saturate, .saturateSymmetric:
            if !isNegative { return maximumRaw }
            guard isSigned else { return 0 }
            return overflow == .saturateSymmetric ? symmetricMinimumRaw : minimumRaw
        }
    }

    /// The most negative value ``OverflowMode/saturateSymmetric`` produces: `-max`, except in a
    /// 1-bit signed format, where the headers' bit pattern `100…01` is `-1` itself.
    private var symmetricMinimumRaw: Int128 { width == 1 ? minimumRaw : minimumRaw + 1 }

    /// The low `width` bits of `value`, then, with `N` saturation bits, the top bits forced:
    /// signed formats get the source's sign in the MSB and its complement in the `N - 1` bits
    /// below; unsigned formats get ones in the top `N` bits.
    private func wrappedAndForced(_ value: Int128, sourceIsNegative: Bool) -> Int128 {
        var bits = UInt128(truncatingIfNeeded: value) & ((UInt128(1) << width) &- 1)
        if saturationBits > 0 {
            let topBits = ((UInt128(1) << saturationBits) &- 1) << (width - saturationBits)
            if isSigned {
                let sign = UInt128(1) << (width - 1)
                bits = sourceIsNegative ? (bits & ~topBits) | sign : (bits | topBits) & ~sign
            } else {
                bits |= topBits
            }
        }
        return signExtended(bits)
    }

    /// `bits` (the low `width` bits) read as this format's raw value.
    func signExtended(_ bits: UInt128) -> Int128 {
        let value = Int128(truncatingIfNeeded: bits & ((UInt128(1) << width) &- 1))
        return isSigned && value > maximumRaw ? value &- (Int128(1) << width) : value  // 2^width modulo 2^128
    }
}

extension UInt128 {
    /// The number of bits up to and including the highest set bit.
    var bitWidthUsed: Int { UInt128.bitWidth - leadingZeroBitCount }
}
