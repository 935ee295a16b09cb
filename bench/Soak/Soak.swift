import Foundation
import RayCanvas
import RayMedia

/// The soak (`make soak`): in one process, probe a clip, extract 64 stills and crop 60 frames, over and
/// over, and say how resident memory moved. Run under AddressSanitizer it is also the leak check
/// (LeakSanitizer reports at exit whatever was never freed).
///
///     Soak CLIP ITERATIONS WORK_FOLDER
@main enum Soak {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let iterations = Int(arguments[2]), iterations > 0 else {
            FileHandle.standardError.write(Data("usage: Soak CLIP ITERATIONS WORK_FOLDER\n".utf8))
            exit(64)
        }
        let (clip, work) = (arguments[1], arguments[3])
        let stillsFolder = (work as NSString).appendingPathComponent("stills")
        let cropPath = (work as NSString).appendingPathComponent("crop.mp4")
        let startRSS = residentKiB()

        let probe = try MediaProbe.probe(clip)
        let frames = probe.video.frameCount
        guard frames >= 64 else { throw MediaError(.invalidRequest, file: clip, "the soak needs at least 64 frames, the clip has \(frames)") }
        // 64 stills spread over the clip; a crop of the middle half over the first 60 frames.
        let stills = StillRequest(selectors: (0..<64).map { .index($0 * frames / 64) }, overwrite: true)
        let even = { (n: Int) in n / 2 * 2 }
        let (width, height) = (probe.video.displayWidth, probe.video.displayHeight)
        let window = CropRect(x: even(width / 4), y: even(height / 4), width: even(width / 2), height: even(height / 2))
        let starts = try StillExtractor.timeline(of: clip).frameStarts
        let crop = CropSettings(window: window, output: PixelSize(window), encode: EncodeOptions(preset: "ultrafast"),
                                trim: 0...starts[60], overwrite: true)

        // Resident memory climbs while the first iterations warm up (worker threads and their malloc arenas,
        // encoder and scaler caches) and must then stay flat: the baseline is taken after a tenth of the run.
        let warmUp = max(1, iterations / 10)
        var afterFirst = 0, baseline = 0
        var samples: [(Int, Int)] = []
        let started = Date()
        for iteration in 1...iterations {
            try autoreleasepool {
                _ = try MediaProbe.probe(clip)
                let written = try StillExtractor.extract(from: clip, stills, into: stillsFolder)
                precondition(written.count == 64, "\(written.count) stills")
                let cropped = try ClipCropper.crop(clip, to: cropPath, crop)
                precondition(cropped.frames == 60, "\(cropped.frames) frames cropped")
            }
            if iteration == 1 { afterFirst = residentKiB() }
            if iteration == warmUp { baseline = residentKiB() }
            if [1, 10, 50].contains(iteration) || iteration % 100 == 0 || iteration == iterations { samples.append((iteration, residentKiB())) }
        }
        let endRSS = residentKiB()
        let growth = baseline > 0 ? Double(endRSS - baseline) / Double(baseline) * 100 : 0
        print("soak: \(iterations) iterations of probe + 64 stills + 60-frame crop of \(clip) in \(String(format: "%.0f", Date().timeIntervalSince(started))) s")
        print("soak: RSS before any work \(startRSS) KiB, after iteration 1 \(afterFirst) KiB, after the warm-up (iteration \(warmUp)) \(baseline) KiB, "
              + "at the end \(endRSS) KiB: \(String(format: "%+.1f", growth))% since the warm-up")
        print("soak: RSS by iteration (KiB): " + samples.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
        try? FileManager.default.removeItem(atPath: stillsFolder)
        try? FileManager.default.removeItem(atPath: cropPath)
        if growth > 10 {
            print("soak: FAIL: resident memory grew more than 10% after the warm-up")
            exit(1)
        }
    }

    /// Resident set size of this process, KiB (`/proc/self/statm`).
    static func residentKiB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }
}

#if !canImport(ObjectiveC)
/// Foundation on Linux has no autorelease pool: the body simply runs.
func autoreleasepool<T>(invoking body: () throws -> T) rethrows -> T { try body() }
#endif
