import Foundation
import RayKitTestSupport
import RayMedia
import Testing

@Suite("Stills by exact frame index")
struct StillTests {
    /// First, last, around the first keyframe interval, the middle, and 64 random frames (fixed seed).
    static func interestingFrames(_ spec: FixtureSpec) -> [Int] {
        let count = spec.frameCount!, gop = spec.gop ?? count
        var generator = SeededGenerator(seed: UInt64(count))
        let random = (0..<64).map { _ in Int.random(in: 0..<count, using: &generator) }
        return Set([0, 1, 2, gop - 1, gop, gop + 1, count / 2, count - 2, count - 1] + random)
            .filter { $0 >= 0 && $0 < count }.sorted()
    }

    @Test("each still carries the stamp of the frame asked for", arguments: Fixtures.videos)
    func stampsMatch(_ spec: FixtureSpec) throws {
        let out = TemporaryDirectory()
        let frames = Self.interestingFrames(spec)
        let stills = try StillExtractor.extract(from: spec.path, StillRequest(selectors: frames.map { .index($0) }), into: out.path)
        #expect(stills.map(\.frameIndex) == frames)
        for still in stills {
            // Each frame at its own size (a mid-stream size change included), never squashed to the first's.
            let size = spec.displaySize(frame: still.frameIndex)
            #expect(still.width == size.width && still.height == size.height)
            let image = try RGBImage(contentsOf: still.file)
            #expect(image.width == size.width && image.height == size.height)
            #expect(FrameStamp.read(image, cell: Double(spec.stampCell(frame: still.frameIndex))) == still.frameIndex, "\(still.file)")
        }
    }

    @Test("one frame at a time, each from a cold start, gives the same frames", arguments: Fixtures.videos)
    func singleFrames(_ spec: FixtureSpec) throws {
        let out = TemporaryDirectory()
        let count = spec.frameCount!
        for frame in Set([0, count - 1, (spec.gop ?? 1) - 1, count / 2 + 1]).filter({ $0 >= 0 && $0 < count }) {
            let still = try #require(try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.index(frame)]), into: out.path).first)
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell(frame: frame))) == frame)
        }
    }

    @Test("start, end, from-the-end and every:N name the right frames")
    func namedSelectors() throws {
        let spec = Fixtures.spec("hevc10_hlg_opengop.mp4")
        let out = TemporaryDirectory()
        let stills = try StillExtractor.extract(from: spec.path, StillRequest(selectors: try FrameSelector.parseList("start,end,-2,every:24")), into: out.path)
        let count = spec.frameCount!
        #expect(stills.map(\.frameIndex) == [0, 24, 48, count - 2, count - 1])
        for still in stills {
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == still.frameIndex)
        }
    }

    @Test("@seconds picks the frame on screen at that time, variable frame rate included")
    func timestamps() throws {
        let out = TemporaryDirectory()
        // vfr.mp4: frames 0–19 last 1/30 s, the rest 1/15 s (fixtures/make.sh).
        let vfr = Fixtures.spec("vfr.mp4")
        let cases: [(Double, Int)] = [(0, 0), (0.5, 15), (0.66, 19), (0.6667, 20), (1.0, 25), (3.3, 59)]
        let stills = try StillExtractor.extract(from: vfr.path, StillRequest(selectors: cases.map { .time($0.0) }), into: out.path)
        #expect(stills.map(\.frameIndex) == cases.map(\.1))
        for still in stills {
            #expect(try FrameStamp.read(file: still.file, cell: Double(vfr.stampCell!)) == still.frameIndex)
        }
        // MPEG-TS starting near 3600 s: times count from the first frame, not the file's clock.
        let ts = Fixtures.spec("ts_offset.ts")
        let tsStill = try #require(try StillExtractor.extract(from: ts.path, StillRequest(selectors: [.time(1.0)]), into: out.path).first)
        #expect(tsStill.frameIndex == 30)
        #expect(try FrameStamp.read(file: tsStill.file, cell: Double(ts.stampCell!)) == 30)
    }

    @Test("--raw keeps coded pixels; --max-side and --resolution scale the display picture")
    func sizes() throws {
        let out = TemporaryDirectory()
        let rotated = Fixtures.spec("rotated90.mp4")
        let raw = try StillExtractor.extract(from: rotated.path, StillRequest(selectors: [.index(3)], raw: true), into: out.file("raw"))
        #expect(raw.first?.width == rotated.codedWidth && raw.first?.height == rotated.codedHeight)
        let anamorphic = Fixtures.spec("anamorphic.mkv")
        let small = try StillExtractor.extract(from: anamorphic.path, StillRequest(selectors: [.index(7)], size: .maxSide(427)), into: out.file("small"))
        #expect(small.first?.width == 427 && small.first?.height == 240)
        #expect(try FrameStamp.read(file: small.first!.file, cell: Double(anamorphic.stampCell!) / 2) == 7)
        let big = try StillExtractor.extract(from: rotated.path, StillRequest(selectors: [.index(9)], size: .shortSide(720)), into: out.file("big"))
        #expect(big.first?.width == 720 && big.first?.height == 1280)
        #expect(try FrameStamp.read(file: big.first!.file, cell: Double(rotated.stampCell!) * 2) == 9)
    }

    @Test("JPEG stills decode to the same frame")
    func jpeg() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let stills = try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.index(31), .index(62)], format: .jpeg, quality: 80), into: out.path)
        #expect(stills.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["frame_000031.jpg", "frame_000062.jpg"])
        for still in stills {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: still.file))
            #expect(bytes.prefix(3) == Data([0xFF, 0xD8, 0xFF]), "JPEG magic")
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == still.frameIndex)
        }
    }

    @Test("bad selectors fail before anything is written", arguments: ["90", "-91", "5,5", "start,0", "@3.0s", "@9s", "end,-1", "@0.01s,0"])
    func badSelection(_ text: String) throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let error = #expect(throws: MediaError.self) {
            try StillExtractor.extract(from: spec.path, StillRequest(selectors: try FrameSelector.parseList(text)), into: out.path)
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.errorDescription?.hasPrefix(spec.path) == true)
        #expect(out.contents.isEmpty)
    }

    @Test("malformed selectors are refused", arguments: ["", "x", "1,,2", "@", "@-1s", "every:0", "every:", "--1", "1.5"])
    func malformed(_ text: String) {
        #expect(throws: FrameSelectorError.self) { try FrameSelector.parseList(text) }
    }

    @Test("existing stills are kept unless overwrite is asked for")
    func noOverwrite() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("scope239.mp4")
        let existing = out.file(StillExtractor.fileName(frame: 4, format: .png))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
        let error = #expect(throws: MediaError.self) {
            try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.index(3), .index(4)]), into: out.path)
        }
        #expect(error?.kind == .outputExists)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        #expect(out.contents == ["frame_000004.png"])
        _ = try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.index(4)], overwrite: true), into: out.path)
        #expect(try FrameStamp.read(file: existing, cell: Double(spec.stampCell!)) == 4)
    }

    @Test("bad files are refused with the file named", arguments: Fixtures.bad)
    func badFiles(_ spec: FixtureSpec) {
        let out = TemporaryDirectory()
        let error = #expect(throws: MediaError.self) {
            try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.start]), into: out.path)
        }
        #expect(error?.errorDescription?.hasPrefix(spec.path + ": ") == true)
        #expect(out.contents.isEmpty)
    }
}
