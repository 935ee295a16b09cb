import ArgumentParser
import Foundation
import RayPipeline

/// How a finished (or stopped) run is reported, for single commands and pipelines alike.
enum RunReportOutput {
    /// Prints what was delivered, submitted or estimated; for each item that did not finish, one line on
    /// stderr with why and the command that moves it on; fails when any item did not finish.
    static func print(_ report: RunReport, json: Bool, origin: Recovery.Origin) throws {
        let problems = report.problems.map { problem in
            let line = "\(problem.item): \(problem.error.message)"
            return problem.error.remedy.flatMap { Recovery.advice($0, from: origin) }.map { "\(line): \($0)" } ?? line
        }
        if json {
            struct Summary: Encodable {
                let manifest: String?
                let items: [ItemRecord]
                let estimates: [String: Double]
                let problems: [String]
            }
            Swift.print(try Output.json(Summary(manifest: report.manifestWritten ? report.manifestPath : nil, items: report.manifest.items,
                                                estimates: report.estimates, problems: problems)))
        } else {
            for line in lines(report) { Swift.print(line) }
        }
        for problem in problems { Output.standardError("raykit: \(Output.oneLine(problem))\n") }
        if Interrupt.requested() { throw Interrupt.exitCode }
        if !report.problems.isEmpty {
            if report.manifestWritten, let advice = Recovery.advice(.resumeLater, from: origin) {
                Output.standardError("raykit: state kept in \(report.manifestPath): \(advice)\n")
            }
            throw ExitCode.failure
        }
    }

    /// Where an unfinished item stopped, in words: never "succeeded" for a job whose results were not delivered.
    static func stage(_ item: ItemRecord) -> String {
        guard let step = item.steps.first(where: { $0.state != .done }) else { return "done" }
        let job = step.jobId.map { " \($0)" } ?? ""
        return switch step.state {
        case .pending, .prepared: "\(step.kind.rawValue) not submitted"
        case .submitting, .unknown: "\(step.kind.rawValue): whether the job exists is unknown"
        case .submitted: "\(step.kind.rawValue) job\(job) running"
        case .succeeded: "\(step.kind.rawValue) job\(job) finished; its results are not downloaded yet"
        case .failed: "\(step.kind.rawValue) failed"
        case .done: "done"
        }
    }

    /// One line per item: its outputs, its submitted jobs, or its estimate.
    static func lines(_ report: RunReport) -> [String] {
        report.manifest.items.map { item in
            let jobs = item.steps.compactMap(\.jobId)
            let cost = item.steps.compactMap(\.cost).reduce(0, +)
            if let estimate = report.estimates[item.name] { return "\(item.name): would cost \(CreativeUnits.text(estimate)) creative units" }
            if !item.outputs.isEmpty && item.state == .done {
                return "\(item.name): wrote \(item.outputs.joined(separator: ", "))"
                    + (jobs.isEmpty ? "" : " (job \(jobs.joined(separator: ", ")), \(CreativeUnits.text(cost)) creative units)")
            }
            if let pending = item.steps.first(where: { $0.state == .submitted }), let job = pending.jobId {
                return "\(item.name): submitted job \(job); state kept in \(report.manifestPath)"
            }
            return "\(item.name): not finished (\(Self.stage(item)))"
        }
    }
}
