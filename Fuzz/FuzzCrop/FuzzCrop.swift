import Foundation
import FuzzSupport
@_spi(Fuzzing) import RayMedia
import RayCanvas

/// Crops the first few frames of one input read from memory: the middle half of the picture, scaled to
/// 64x64 or kept at its size (the last byte picks), H.264 ultrafast on one thread, written to a file in
/// /dev/shm. HDR sources are tone-mapped to that H.264 (RayKit's own path) rather than kept in HEVC
/// 10-bit: opening libx265 takes longer than everything else in an execution. A bad input may fail with a
/// `MediaError`, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCrop(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzzing.prepareDecoders()
    let bytes = FuzzDriver.bytes(data, size)
    let clip = Clip(bytes: bytes)
    guard let probe = try? clip.probe(), let timeline = try? clip.timeline() else { return 0 }
    let even = { (n: Int) in n / 2 * 2 }
    let display = (width: probe.video.displayWidth, height: probe.video.displayHeight)
    guard display.width >= 2 && display.height >= 2 else { return 0 }
    let window = CropRect(x: even(display.width / 4), y: even(display.height / 4),
                          width: max(2, even(display.width / 2)), height: max(2, even(display.height / 2)))
    let keepSize = (bytes.last ?? 0) & 1 == 1 && window.width <= 640 && window.height <= 640
    let output = keepSize ? PixelSize(width: window.width, height: window.height) : PixelSize(width: 64, height: 64)
    // A few frames: up to the fifth frame's start.
    let starts = timeline.frameStarts
    let trim = starts.count > 4 && starts[4] > 0 ? 0...starts[4] : nil
    let settings = CropSettings(window: window, output: output, encode: EncodeOptions(codec: .h264, preset: "ultrafast", threads: 1),
                                trim: trim, overwrite: true)
    if let cropped = try? ClipCropper.crop(clip, to: outputPath, settings) {
        precondition(cropped.frames > 0 && cropped.frames <= max(starts.count, 1) * 2, "\(cropped.frames) frames out of \(starts.count)")
        precondition(cropped.width == output.width && cropped.height == output.height, "crop is \(cropped.width)x\(cropped.height)")
    }
    return 0
}

/// One output file per process, replaced by every crop (in memory: /dev/shm).
private let outputPath: String = {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return (folder as NSString).appendingPathComponent("raykit-fuzzcrop-\(getpid()).mp4")
}()

#if FUZZING
@_cdecl("FuzzCrop_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    atexit { unlink(outputPath) }
    return FuzzDriver.run(argc, argv, fuzzCrop)
}
#else
@main enum Replay {
    static func main() {
        FuzzDriver.replay(CommandLine.arguments, fuzzCrop)
        unlink(outputPath)
    }
}
#endif
