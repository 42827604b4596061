import FixtureSupport
import Foundation
import HDF5
import Inference
import KerasIO
import Testing
@testable import Training

/// Our Hessian row sums (central differences of the backpropagated kernel gradients) against hls4ml's
/// own `get_model_hessians` run by TensorFlow on the trained jet MLP and its 8 000 training samples
/// (Fixtures/training/jet_trained.hessians.h5, written by Fixtures/generate/hessians.py).
struct HessianRowSumTests {
    @Test func rowSumsEqualHls4mlsTensorFlowHessians() throws {
        let folder = Fixtures.trainedFolder
        let graph = try KerasModelReader.read(path: folder.appendingPathComponent("jet_trained.keras").path).graph
        let x = try NumpyArray.read(path: folder.appendingPathComponent("jet_trained.train.x.npy").path).values
        let y = try NumpyArray.read(path: folder.appendingPathComponent("jet_trained.train.y.npy").path).values
        let ours = try Backpropagation(graph: graph).kernelHessianRowSums(inputs: x, labels: y, loss: .categoricalCrossentropy)
        let file = try File(path: Fixtures.trainingFolder.appendingPathComponent("jet_trained.hessians.h5").path)
        #expect(Set(ours.keys) == ["fc1", "fc2", "fc3", "output"])
        for (layer, values) in ours.sorted(by: { $0.key < $1.key }) {
            let expected = try file.rootGroup().dataset(layer).read(as: Float.self)
            let scale = expected.map(abs).max()!
            let worst = zip(values, expected).map { abs($0 - $1) }.max()!
            // Float32 rounding of gradient differences is about 1e-5 absolute (the output layer's row
            // sums are exactly zero and both sides show only that noise).
            #expect(worst <= 2e-4 * scale + 5e-5, "\(layer): largest difference \(worst) against a largest row sum of \(scale)")
        }
    }
}
