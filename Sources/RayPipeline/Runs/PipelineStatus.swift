import Foundation

/// Reading a manifest for people: one row per step.
public enum PipelineStatus {
    /// Reads a manifest.
    public static func load(_ path: String) throws(PipelineError) -> Manifest { try ManifestStore.load(path) }

    /// `item  step  state  job  status  cost  output or error`, aligned.
    public static func table(_ manifest: Manifest) -> [String] {
        var rows = [["item", "step", "state", "job", "status", "cost", "result"]]
        for item in manifest.items {
            for (number, step) in item.steps.enumerated() {
                let status = (step.jobStatus ?? "") + (step.progress.map { String(format: " %.0f%%", $0 * 100) } ?? "")
                let isLast = number == item.steps.count - 1
                let result = step.error ?? (isLast && !item.outputs.isEmpty ? item.outputs.joined(separator: ", ") : step.outputAssetIds.joined(separator: ", "))
                rows.append([item.name, "\(number + 1) \(step.kind.rawValue)", step.state.rawValue, step.jobId ?? "-",
                             status.isEmpty ? "-" : status, step.cost.map { String(format: "%g", $0) } ?? "-", result])
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: $0 == row.count - 1 ? $1.count : widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
    }
}
