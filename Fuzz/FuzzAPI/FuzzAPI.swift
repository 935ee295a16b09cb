import FuzzSupport
@_spi(Fuzzing) import RayAPI

/// Handles one raw HTTP answer (status line, headers, body) as the Scenario client does for each
/// endpoint: decoded, or turned into a `ScenarioError`; never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    AnswerFuzzing.handle(FuzzDriver.bytes(data, size))
    return 0
}

#if FUZZING
@_cdecl("FuzzAPI_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzAPI)
}
#else
@main enum Replay {
    static func main() { FuzzDriver.replay(CommandLine.arguments, fuzzAPI) }
}
#endif
