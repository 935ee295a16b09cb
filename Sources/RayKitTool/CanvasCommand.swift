import ArgumentParser
import Foundation
import RayCanvas
import RayMedia
import RayPipeline

extension RayKit {
    /// `raykit canvas CLIP|WxH --to RATIO`: Reframe's canvas, and for unsupported ratios what to ask for and how to crop.
    struct Canvas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan Reframe's canvas: margins, outpainted share, delivered size and scale; for other ratios, what to ask Ray for and the crop after."
        )

        @OptionGroup var options: GlobalOptions<MediaLog>

        @Argument(help: "A clip (its display size is probed) or a size WxH.")
        var source: String

        @Option(help: "Wanted ratio: one of Ray's six or any other (2.39:1, 4:5, 1.85).")
        var to: AspectRatio?

        @Option(help: "Resolution for the delivered size and the crop after: 540p, 720p or 1080p.")
        var resolution: Resolution = .p1080

        @Option(help: "Where the source sits on the canvas: center, left, right, top, bottom or x,y (0-1).")
        var placement: Anchor = .center

        @Flag(help: "Print the table for all six supported ratios.")
        var all = false

        @Option(help: "With a clip: write a PNG of its middle frame on the new canvas, new pixels hatched.")
        var preview: String?

        @Flag(help: "Overwrite the preview if it exists.")
        var force = false

        func validate() throws {
            guard all || to != nil else { throw ValidationError("give --to RATIO or --all") }
            if preview != nil && (all || PixelSize(parsing: source) != nil) { throw ValidationError("--preview needs a clip and one --to ratio") }
        }

        func run() async throws {
            options.apply()
            try Output.reporting {
                let size = try CanvasReport.sourceSize(source)
                let wanted = all ? SupportedRatio.allCases.map(\.ratio) : [to!]
                let reports: [CanvasReport]
                do throws(CanvasError) {
                    reports = try wanted.map { ratio throws(CanvasError) in
                        try CanvasReport.make(source: size, wanted: ratio, resolution: resolution, placement: placement)
                    }
                } catch {
                    throw CanvasProblem(source: source, error: error)
                }
                if let preview, let plan = reports.first?.reframe {
                    try CanvasReport.writePreview(clip: source, plan: plan, to: preview, overwrite: force)
                }
                if options.json {
                    print(all ? try Output.json(reports) : try Output.json(reports[0]))
                } else if all {
                    print(CanvasText.table(reports, resolution: resolution))
                } else {
                    print(CanvasText.describe(reports[0], resolution: resolution))
                    if let preview { print("preview → \(Output.oneLine(preview))") }
                }
                // One ratio asked for, Reframe refused it and no crop answers it (the source is already there): a failure.
                if !all && !reports[0].answersRequest { throw ExitCode.failure }
            }
        }
    }
}

/// A canvas that cannot be planned, naming the size or clip it was asked for.
struct CanvasProblem: LocalizedError {
    let source: String
    let error: CanvasError
    var errorDescription: String? { "\(source): \(error.errorDescription ?? "\(error)")" }
}

/// The human-readable form of canvas plans.
enum CanvasText {
    static func describe(_ report: CanvasReport, resolution: Resolution) -> String {
        var lines = ["source \(report.source) (\(report.source.ratio)) → \(report.wanted)"]
        let rec = report.recommendation
        if let crop = rec.crop {
            lines.append("  \(report.wanted) is not a Ray ratio: ask for \(rec.ask.rawValue), then crop \(percent(rec.areaLost)) away")
            let w = crop.window
            lines.append("  at \(resolution.rawValue): \(crop.source) → window \(w.width)x\(w.height) at (\(w.x),\(w.y))"
                + (crop.needsScaling ? " scaled to \(crop.output)" : ""))
        }
        guard let plan = report.reframe else {
            if rec.crop != nil {
                lines.append("  Reframe: not needed, \(report.source) is already \(rec.ask.rawValue): crop it \(percent(rec.areaLost)) away to \(report.wanted)")
            } else {
                lines.append("  Reframe: \(report.reframeProblem ?? "nothing to do")")
            }
            return lines.joined(separator: "\n")
        }
        lines.append("  Reframe canvas \(plan.canvas) (\(plan.target.rawValue)), source at (\(plan.sourceX),\(plan.sourceY))")
        lines.append("  margins left \(plan.marginLeft), right \(plan.marginRight), top \(plan.marginTop), bottom \(plan.marginBottom); \(percent(plan.outpaintedFraction)) outpainted")
        for d in plan.delivered {
            lines.append("  \(d.resolution.rawValue): delivered \(d.size), source shown at \(d.sourceSize) (scale \(String(format: "%.3f", d.sourceScale)))")
        }
        lines += plan.warnings.map { "  warning: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func table(_ reports: [CanvasReport], resolution: Resolution) -> String {
        var lines = ["ratio  canvas        outpainted  delivered @\(resolution.rawValue)  source scale"]
        for report in reports {
            let name = (SupportedRatio(report.wanted)?.rawValue ?? report.wanted.description).padding(toLength: 6, withPad: " ", startingAt: 0)
            guard let plan = report.reframe else {
                lines.append("\(name) (source ratio: nothing to outpaint)")
                continue
            }
            let d = plan.delivered.first { $0.resolution == resolution }!
            lines.append(name + " " + "\(plan.canvas)".padding(toLength: 13, withPad: " ", startingAt: 0)
                + " " + percent(plan.outpaintedFraction).padding(toLength: 11, withPad: " ", startingAt: 0)
                + " " + "\(d.size)".padding(toLength: 17, withPad: " ", startingAt: 0) + " " + String(format: "%.3f", d.sourceScale))
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
}
