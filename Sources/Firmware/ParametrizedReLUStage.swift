import FixedPoint

/// `nnet::leaky_relu`, `nnet::thresholded_relu` and `nnet::prelu`: `x` where it is above 0 (above
/// `theta` for the thresholded one), else `alpha · x` (0 for the thresholded one), with `alpha` and
/// `theta` held in `param_t` and the product exact, converted to `res_T`.
struct ParametrizedReLUStage: FirmwareStage {
    enum Rule: Sendable {
        /// One slope for every value.
        case leaky(alpha: Int128)
        /// `x > theta ? x : 0`.
        case thresholded(theta: Int128)
        /// One slope per value (PReLU's `a<index>` array).
        case parametric(alphas: [Int128])
    }

    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    /// The format of `alpha`/`theta` (`param_t`).
    let parameter: FixedPointFormat
    let rule: Rule

    func run(_ x: [Int128]) -> [Int128] {
        let productFractionBits = input.fractionBits + parameter.fractionBits
        switch rule {
        case .leaky(let alpha):
            return x.map { $0 > 0 ? output.converting($0, from: input) : output.converting(alpha * $0, fractionBits: productFractionBits) }
        case .parametric(let alphas):
            return x.indices.map { i in
                x[i] > 0 ? output.converting(x[i], from: input) : output.converting(alphas[i] * x[i], fractionBits: productFractionBits)
            }
        case .thresholded(let theta):
            let fractionBits = max(input.fractionBits, parameter.fractionBits)
            let threshold = theta << (fractionBits - parameter.fractionBits)
            let shift = Int128(fractionBits - input.fractionBits)
            return x.map { ($0 << shift) > threshold ? output.converting($0, from: input) : 0 }
        }
    }
}
