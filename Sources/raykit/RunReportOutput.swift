import ArgumentParser
import Foundation
import RayPipeline

/// How a finished (or stopped) run is reported, for single commands and pipelines alike.
enum RunReportOutput {
    /// Prints what was delivered, submitted or estimated; fails when any item did not finish.
    static func print(_ report: RunReport, json: Bool) throws {
        if json {
            struct Summary: Encodable {
                let manifest: String
                let items: [ItemRecord]
                let estimates: [String: Double]
                let problems: [String]
            }
            Swift.print(try Output.json(Summary(manifest: report.manifestPath, items: report.manifest.items,
                                                estimates: report.estimates, problems: report.problems)))
        } else {
            for line in lines(report) { Swift.print(line) }
        }
        if Interrupt.requested() { throw Interrupt.exitCode }
        if !report.problems.isEmpty {
            let line = "raykit: \(report.problems.count) item(s) did not finish; state kept in \(report.manifestPath): "
                + "run the same command again, or `raykit pipeline resume \(report.manifestPath)`\n"
            Output.standardError(line)
            throw ExitCode.failure
        }
    }

    /// One line per item: its outputs, its submitted jobs, or its estimate.
    static func lines(_ report: RunReport) -> [String] {
        report.manifest.items.map { item in
            let jobs = item.steps.compactMap(\.jobId)
            let cost = item.steps.compactMap(\.cost).reduce(0, +)
            if let estimate = report.estimates[item.name] { return "\(item.name): would cost \(CreativeUnits.text(estimate)) creative units" }
            if !item.outputs.isEmpty {
                return "\(item.name): wrote \(item.outputs.joined(separator: ", "))"
                    + (jobs.isEmpty ? "" : " (job \(jobs.joined(separator: ", ")), \(CreativeUnits.text(cost)) creative units)")
            }
            if let pending = item.steps.first(where: { $0.state == .submitted }), let job = pending.jobId {
                return "\(item.name): submitted job \(job); state kept in \(report.manifestPath)"
            }
            return "\(item.name): \(item.state.rawValue)"
        }
    }
}
