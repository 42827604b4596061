import HLSConfig
import ModelIR
import Testing

/// hls4ml's precision-string rules (behaviour doc §3.5).
struct PrecisionTests {
    @Test(arguments: [
        ("fixed<16,6>", 16, 6, true, false),
        ("ap_fixed<16, 6>", 16, 6, true, false),
        ("ap_ufixed<8,0>", 8, 0, false, false),
        ("ufixed<10,2,RND,SAT>", 10, 2, false, false),
        ("ap_int<8>", 8, 8, true, true),
        ("ap_uint<4>", 4, 4, false, true),
        ("int<12>", 12, 12, true, true),
        ("ac_fixed<16,6,false>", 16, 6, false, false),
        ("ac_int<8,true>", 8, 8, true, true),
    ])
    func fixedPointTypes(_ text: String, _ width: Int, _ integer: Int, _ signed: Bool, _ isInteger: Bool) throws {
        guard case .fixed(let type) = try #require(Precision(text)) else {
            Issue.record("\(text) did not parse as fixed point")
            return
        }
        #expect(type.width == width)
        #expect(type.integerBits == integer)
        #expect(type.isSigned == signed)
        #expect(type.isInteger == isInteger)
    }

    @Test func modesAreStrippedAndUpperCased() throws {
        let parsed = try #require(Precision("ap_fixed<18,8,AP_RND_CONV,ap_sat,0>"))
        #expect(parsed == .fixed(.init(width: 18, integerBits: 8, rounding: "RND_CONV", saturation: "SAT", saturationBits: 0)))
        #expect(parsed.description == "fixed<18,8,RND_CONV,SAT,0>")
    }

    @Test func autoAndFloats() {
        #expect(Precision("Auto") == .unspecified)
        #expect(Precision("float") == .floatingPoint("float"))
        #expect(Precision("ap_float<32,8>") == .floatingPoint("ap_float<32,8>"))
    }

    @Test(arguments: ["fixed", "fixed<>", "banana<3,2>", "fixed<a,2>", ""])
    func rejected(_ text: String) {
        #expect(Precision(text) == nil)
    }
}
