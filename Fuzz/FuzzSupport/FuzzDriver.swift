import Foundation

/// What every fuzz target shares: one input in, nothing out but a crash when something is wrong.
///
/// Built with `-sanitize=fuzzer,address -DFUZZING` (`make fuzz`), a target's `main` hands over to
/// libFuzzer's driver (`LLVMFuzzerRunDriver`), which feeds `LLVMFuzzerTestOneInput`. Built normally
/// (`swift build`), the same target replays the files named on its command line through the same
/// entry point: how a crash found by the fuzzer is reproduced without it.
public enum FuzzDriver {
    /// The entry point a target exports as `LLVMFuzzerTestOneInput`.
    public typealias Entry = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// The input as bytes (libFuzzer may pass a null pointer for an empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

#if FUZZING
    /// Runs libFuzzer with the process's arguments (`-max_total_time=…`, corpus folders).
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ entry: Entry) -> Int32 {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, entry)
    }
#endif

    /// Feeds each file named in `arguments` (folders: each file in them) to `entry`, saying which as it goes.
    public static func replay(_ arguments: [String], _ entry: Entry) {
        var files: [String] = []
        for argument in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                files += names.sorted().map { (argument as NSString).appendingPathComponent($0) }
            } else {
                files.append(argument)
            }
        }
        if files.isEmpty {
            FileHandle.standardError.write(Data("usage: \(arguments.first ?? "fuzz-target") FILE|DIR...\n".utf8))
            exit(64)
        }
        for file in files {
            let data = [UInt8](FileManager.default.contents(atPath: file) ?? Data())
            print("replaying \(file) (\(data.count) bytes)")
            _ = data.withUnsafeBufferPointer { entry($0.baseAddress, $0.count) }
        }
        print("replayed \(files.count) inputs")
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                 _ entry: FuzzDriver.Entry) -> Int32
#endif
