import Testing
@testable import KerasIO

/// The key rule of `.keras` weight files, for files that carry no `vars@name` attribute.
/// Expected keys are the ones Keras 3.15 wrote into the fixtures (`Fixtures/models/*.keras`).
@Suite struct ArchiveKeyTests {
    @Test(arguments: [
        ("Dense", "dense"), ("BatchNormalization", "batch_normalization"), ("Conv2D", "conv2d"),
        ("DepthwiseConv2D", "depthwise_conv2d"), ("ReLU", "re_lu"), ("PReLU", "p_re_lu"), ("LeakyReLU", "leaky_re_lu"),
        ("GlobalMaxPooling1D", "global_max_pooling1d"), ("InputLayer", "input_layer"), ("UpSampling2D", "up_sampling2d"),
    ])
    func snakeCaseMatchesKeras(className: String, key: String) {
        #expect(ArchiveWeightSource.snakeCase(className) == key)
    }

    @Test func laterLayersOfAClassCountUp() {
        let order = [("branch_a", "Dense"), ("branch_b", "Dense"), ("add", "Add"), ("fc", "Dense")]
        #expect(ArchiveWeightSource.key(for: "branch_a", in: order) == "dense")
        #expect(ArchiveWeightSource.key(for: "fc", in: order) == "dense_2")
        #expect(ArchiveWeightSource.key(for: "add", in: order) == "add")
        #expect(ArchiveWeightSource.key(for: "missing", in: order) == nil)
    }
}
