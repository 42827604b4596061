import Foundation
import Pruning

/// `report.svg`: the validation metric of every step tried against the objective's first resource,
/// with a title, ticks on both axes, the baseline and tolerance lines, a legend, and the chosen step
/// ringed.
package enum SearchPlot {
    package static func svg(_ outcome: SparsitySearch.Outcome, objective: String, metric: String, tolerance: Double) -> String {
        let width = 640.0
        let height = 400.0
        let left = 70.0
        let right = 20.0
        let top = 30.0
        let bottom = 50.0
        let xs = outcome.steps.map { Double($0.resourcesAfter.first ?? 0) }
        let ys = outcome.steps.map(\.metric) + [outcome.baseline, tolerance * outcome.baseline]
        let xRange = (min: 0.0, max: max(xs.max() ?? 1, 1))
        var yRange = (min: ys.min() ?? 0, max: ys.max() ?? 1)
        if yRange.max - yRange.min < 1e-9 { yRange = (yRange.min - 0.5, yRange.max + 0.5) }
        let margin = (yRange.max - yRange.min) * 0.1
        yRange = (yRange.min - margin, yRange.max + margin)
        func x(_ value: Double) -> Double { left + (value - xRange.min) / (xRange.max - xRange.min) * (width - left - right) }
        func y(_ value: Double) -> Double { top + (yRange.max - value) / (yRange.max - yRange.min) * (height - top - bottom) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        var lines = [
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Int(width))" height="\#(Int(height))" font-family="sans-serif" font-size="12">"#,
            #"<rect width="100%" height="100%" fill="white"/>"#,
            #"<line x1="\#(number(left))" y1="\#(number(height - bottom))" x2="\#(number(width - right))" y2="\#(number(height - bottom))" stroke="black"/>"#,
            #"<line x1="\#(number(left))" y1="\#(number(top))" x2="\#(number(left))" y2="\#(number(height - bottom))" stroke="black"/>"#,
            #"<text x="\#(number((left + width - right) / 2))" y="\#(number(height - 12))" text-anchor="middle">\#(objective) after pruning</text>"#,
            #"<text x="16" y="\#(number((top + height - bottom) / 2))" text-anchor="middle" transform="rotate(-90 16 \#(number((top + height - bottom) / 2)))">\#(metric)</text>"#,
            #"<text x="\#(number((left + width - right) / 2))" y="18" text-anchor="middle" font-size="14">Pruning search: \#(metric) against \#(objective) (\#(outcome.steps.count) steps)</text>"#,
        ]
        for tick in 0...4 {
            let xValue = xRange.min + (xRange.max - xRange.min) * Double(tick) / 4
            let yValue = yRange.min + margin + (yRange.max - yRange.min - 2 * margin) * Double(tick) / 4
            lines.append(#"<line x1="\#(number(x(xValue)))" y1="\#(number(height - bottom))" x2="\#(number(x(xValue)))" y2="\#(number(height - bottom + 5))" stroke="black"/>"#)
            lines.append(#"<text x="\#(number(x(xValue)))" y="\#(number(height - bottom + 18))" text-anchor="middle">\#(Int(xValue.rounded()))</text>"#)
            lines.append(#"<line x1="\#(number(left - 5))" y1="\#(number(y(yValue)))" x2="\#(number(left))" y2="\#(number(y(yValue)))" stroke="black"/>"#)
            lines.append(#"<text x="\#(number(left - 8))" y="\#(number(y(yValue) + 4))" text-anchor="end">\#(String(format: "%.4f", yValue))</text>"#)
        }
        let legend = [("#2a8a2a", "kept (within tolerance)"), ("#c02020", "rejected"), ("none", "chosen step")]
        for (index, (colour, label)) in legend.enumerated() {
            let top = top + 8 + Double(index) * 16
            let stroke = colour == "none" ? #" stroke="black" stroke-width="2""# : ""
            lines.append(#"<circle cx="\#(number(left + 14))" cy="\#(number(top))" r="5" fill="\#(colour)"\#(stroke)/>"#)
            lines.append(#"<text x="\#(number(left + 24))" y="\#(number(top + 4))">\#(label)</text>"#)
        }
        for (label, value, colour) in [("baseline", outcome.baseline, "#555555"), ("tolerance \(tolerance)", tolerance * outcome.baseline, "#d08000")] {
            lines.append(#"<line x1="\#(number(left))" y1="\#(number(y(value)))" x2="\#(number(width - right))" y2="\#(number(y(value)))" stroke="\#(colour)" stroke-dasharray="6 4"/>"#)
            lines.append(#"<text x="\#(number(width - right - 4))" y="\#(number(y(value) - 4))" text-anchor="end" fill="\#(colour)">\#(label)</text>"#)
        }
        for (step, xValue) in zip(outcome.steps, xs) {
            let colour = step.accepted ? "#2a8a2a" : "#c02020"
            lines.append(#"<circle cx="\#(number(x(xValue)))" cy="\#(number(y(step.metric)))" r="4" fill="\#(colour)"><title>sparsity \#(String(format: "%.4f", step.sparsity)): \#(String(format: "%.4f", step.metric))</title></circle>"#)
        }
        if let chosen = outcome.best, let step = outcome.steps.last(where: { $0.accepted && $0.sparsity == chosen.sparsity }) {
            let xValue = Double(step.resourcesAfter.first ?? 0)
            lines.append(#"<circle cx="\#(number(x(xValue)))" cy="\#(number(y(step.metric)))" r="8" fill="none" stroke="black" stroke-width="2"><title>chosen: sparsity \#(String(format: "%.4f", step.sparsity))</title></circle>"#)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }
}
