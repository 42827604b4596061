import FixedPoint
import Testing

/// Inputs no golden file lists: non-finite and extreme doubles, and the widest formats. Nothing
/// may trap, and the results must follow the overflow rules (infinity is a huge value to the headers).
@Suite struct ExtremeInputTests {
    static let formats: [FixedPointFormat] = {
        var formats: [FixedPointFormat] = []
        for quantization in QuantizationMode.allCases {
            for overflow in OverflowMode.allCases {
                for (width, integerBits, isSigned) in [(1, 1, true), (8, 3, true), (8, -4, false), (64, 200, true), (127, -256, true), (127, 256, false)] {
                    formats.append(try! FixedPointFormat(width: width, integerBits: integerBits, isSigned: isSigned,
                                                         quantization: quantization, overflow: overflow))
                }
            }
        }
        return formats
    }()

    @Test(arguments: formats)
    func infinitiesSaturateOrWrapWithoutTrapping(format: FixedPointFormat) {
        let positive = FixedPointValue(.infinity, as: format)
        let negative = FixedPointValue(-.infinity, as: format)
        for value in [Double.nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude] {
            let converted = FixedPointValue(value, as: format)
            #expect(converted.raw >= format.minimumRaw && converted.raw <= format.maximumRaw)
            _ = converted.doubleValue
            _ = converted.truncatedInt
        }
        switch format.overflow {
        case .saturate, .saturateSymmetric:
            #expect(positive.raw == format.maximumRaw)
            #expect(negative.raw <= format.minimumRaw + 1)
        case .saturateToZero:
            #expect(positive.raw == 0 && negative.raw == 0)
        case .wrap:
            #expect(positive.raw >= format.minimumRaw && positive.raw <= format.maximumRaw)
        }
    }

    @Test func widestProductsAndSumsAreExact() throws {
        let wide = try FixedPointFormat(width: 64, integerBits: 10)
        let narrow = try FixedPointFormat(width: 63, integerBits: 1)
        let a = FixedPointValue(bits: UInt128(1) << 63, as: wide)  // the most negative value
        let b = FixedPointValue(bits: UInt128(1) << 62, as: narrow)
        let product = try a.multiplied(by: b)
        #expect(product.format.width == 127)
        #expect(product.doubleValue == a.doubleValue * b.doubleValue)  // both powers of two: exact
        let sum = try a.adding(b)
        #expect(sum.doubleValue == a.doubleValue + b.doubleValue)
        for integerConverting in [Double.infinity, -.infinity, .nan, -1e-300, 1e300] {
            _ = try FixedPointValue(integerConverting: integerConverting, width: 127)
        }
    }
}
