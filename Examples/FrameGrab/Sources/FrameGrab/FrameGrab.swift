import Foundation
import RayKit

/// `FrameGrab CLIP FRAME OUT.ppm`: probes a clip, decodes a few frames in one pass, works out a Reframe canvas,
/// plans the Reframe request, and writes frame FRAME's pixels as a binary PPM (P6).
@main
struct FrameGrab {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 3, let index = Int(arguments[arguments.startIndex + 1]) else {
            FileHandle.standardError.write(Data("usage: FrameGrab CLIP FRAME OUT.ppm\n".utf8))
            exit(64)
        }
        let (path, output) = (arguments[arguments.startIndex], arguments[arguments.startIndex + 2])
        do {
            try await grab(path, frame: index, to: output)
        } catch {
            FileHandle.standardError.write(Data("FrameGrab: \(error.localizedDescription)\n".utf8))
            exit(1)
        }
    }

    static func grab(_ path: String, frame index: Int, to output: String) async throws {
        // Probe: exact frame count, display size, nearest Ray ratio.
        let clip = Clip(path)
        let video = try await clip.probe().video
        print("clip     \(path): \(video.displayWidth)x\(video.displayHeight), \(video.frameCount) frames, nearest ratio \(video.nearestSupportedRatio.rawValue)")

        // Frames: the first, the one asked for and the last, decoded in one forward pass.
        var wanted: DecodedFrame?
        for try await frame in clip.frames(at: [0, index, video.frameCount - 1]) {
            print("frame    \(frame.index) at \(String(format: "%.3f", frame.seconds)) s, \(frame.width)x\(frame.height)")
            if frame.index == index { wanted = frame }
        }

        // Canvas: where the picture sits on a Reframe canvas of the other orientation.
        let target: SupportedRatio = video.displayWidth >= video.displayHeight ? .portrait9x16 : .landscape16x9
        let canvas = try ReframePlan.plan(source: PixelSize(width: video.displayWidth, height: video.displayHeight), target: target)
        print("canvas   \(target.rawValue): \(canvas.canvas), picture at (\(canvas.sourceX), \(canvas.sourceY)), "
              + "\(Int((canvas.outpaintedFraction * 100).rounded())) % outpainted")

        // Plan: the Reframe request as it would be sent, with its preflight findings (nothing is uploaded).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("framegrab-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try RequestPlanner.reframe(ReframeInput(prompt: "extend the scene", aspectRatio: target), video: path, folder: folder)
        print("plan     \(plan.model.rawValue) → \(plan.endpoint): \(plan.verdict.rawValue), \(plan.findings.count) findings, uploads \(plan.files.count) file(s)")

        // The frame's pixels, exactly as `raykit frames` writes them as PNG.
        guard let frame = wanted else { return }
        let header = Data("P6\n\(frame.width) \(frame.height)\n255\n".utf8)
        try (header + Data(frame.rgb)).write(to: URL(fileURLWithPath: output))
        print("wrote    \(output)")
    }
}
