import ModelIR
import Pruning
import Training

extension Pruner {
    /// The state of one pruning run: the plan, the training data and the settings that the
    /// ranking, the search and its fine-tuning share.
    struct Run {
        let settings: PruningSettings
        let plan: PruningPlan
        let training: TrainingData?
        let progress: ProgressHandler?

        /// The ranking metric for `graph`: l1 or l2, or oracle and saliency on the training data.
        func ranking(for graph: Graph) throws -> RankingMetric {
            switch settings.ranking {
            case .l1: return .l1
            case .l2: return .l2
            case .oracle, .saliency:
                guard let training, let trainingSettings = settings.training else {
                    throw HLSPruneError.setting(name: "ranking", reason: "\(settings.ranking.rawValue) needs training data")
                }
                let loss = trainingSettings.loss(for: graph)
                if settings.ranking == .oracle {
                    let gradients = try Backpropagation(graph: graph).gradients(inputs: training.inputs, labels: training.labels, loss: loss).gradients
                    return .oracle(gradients: gradients.compactMapValues { $0["kernel"] })
                }
                return .saliency(hessians: try Backpropagation(graph: graph).kernelHessianRowSums(inputs: training.inputs, labels: training.labels, loss: loss))
            }
        }

        /// hls4ml's scheduler-driven search between 0 and the sparsity (default 1); `baseline` is
        /// `graph`'s score, which every step is judged against.
        mutating func search(on graph: Graph, data: ValidationData, baseline: SparsitySearch.Score) throws -> SparsitySearch.Outcome {
            let searchSettings = settings.search!
            var search = SparsitySearch(plan: plan, increasing: data.isIncreasing, tolerance: searchSettings.tolerance, cutoff: searchSettings.cutoff)
            search.local = settings.local
            search.baseline = baseline
            if settings.ranking == .oracle || settings.ranking == .saliency {
                let run = self
                search.rankingFor = { try run.ranking(for: $0) }
            } else {
                search.ranking = try ranking(for: graph)
            }
            search.knapsack = settings.knapsack
            var schedule = try searchSettings.makeScheduler(finalSparsity: settings.sparsity ?? 1)
            var fineTune: ((Graph, PruningResult) throws -> Graph)?
            var rewind: ((Graph) throws -> Graph)?
            var start = graph
            if let training, let trainingSettings = settings.training {
                let loss = trainingSettings.loss(for: graph)
                var strength: Double?
                switch trainingSettings.regularization {
                case .none: break
                case .strength(let value): strength = value
                case .auto:
                    if let chosen = try chooseRegularization(from: graph, data: data, baseline: baseline.judged, training: training,
                                                             settings: trainingSettings) {
                        strength = chosen.strength
                        start = chosen.model
                    }
                }
                let penalties = strength.map { plan.groupPenalties(strength: $0) } ?? []
                let progress = self.progress
                fineTune = { model, result in
                    try trainingSettings.fit(model, on: training, loss: loss, epochs: trainingSettings.epochs - trainingSettings.rewindingEpochs,
                                             masks: result.heldMasks, penalties: penalties, label: " (masked)", progress: progress)
                }
                if trainingSettings.rewindingEpochs > 0 {
                    rewind = { model in
                        try trainingSettings.fit(model, on: training, loss: loss, epochs: trainingSettings.rewindingEpochs, masks: [:],
                                                 label: " (rewinding)", progress: progress)
                    }
                }
            }
            var number = 0
            let progress = self.progress
            let report: (SparsitySearch.Step) -> Void = { step in
                number += 1
                progress?(.step(number: number, sparsity: step.sparsity, resources: step.resourcesAfter, metric: data.metric.rawValue,
                                score: step.score, accepted: step.accepted))
            }
            return try search.run(on: start, scheduler: &schedule, evaluate: { try data.score($0) },
                                  fineTune: fineTune, rewind: rewind, progress: report)
        }

        /// `--regularization auto`: 5 of hls4ml's strengths trained briefly, each pruned at the
        /// target sparsity; the best pruned score within the tolerance wins.
        private func chooseRegularization(from graph: Graph, data: ValidationData, baseline: Double, training: TrainingData,
                                          settings trainingSettings: TrainingSettings) throws -> (strength: Double, model: Graph)? {
            let loss = trainingSettings.loss(for: graph)
            let regularization = RegularizationSearch(increasing: data.isIncreasing, tolerance: settings.search!.tolerance)
            let probe = settings.sparsity ?? 0.5
            let found = try regularization.run(baseline: baseline) { value in
                let model = try trainingSettings.fit(graph, on: training, loss: loss, epochs: max(1, trainingSettings.epochs / 2), masks: [:],
                                                     penalties: plan.groupPenalties(strength: value),
                                                     label: " (regularization \(String(format: "%.3g", value)))", progress: progress)
                let metric = try data.score(model).judged
                let pruned = try plan.masks(for: model, sparsity: probe, local: settings.local, metric: try ranking(for: model), knapsack: settings.knapsack)
                let prunedMetric = try data.score(try pruned.apply(to: model)).judged
                progress?(.regularizationTrial(strength: value, metric: data.metric.rawValue, value: metric, prunedValue: prunedMetric, probe: probe))
                return (model, metric, prunedMetric)
            }
            progress?(.regularizationChosen(strength: found.chosen?.strength, trials: found.trials.count, weakest: regularization.candidates[0]))
            return found.chosen.map { ($0.strength, $0.model) }
        }
    }
}

extension PruningResult {
    /// The kernel masks and offsets of the pruned layers, for masked training.
    var heldMasks: [String: (mask: [Float], offset: [Float])] {
        Dictionary(uniqueKeysWithValues: layers.filter { $0.optimization != nil }.map { ($0.attributes.name, ($0.mask, $0.offsets)) })
    }
}

extension PruningPlan {
    /// hls4ml's regularizers for the optimised layers at `strength`: the α term where the layer is
    /// pruned, the β term where its groups may be shared.
    func groupPenalties(strength: Double) -> [GroupPenalty] {
        entries.compactMap { entry in
            guard let optimization = entry.optimization, let groups = entry.regularizerGroups else { return nil }
            return GroupPenalty(layer: entry.attributes.name, alpha: optimization.pruning ? strength : 0,
                                beta: optimization.weightSharing ? strength : 0, alphaGroups: groups.alpha, betaGroups: groups.beta)
        }
    }
}
