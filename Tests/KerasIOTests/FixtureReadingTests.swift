import FixtureSupport
import KerasIO
import ModelIR
import Testing

@Suite struct FixtureReadingTests {
    @Test func fixturesArePresent() {
        #expect(Fixtures.models.count >= 30, "expected the generated fixtures in \(Fixtures.folder.path)")
    }

    @Test(arguments: Fixtures.models)
    func layersShapesAndWeightsEqualKeras(model: String) throws {
        let facts = try Fixtures.facts(Fixtures.factsFile(for: model))
        let read = try KerasModelReader.read(path: Fixtures.path(model))
        let graph = read.graph
        #expect(read.provenance.kerasVersion == facts.keras_version)

        // Keras hides a Sequential model's InputLayer from model.layers; the IR always has it.
        let layers = graph.layers.filter { $0.className != "InputLayer" }
        let expected = facts.layers.filter { $0.class != "InputLayer" }
        #expect(layers.map(\.name) == expected.map(\.name))
        #expect(graph.inputs.map { graph.layer(named: $0)!.outputShape } == facts.input_shapes)
        let declaredInputs = facts.layers.filter { $0.class == "InputLayer" }.map(\.name)
        if !declaredInputs.isEmpty { #expect(graph.inputs == declaredInputs) }

        for (layer, keras) in zip(layers, expected) {
            #expect(layer.className == keras.class, "\(layer.name)")
            #expect(layer.outputShape == keras.output_shape, "\(layer.name)")
            #expect(layer.parameterCount == keras.parameters, "\(layer.name)")
            #expect(layer.weights.count == keras.weights.count, "\(layer.name)")
            for (weight, kerasWeight) in zip(layer.weights, keras.weights) {
                let kerasName = kerasWeight.name == "kernel" && keras.class == "DepthwiseConv2D" ? "depthwise_kernel" : kerasWeight.name
                #expect(weight.name == kerasName, "\(layer.name)")
                #expect(weight.tensor.shape == kerasWeight.shape, "\(layer.name)/\(weight.name)")
                #expect(weight.tensor.zeroCount == kerasWeight.zeros, "\(layer.name)/\(weight.name)")
                #expect(fnv1a64(weight.tensor.values) == kerasWeight.fnv1a64, "\(layer.name)/\(weight.name) values differ from Keras's")
            }
        }
    }

    @Test func provenanceKeepsTheConfigurationText() throws {
        let model = try KerasModelReader.read(path: Fixtures.path("jet_mlp.k3.h5"))
        #expect(model.provenance.format == .hdf5)
        #expect(model.provenance.backend == "tensorflow")
        #expect(model.provenance.isKeras3)
        #expect(model.provenance.modelConfig.hasPrefix("{\"class_name\": \"Sequential\""))
        let archive = try KerasModelReader.read(path: Fixtures.path("jet_mlp.keras"))
        #expect(archive.provenance.format == .archive)
        #expect(archive.graph == model.graph)
    }

    @Test func hardSigmoidFollowsTheKerasVersionThatWroteTheFile() throws {
        let keras2 = try KerasModelReader.read(path: Fixtures.path("activations.k2.h5")).graph
        let keras3 = try KerasModelReader.read(path: Fixtures.path("activations.k3.h5")).graph
        #expect(keras2.layer(named: "act_hard_sigmoid")?.kind == .activation(.hardSigmoid(slope: 0.2)))
        #expect(keras3.layer(named: "act_hard_sigmoid")?.kind == .activation(.hardSigmoid(slope: 1.0 / 6.0)))
        #expect(keras3.layer(named: "act_swish")?.kind == .activation(.swish))
    }

    @Test func nestedModelsAreFlattenedAndWired() throws {
        for file in ["nested.k2.h5", "nested.k3.h5", "nested.keras"] {
            let graph = try KerasModelReader.read(path: Fixtures.path(file)).graph
            #expect(graph.layer(named: "sub/inner_fc1")?.inputs == ["bn"], "\(file)")
            #expect(graph.layer(named: "softmax")?.inputs == ["sub/inner_fc2"], "\(file)")
        }
    }

    @Test func functionalBranchesKeepArgumentOrder() throws {
        for file in ["branches.k2.h5", "branches.k3.h5", "branches.keras"] {
            let graph = try KerasModelReader.read(path: Fixtures.path(file)).graph
            #expect(graph.layer(named: "subtract")?.inputs == ["branch_a", "branch_b"], "\(file)")
            #expect(graph.layer(named: "concat")?.inputs == ["maximum", "minimum", "add"], "\(file)")
            #expect(graph.outputs == ["softmax"], "\(file)")
        }
    }

    @Test func pruningWrappersAreUnwrapped() throws {
        let graph = try KerasModelReader.read(path: Fixtures.path("tfmot_pruned.k2.h5")).graph
        let fc1 = try #require(graph.layer(named: "fc1"))
        #expect(fc1.className == "Dense")
        #expect(fc1.weights.map(\.name) == ["kernel", "bias"])
        #expect(fc1.weights[0].tensor.zeroCount == 512)
    }
}
