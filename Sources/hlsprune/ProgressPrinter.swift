import Dispatch
import Foundation
import HLSPruneKit

/// Shows a run's ``ProgressEvent``s on stderr: a line per epoch, search step and regularization
/// trial, and a bar for an epoch's batches or a prediction's samples (on a terminal, after a second).
final class ProgressPrinter: @unchecked Sendable {
    /// The objective's name, for the step lines.
    private let objective: String
    private var bar: ProgressBar?
    private let lock = DispatchQueue(label: "hlsprune.progress-printer")

    init(objective: String = "") {
        self.objective = objective
    }

    /// The handler to give the facade.
    var handler: ProgressHandler { { [self] event in lock.sync { show(event) } } }

    /// Ends a bar still on screen.
    func finish() {
        lock.sync { bar?.finish() }
    }

    private func show(_ event: ProgressEvent) {
        var standardError = StandardError()
        switch event {
        case .epoch(let number, let epochs, let label, let loss):
            bar?.clear()
            print("  epoch \(number)/\(epochs)\(label): loss \(String(format: "%.4f", loss))", to: &standardError)
        case .batch(let epoch, let epochs, let label, let done, let total):
            if done == 1 { bar = ProgressBar(total: total, label: "  epoch \(epoch)/\(epochs)\(label)") }
            bar?.update(done)
        case .step(let number, let sparsity, let resources, let metric, let score, let accepted):
            let firmware = score.firmware.map { ", firmware \(String(format: "%.4f", $0))" } ?? ""
            print("step \(number): sparsity \(String(format: "%.4f", sparsity)), \(objective) \(resources.map(String.init).joined(separator: ", ")), "
                  + "\(metric) \(String(format: "%.4f", score.float))\(firmware): \(accepted ? "good" : "bad")", to: &standardError)
        case .regularizationTrial(let strength, let metric, let value, let prunedValue, let probe):
            print("regularization \(String(format: "%.3g", strength)): \(metric) \(String(format: "%.4f", value)), "
                  + "\(String(format: "%.4f", prunedValue)) pruned to \(String(format: "%.2f", probe))", to: &standardError)
        case .regularizationChosen(let strength?, let trials, _):
            print("regularization: \(String(format: "%.3g", strength)) chosen from \(trials) trials", to: &standardError)
        case .regularizationChosen(nil, _, let weakest):
            print("regularization: none, even \(String(format: "%.3g", weakest)) left the metric out of tolerance", to: &standardError)
        case .samples(let done, let total):
            if bar == nil { bar = ProgressBar(total: total, label: "predicting") }
            bar?.update(done)
            if done == total { bar?.finish() }
        }
    }
}
