import Foundation
import RayCanvas
import RayMedia

/// Every frame of a clip as a small luma picture, one byte a sample: what the checks compare, kept for the
/// whole clip from one decoding pass (about 10 kB a frame at 128 pixels wide).
struct FrameLumas: Sendable {
    let width: Int, height: Int
    private var frames: [[UInt8]] = []

    /// Reads `clip` once: the display-space `window` of each frame (the whole picture when nil) scaled to `size`.
    init(_ clip: Clip, window: CropRect? = nil, size: PixelSize) throws(MediaError) {
        (width, height) = (size.width, size.height)
        var frames: [[UInt8]] = []
        try ClipPictures.each(clip, window: window, size: size) { _, image throws(MediaError) in
            frames.append(LumaPicture(image).values.map { UInt8(max(0, min(255, $0.rounded()))) })
        }
        self.frames = frames
    }

    var count: Int { frames.count }

    /// Frame `index` as a picture to measure with.
    subscript(index: Int) -> LumaPicture {
        LumaPicture(width: width, height: height, values: frames[index].map(Float.init))
    }

    /// Reads two clips side by side, each on a thread of its own: the two decoders share the cores as
    /// ffmpeg's do when it reads two inputs.
    static func read(_ first: @escaping @Sendable () throws(MediaError) -> FrameLumas,
                     _ second: @escaping @Sendable () throws(MediaError) -> FrameLumas) throws(MediaError) -> (FrameLumas, FrameLumas) {
        let lock = NSLock()
        nonisolated(unsafe) var results: [Result<FrameLumas, MediaError>?] = [nil, nil]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let result = Result { () throws(MediaError) in try (i == 0 ? first : second)() }
            lock.withLock { results[i] = result }
        }
        return (try results[0]!.get(), try results[1]!.get())
    }
}
