import Foundation
import RayKitTestSupport
import RayMedia
import Testing

/// The async frame API (`Clip.probe()`, `frame(at:)`, `frames(at:)`, `frame16(at:)`) on stamped fixtures.
@Suite("Clip's async frame API")
struct ClipFramesTests {
    /// The stamp a frame carries.
    static func stamp(_ frame: DecodedFrame, _ spec: FixtureSpec) -> Int? {
        FrameStamp.read(frame.image, cell: Double(spec.stampCell(frame: frame.index)))
    }

    @Test("frame N carries stamp N, at the clip's display size",
          arguments: ["h264_bframes_aac.mp4", "rotated90.mp4", "rotated270.mp4", "anamorphic.mkv", "mirrored.mp4", "hevc10_hlg_opengop.mp4"])
    func frameCarriesItsStamp(_ file: String) async throws {
        let spec = Fixtures.spec(file)
        let clip = Clip(spec.path)
        for index in [0, spec.frameCount! / 2 + 1, spec.frameCount! - 1] {
            let frame = try await clip.frame(at: index)
            #expect(frame.index == index)
            #expect(frame.width == spec.displayWidth && frame.height == spec.displayHeight)
            #expect(frame.rgb.count == frame.width * frame.height * 3)
            #expect(Self.stamp(frame, spec) == index, "\(file) frame \(index)")
        }
    }

    @Test("frames(at:) sorts, drops repeats and yields each frame once, ascending")
    func framesAscending() async throws {
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        var seen: [Int] = []
        for try await frame in Clip(spec.path).frames(at: [61, 3, 30, 3, 89, 0]) {
            seen.append(frame.index)
            #expect(Self.stamp(frame, spec) == frame.index)
        }
        #expect(seen == [0, 3, 30, 61, 89])
    }

    @Test("a frame's seconds are its start after the first frame's")
    func seconds() async throws {
        // vfr.mp4: frames 0–19 last 1/30 s, the rest 1/15 s (fixtures/make.sh).
        let clip = Clip(Fixtures.path("vfr.mp4"))
        var seconds: [Double] = []
        for try await frame in clip.frames(at: [0, 20, 25]) { seconds.append(frame.seconds) }
        #expect(zip(seconds, [0, 20.0 / 30, 20.0 / 30 + 5.0 / 15]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(seconds)")
    }

    @Test("the pixels are those of the PNG still of the same frame", arguments: ["h264_bframes_aac.mp4", "anamorphic.mkv", "rotated90.mp4", "hevc10_pq.mp4"])
    func matchesStill(_ file: String) async throws {
        let spec = Fixtures.spec(file)
        let indexes = [1, spec.frameCount! - 2]
        let out = TemporaryDirectory()
        let stills = try StillExtractor.extract(from: spec.path, StillRequest(selectors: indexes.map { .index($0) }), into: out.path)
        var frames: [DecodedFrame] = []
        for try await frame in Clip(spec.path).frames(at: indexes) { frames.append(frame) }
        #expect(frames.count == stills.count)
        for (frame, still) in zip(frames, stills) {
            let png = try RGBImage(contentsOf: still.file)
            #expect(frame.index == still.frameIndex && frame.seconds == still.timestamp)
            #expect(frame.image == png, "\(file) frame \(frame.index)")
        }
    }

    @Test("16-bit frames are the 8-bit pixels with more precision: a 10-bit SDR clip, a rotated one",
          arguments: ["prores_pcm.mov", "rotated90.mp4"])
    func sixteenBitSDR(_ file: String) async throws {
        let spec = Fixtures.spec(file)
        let clip = Clip(spec.path)
        let index = spec.frameCount! - 3
        let deep = try await clip.frame16(at: index), shallow = try await clip.frame(at: index)
        #expect(deep.index == index && deep.transfer == .sdr)
        #expect(deep.width == shallow.width && deep.height == shallow.height && deep.rgb.count == deep.width * deep.height * 3)
        // libswscale's 8-bit output rounds its own way: within 3 levels, under one on average.
        let rounded = deep.rgb.map { UInt8((Double($0) / 257).rounded()) }
        let differences = zip(rounded, shallow.rgb).map { abs(Int($0) - Int($1)) }
        #expect(differences.max()! <= 3 && Double(differences.reduce(0, +)) / Double(differences.count) < 1)
        // From 10 bits, values between 8-bit steps: precision the 8-bit frame does not have.
        #expect(deep.rgb.contains { $0 % 257 != 0 } == (spec.bitDepth == 10))
        #expect(deep.width == spec.displayWidth && deep.height == spec.displayHeight)
        #expect(FrameStamp.read(RGBImage(width: deep.width, height: deep.height, pixels: rounded), cell: Double(spec.stampCell!)) == index)
    }

    @Test("an HDR clip's 16-bit frames keep its transfer, not tone-mapped", arguments: [("hevc10_pq.mp4", HDRKind.pq), ("hevc10_hlg_opengop.mp4", .hlg)])
    func sixteenBitHDR(_ file: String, _ transfer: HDRKind) async throws {
        let spec = Fixtures.spec(file)
        var frames: [DecodedFrame16] = []
        for try await frame in Clip(spec.path).frames16(at: [5, 0]) { frames.append(frame) }
        #expect(frames.map(\.index) == [0, 5])
        for frame in frames {
            #expect(frame.transfer == transfer && frame.width == spec.displayWidth && frame.height == spec.displayHeight)
            #expect(frame.rgb.contains { $0 % 257 != 0 })
        }
        // Tone-mapping changes the picture: the 8-bit frame is not the 16-bit one cut to 8 bits.
        let shallow = try await Clip(spec.path).frame(at: 5)
        #expect(frames[1].rgb.map { UInt8($0 >> 8) } != shallow.rgb)
    }

    @Test("an index past the end throws naming the file and the frame, before decoding anything")
    func pastTheEnd() async throws {
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let clip = Clip(spec.path)
        for index in [spec.frameCount!, -1] {
            let error = await #expect(throws: MediaError.self) { try await clip.frame(at: index) }
            #expect(error?.file == spec.path && error?.kind == .invalidRequest)
            #expect(error?.problem.contains("frame \(index) is outside the clip (frames 0…\(spec.frameCount! - 1))") == true, "\(String(describing: error))")
        }
        var yielded = 0
        let error = await #expect(throws: MediaError.self) {
            for try await _ in clip.frames(at: [0, 1, 1000]) { yielded += 1 }
        }
        #expect(yielded == 0 && error?.errorDescription?.hasPrefix(spec.path) == true)
    }

    @Test("a missing file throws naming it")
    func missingFile() async {
        let error = await #expect(throws: MediaError.self) { try await Clip("/nonexistent/take3.mov").frame(at: 0) }
        #expect(error?.file == "/nonexistent/take3.mov" && error?.kind == .fileNotFound)
    }

    @Test("a clip from bytes in memory gives the file's frames", arguments: ["h264_bframes_aac.mp4", "rotated90.mp4", "ts_midgop.ts"])
    func fromBytes(_ file: String) async throws {
        let spec = Fixtures.spec(file)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: spec.path)))
        let index = spec.frameCount! - 1
        let fromMemory = try await Clip(bytes: bytes, name: file).frame(at: index)
        #expect(fromMemory == (try await Clip(spec.path).frame(at: index)))
        #expect(Self.stamp(fromMemory, spec) == index)
    }

    @Test("the async probe is the synchronous one")
    func asyncProbe() async throws {
        let path = Fixtures.path("anamorphic.mkv")
        let probe = try await Clip(path).probe()
        #expect(probe == (try Self.synchronousProbe(path)))
        #expect(probe.video.frameCount == Fixtures.spec("anamorphic.mkv").frameCount)
    }

    /// In synchronous code Swift picks the synchronous `probe()`.
    static func synchronousProbe(_ path: String) throws -> ProbeResult {
        try Clip(path).probe()
    }
}
