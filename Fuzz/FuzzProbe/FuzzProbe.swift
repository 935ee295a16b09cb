import FuzzSupport
@_spi(Fuzzing) import RayMedia

/// Probes one input read from memory, exact frame count included (the frame index scan, and a decode
/// pass where packets cannot tell): a bad input may fail with a `MediaError`, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProbe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzzing.prepareDecoders()
    _ = try? Clip(bytes: FuzzDriver.bytes(data, size)).probe()
    return 0
}

#if FUZZING
@_cdecl("FuzzProbe_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzProbe)
}
#else
@main enum Replay {
    static func main() { FuzzDriver.replay(CommandLine.arguments, fuzzProbe) }
}
#endif
