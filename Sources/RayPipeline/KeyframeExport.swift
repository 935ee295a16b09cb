import Foundation
import RayMedia
import RayModels

/// Ray 3.2 Edit guide frames pulled from a source clip: stills, `keyframes.json`, an optional contact sheet.
public enum KeyframeExport {
    /// What was written.
    public struct Result: Codable, Sendable {
        public let keyframes: [EditKeyframe]
        /// Path of `keyframes.json`.
        public let manifest: String
        /// Path of the contact sheet, if one was asked for.
        public let sheet: String?
    }

    /// Extracts the selected frames of `clip` into `directory` and writes `keyframes.json` beside them.
    ///
    /// Edit's rules (``KeyframeRules``: at most 64, within the clip, distinct) are checked before any frame
    /// is decoded; no file is overwritten unless `request.overwrite`.
    /// - Parameters:
    ///   - sheet: where to write a PNG contact sheet of the stills, or nil.
    ///   - isCancelled: polled before each still; true stops the export (`.cancelled`), its stills removed.
    /// - Throws: `MediaError` naming the clip or the file at fault.
    public static func run(clip: String, _ request: StillRequest, into directory: String, sheet: String? = nil,
                           isCancelled: () -> Bool = { false }) throws(MediaError) -> Result {
        try run(clip: Clip(clip, stream: request.stream), request, into: directory, sheet: sheet, isCancelled: isCancelled)
    }

    /// ``run(clip:_:into:sheet:isCancelled:)`` on a clip already open (its index reused).
    public static func run(clip: Clip, _ request: StillRequest, into directory: String, sheet: String? = nil,
                           isCancelled: () -> Bool = { false }) throws(MediaError) -> Result {
        let manifest = URL(fileURLWithPath: directory).appendingPathComponent("keyframes.json").path
        try AtomicFile.checkWritable(manifest, overwrite: request.overwrite)
        if let sheet { try AtomicFile.checkWritable(sheet, overwrite: request.overwrite) }
        let contactSheet = SheetUnderConstruction(sheet.map { _ in ContactSheet() })
        let stills = try StillExtractor.extract(from: clip, request, into: directory, validate: { indexes, frameCount throws(MediaError) in
            if let problem = KeyframeRules.findings(indexes, sourceFrameCount: frameCount).first(where: { $0.severity == .error }) {
                throw MediaError(.invalidRequest, file: clip.path, problem.message)
            }
        }, onStill: { still, image in
            contactSheet.add(image, frame: still.frameIndex, seconds: still.timestamp)
        }, isCancelled: isCancelled)
        let keyframes = stills.map { EditKeyframe(keyframeIndex: $0.frameIndex, file: $0.file, timestamp: $0.timestamp) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(keyframes) } catch { throw MediaError(.failed, file: manifest, "\(error)") }
        try AtomicFile.write(json, to: manifest, overwrite: request.overwrite)
        if let sheet, let contactSheet = contactSheet.finished {
            try contactSheet.render().write(to: sheet, format: .png, overwrite: request.overwrite)
        }
        return Result(keyframes: keyframes, manifest: manifest, sheet: sheet)
    }
}

/// The contact sheet that stills are added to from the stills' worker threads, behind an `NSLock`
/// (not `Synchronization.Mutex`, which ThreadSanitizer cannot see on Linux: see RayMedia's `Locked`).
private final class SheetUnderConstruction: @unchecked Sendable {
    private let lock = NSLock()
    private var sheet: ContactSheet?

    init(_ sheet: ContactSheet?) { self.sheet = sheet }

    func add(_ image: RGBImage, frame: Int, seconds: Double) {
        lock.withLock { sheet?.add(image, frame: frame, seconds: seconds) }
    }

    var finished: ContactSheet? { lock.withLock { sheet } }
}
