import FuzzSupport
@_spi(Fuzzing) import RayMedia

/// Scans one input's frame index from memory and decodes one still (the middle frame, at most 256 pixels
/// a side, display-correct): a bad input may fail with a `MediaError`, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStills(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzzing.prepareDecoders()
    let clip = Clip(bytes: FuzzDriver.bytes(data, size))
    guard let timeline = try? clip.timeline() else { return 0 }
    precondition(!timeline.frameStarts.isEmpty && zip(timeline.frameStarts, timeline.frameStarts.dropFirst()).allSatisfy { $0 <= $1 },
                 "frame starts go backwards")
    if let still = try? StillExtractor.image(from: clip, at: .middle, size: .maxSide(256)) {
        precondition(still.frameIndex >= 0 && still.frameIndex < timeline.frameStarts.count, "still \(still.frameIndex) outside the clip")
        precondition(still.image.width > 0 && still.image.height > 0 && still.image.width <= 256 && still.image.height <= 256,
                     "still is \(still.image.width)x\(still.image.height)")
    }
    return 0
}

#if FUZZING
@_cdecl("FuzzStills_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzStills)
}
#else
@main enum Replay {
    static func main() { FuzzDriver.replay(CommandLine.arguments, fuzzStills) }
}
#endif
