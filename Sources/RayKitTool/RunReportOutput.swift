import ArgumentParser
import Foundation
import RayPipeline

/// How a finished (or stopped) run is reported, for single commands and pipelines alike.
enum RunReportOutput {
    /// Prints what was delivered, submitted or estimated; for each item that did not finish, one line on
    /// stderr with why and the command that moves it on; for each result that failed its check, one line
    /// on stderr with the verdict. Fails when any item did not finish (1), else when any check failed (2,
    /// as `raykit check` does).
    static func print(_ report: RunReport, json: Bool, origin: Recovery.Origin) throws {
        let problems = report.problems.map { problem in
            let line = "\(problem.item): \(problem.error.message)"
            return problem.error.remedy.flatMap { Recovery.advice($0, from: origin) }.map { "\(line): \($0)" } ?? line
        }
        let failedChecks = report.manifest.items.flatMap(failedChecks) + (report.manifest.longTakes ?? []).flatMap { failedCheck($0) ?? [] }
        if json {
            struct Summary: Encodable {
                let manifest: String?
                let items: [ItemRecord]
                let estimates: [String: Double]
                let problems: [String]
                let failedChecks: [String]
                let longTakes: [LongTake]?
            }
            Swift.print(try Output.json(Summary(manifest: report.manifestWritten ? report.manifestPath : nil, items: report.manifest.items,
                                                estimates: report.estimates, problems: problems, failedChecks: failedChecks,
                                                longTakes: report.manifest.longTakes)))
        } else {
            for line in lines(report) { Swift.print(Output.oneLine(line)) }
        }
        for line in problems + failedChecks { Output.standardError("raykit: \(Output.oneLine(line))\n") }
        if Interrupt.requested() { throw Interrupt.exitCode }
        if !report.problems.isEmpty {
            if report.manifestWritten {
                // Problems with advice of their own already said what to do.
                let generic = report.problems.contains { $0.error.remedy == nil } ? Recovery.advice(.resumeLater, from: origin) : nil
                Output.standardError("raykit: " + Output.oneLine("state kept in \(report.manifestPath)" + (generic.map { ": \($0)" } ?? "")) + "\n")
            }
            throw ExitCode.failure
        }
        if !failedChecks.isEmpty { throw ExitCode(CheckVerdict.fail.exitStatus) }
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

    /// One line per item: its outputs, its submitted jobs, or its estimate; for a long take, then, its
    /// total and its stitch.
    static func lines(_ report: RunReport) -> [String] {
        itemLines(report) + (report.manifest.longTakes ?? []).flatMap { longTakeLines($0, report) }
    }

    /// What became of a long take: the estimate or cost of all its segments, the stitched file, each seam.
    static func longTakeLines(_ take: LongTake, _ report: RunReport) -> [String] {
        let name = take.request.name ?? "take"
        let segments = "\(take.items.count) segments"
        let estimates = take.items.compactMap { report.estimates[$0] }
        if !estimates.isEmpty {
            return ["\(name): would cost \(CreativeUnits.text(estimates.reduce(0, +))) creative units in all (\(segments))"]
        }
        guard let stitch = take.stitch else { return [] }
        let cost = report.manifest.items.filter { take.items.contains($0.name) }.flatMap(\.steps).compactMap(\.cost).reduce(0, +)
        let check = take.check.map { ["\(name): check edit of the whole output: \($0.verdict.rawValue) (\($0.guideFrames?.count ?? 0) guide frames)"] } ?? []
        return ["\(name): wrote \(take.output) (\(stitch.frames) frames stitched from \(segments), \(CreativeUnits.text(cost)) creative units)"]
            + check + (take.seams ?? []).map { seam in
                "\(name): seam at frame \(seam.frame) (\(seam.join == .cut ? "a cut" : "in-shot")): change \(String(format: "%.1f", seam.change)) "
                    + "against \(String(format: "%.1f", seam.typical)) around it" + (seam.flagged ? ": stands out" : "")
            }
    }

    /// One line per item: its outputs, its submitted jobs, or its estimate.
    static func itemLines(_ report: RunReport) -> [String] {
        report.manifest.items.map { item in
            let jobs = item.steps.compactMap(\.jobId)
            let costs = item.steps.compactMap(\.cost)
            if let estimate = report.estimates[item.name] { return "\(item.name): would cost \(CreativeUnits.text(estimate)) creative units" }
            if !item.outputs.isEmpty && item.state == .done {
                return "\(item.name): " + (failedChecks(item).isEmpty ? "wrote" : "failed its check:") + " \(item.outputs.joined(separator: ", "))"
                    + (jobs.isEmpty ? "" : " (job \(jobs.joined(separator: ", "))"
                        + (costs.isEmpty ? "" : ", \(CreativeUnits.text(costs.reduce(0, +))) creative units") + ")")
            }
            if let pending = item.steps.first(where: { $0.state == .submitted }), let job = pending.jobId {
                return "\(item.name): submitted job \(job); state kept in \(report.manifestPath)"
            }
            return "\(item.name): not finished (\(Self.stage(item)))"
        }
    }

    /// The line for a long take whose whole output failed its check.
    static func failedCheck(_ take: LongTake) -> [String]? {
        guard let check = take.check, check.verdict == .fail else { return nil }
        return ["\(take.request.name ?? "take"): \(take.output): the edit check failed: \(check.findings.joined(separator: "; "))"]
    }

    /// One line per result of `item` whose check failed: the item, the file as delivered (not the
    /// downloaded copy the check ran on), the check and its findings.
    static func failedChecks(_ item: ItemRecord) -> [String] {
        item.steps.flatMap { step in
            step.checks.filter { $0.verdict == .fail }.map { check in
                let number = step.outputFiles.firstIndex(of: check.file) ?? 0
                let file = item.outputs.indices.contains(number) ? item.outputs[number] : item.output ?? item.name
                return "\(item.name): \(file): the \(check.kind) check failed: \(check.findings.joined(separator: "; "))"
            }
        }
    }
}
