// Writes into OUTPUT_FOLDER exactly what `hlsprune prune MODEL -o OUTPUT_FOLDER --objective dsp
// --strategy Resource --reuse-factor 4 --sparsity 0.5` writes.
import Foundation
import HLSPruneKit

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: prune-for-dsps MODEL OUTPUT_FOLDER")
    exit(2)
}
do {
    let model = try ModelFile.open(arguments[1])  // .h5, .keras or .onnx
    var hls = HLSSettings()  // hls4ml's defaults: name granularity, Vitis, fixed<16,6>
    hls.strategy = .resource
    hls.reuseFactor = 4
    let project = try HLSProject(for: model, settings: hls)
    var pruning = PruningSettings(objective: .dsp)
    pruning.sparsity = 0.5
    let outcome = try Pruner.prune(model, project: project, settings: pruning)
    try outcome.write(to: arguments[2])  // model_pruned.*, hls4ml_config.yml, firmware/weights, reports
    print(outcome.summary)
} catch {
    print("error: \(error)")
    exit(1)
}
