import Foundation
import RayKitTestSupport
@_spi(Fuzzing) import RayMedia
import Testing

/// Clips read from memory through a custom AVIOContext (what the fuzz targets use) are the same clips.
@Suite("clips read from memory")
struct MemoryInputTests {
    static let files = Fixtures.videos.map(\.file)

    @Test("a clip read from memory probes as the file does", arguments: files)
    func probeMatchesFile(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path(file))))
        let fromFile = try Clip(Fixtures.path(file)).probe()
        let fromMemory = try Clip(bytes: bytes, name: Fixtures.path(file)).probe()
        #expect(fromMemory == fromFile)
    }

    @Test("stills decoded from memory carry the frame number asked for", arguments: ["editlist.mp4", "ts_midgop.ts", "raw.h264", "vfr.mkv"])
    func stillFromMemory(_ file: String) throws {
        let spec = Fixtures.spec(file)
        let clip = Clip(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: spec.path))), name: file)
        let count = try clip.probe().video.frameCount
        let out = TemporaryDirectory()
        let stills = try StillExtractor.extract(from: clip, StillRequest(selectors: [.index(count - 1), .index(count / 2), .start]), into: out.path)
        #expect(stills.map(\.frameIndex) == [0, count / 2, count - 1])
        for still in stills {
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == still.frameIndex)
        }
    }

    @Test("empty bytes are an empty file, garbage is not media")
    func badBytes() {
        #expect(throws: MediaError.self) { try Clip(bytes: [], name: "empty").probe() }
        #expect((try? Clip(bytes: [], name: "empty").probe()) == nil)
        do {
            _ = try Clip(bytes: Array("not a video at all".utf8), name: "text").probe()
            Issue.record("garbage probed")
        } catch {
            #expect(error.kind == .notMedia)
            #expect(error.file == "text")
        }
    }
}
