import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import RayModels
import RayPipeline
import Testing

@Suite("Preflight")
struct PreflightTests {
    /// The rules each fixture must trip for Edit at 540p, from what fixtures/make.sh put in.
    static let expected: [String: Set<String>] = [
        "h264_bframes_aac.mp4": [],
        "hevc10_hlg_opengop.mp4": ["source.hdr"],
        "hevc10_pq.mp4": ["source.hdr"],
        "vfr.mp4": ["source.vfr"],
        "rotated90.mp4": ["source.rotation"],
        "anamorphic.mkv": ["source.container", "source.anamorphic", "source.oddSize"],
        "ts_offset.ts": ["source.container"],
        "editlist.mp4": [],
        "scope239.mp4": [],
        "long35s.mp4": ["source.duration", "source.lowResolution"],
        "long70s.mp4": ["source.duration", "source.lowResolution"],
        "reframe_result_9x16.mp4": [],
        "prores_pcm.mov": ["source.container", "source.hdr", "source.lowResolution"],
        "late_video.mp4": ["source.lowResolution"],
        "shots.mp4": ["source.lowResolution"],
        "program_stream.mpg": ["source.container", "source.lowResolution"],
        "raw.h264": ["source.container", "source.lowResolution"],
        "raw.m2v": ["source.container", "source.lowResolution"],
        "ts_midgop.ts": ["source.container", "source.lowResolution"],
        "hevc_cra_rasl.ts": ["source.container", "source.lowResolution"],
        "fullrange_yuvj.mp4": ["source.lowResolution"],
        "range_tv_only.mp4": ["source.lowResolution"],
        "hdr10_mastering.mp4": ["source.hdr", "source.lowResolution"],
        "rotated180.mp4": ["source.rotation", "source.lowResolution"],
        "rotated270.mp4": ["source.rotation", "source.lowResolution"],
        "mirrored.mp4": ["source.rotation", "source.lowResolution"],
        "odd_444.mp4": ["source.oddSize"],
        "interlaced_mpeg2.ts": ["source.container"],
        "interlaced_h264.mp4": [],
        "fragmented.mp4": ["source.lowResolution"],
        "cover_art.mp4": ["source.lowResolution"],
        "two_video.mp4": ["source.lowResolution"],
        "no_cues.webm": ["source.lowResolution"],
        "vp9_opus.webm": ["source.lowResolution"],
        "av1.mp4": ["source.lowResolution"],
        "mjpeg.avi": ["source.container", "source.lowResolution"],
        "vfr_gap.avi": ["source.container", "source.vfr", "source.lowResolution"],
        "vfr.mkv": ["source.container", "source.vfr", "source.lowResolution"],
        "size_change.ts": ["source.container", "source.lowResolution"],
        "bframes_h264.mkv": ["source.container", "source.lowResolution"],
        "bframes_hevc.mkv": ["source.container", "source.lowResolution"],
        "pcm_nolayout.avi": ["source.container", "source.lowResolution"],
        "pcm_nolayout.mkv": ["source.container", "source.lowResolution"],
    ]

    @Test("each fixture gets exactly the findings its making implies", arguments: Fixtures.videos)
    func findings(_ spec: FixtureSpec) throws {
        let report = try Preflight.check(spec.path, for: .edit, .init(resolution: .p540))
        #expect(Set(report.findings.map(\.rule)) == Self.expected[spec.file], "\(report.findings)")
        let hasError = report.findings.contains { $0.severity == .error }
        #expect(report.verdict == (hasError ? .needsFixing : report.findings.isEmpty ? .ready : .readyWithWarnings))
        for finding in report.findings { #expect(!finding.fix.parts.isEmpty) }
    }

    @Test("--fix writes a source that preflights clean of everything it can fix", arguments: Fixtures.videos.filter {
        // A picture size that changes mid-stream is refused by the crop the fix uses (see CropJobTests).
        !(Self.expected[$0.file] ?? []).isEmpty && $0.file != "size_change.ts"
    })
    func fix(_ spec: FixtureSpec) throws {
        try checkFix(spec)
    }

    private func checkFix(_ spec: FixtureSpec) throws {
        let out = TemporaryDirectory()
        let fixed = out.file("fixed.mp4")
        let plan = try Preflight.planFix(spec.path, .init(resolution: .p540))
        let report = try Preflight.fix(spec.path, to: fixed, for: .edit, .init(resolution: .p540))
        let unfixable: Set<String> = ["source.lowResolution"]
        #expect(Set(report.findings.map(\.rule)).isSubset(of: unfixable), "\(report.findings)")
        #expect(report.verdict != .needsFixing)
        if (Self.expected[spec.file] ?? []).isDisjoint(with: unfixable) { #expect(report.verdict == .ready) }
        let probe = try MediaProbe.probe(fixed)
        #expect(probe.video.rotation == 0 && probe.video.sampleAspectRatio == AspectRatio(1, 1))
        #expect(probe.video.bitDepth == 8 && probe.video.color.hdr == .sdr)
        let source = try MediaProbe.probe(spec.path)
        if plan.method == .remux {
            #expect(probe.video.codec == source.video.codec, "a remux copies the video")
            if source.videoStreams.count == 1 {
                #expect(try StoredPackets.read(fixed, .video).map(\.data) == StoredPackets.read(spec.path, .video).map(\.data))
            }
        } else {
            #expect(probe.video.codec == "h264")
        }
        #expect(probe.duration! <= SourceLimits.maxSourceSeconds)
        #expect(probe.audio.count == (spec.audio == nil ? 0 : 1))
        #expect(probe.video.variableFrameRate == false)
        // Timing survives: the frame on screen halfway through the fixed file is the source's frame at that time
        // (frame positions may move where a variable rate was resampled), upright with square pixels.
        let half = min(spec.durationSeconds!, SourceLimits.maxSourceSeconds) / 2
        let original = try #require(StillExtractor.extract(from: spec.path, StillRequest(selectors: [.time(half)]), into: out.file("a")).first)
        let still = try #require(StillExtractor.extract(from: fixed, StillRequest(selectors: [.time(half)]), into: out.file("b")).first)
        #expect(still.width == probe.video.displayWidth && still.height == probe.video.displayHeight)
        let scale = Double(probe.video.displayHeight) / Double(spec.displayHeight!)
        #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!) * scale) == original.frameIndex)
        // Issue #9: the first frame gets the same colour handling as the rest (a full-range source's
        // patch keeps its colour in frame 0 as in the middle).
        if let x = spec.patchX, let y = spec.patchY, let w = spec.patchWidth, let h = spec.patchHeight, let rgb = spec.patchRGB {
            for index in [0, spec.frameCount! / 2] {
                let image = try StillExtractor.image(from: fixed, at: .index(index)).image
                let mean = PatchColor.mean(image, x: x + 4, y: y + 4, width: w - 8, height: h - 8)
                #expect(PatchColor.distance(mean, rgb) <= 8, "frame \(index): \(mean) vs \(rgb)")
            }
        }
    }

    @Test("--trim keeps the span asked for; a span over the limit is refused")
    func trim() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("long35s.mp4")
        let report = try Preflight.fix(spec.path, to: out.file("t.mp4"), for: .edit, .init(resolution: .p540), trim: 10...12)
        let probe = try #require(report.probe)
        #expect(probe.video.frameCount == 48)
        let first = try #require(StillExtractor.extract(from: out.file("t.mp4"), StillRequest(selectors: [.start]), into: out.file("s")).first)
        #expect(try FrameStamp.read(file: first.file, cell: Double(spec.stampCell!)) == 240)
        #expect(throws: MediaError.self) {
            try Preflight.fix(spec.path, to: out.file("u.mp4"), for: .edit, trim: 0...31)
        }
    }

    @Test("--hdr keeps HLG in HEVC 10-bit")
    func hdr() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("hevc10_hlg_opengop.mp4")
        let report = try Preflight.fix(spec.path, to: out.file("h.mp4"), for: .edit, .init(hdr: true, resolution: .p720))
        #expect(report.verdict == .ready, "\(report.findings)")
        let v = try #require(report.probe).video
        #expect(v.codec == "hevc" && v.bitDepth == 10 && v.color.hdr == .hlg)
    }

    @Test("Reframe: the same ratio is an error; 1080p portrait a warning; no target an error")
    func reframe() throws {
        let path = Fixtures.path("h264_bframes_aac.mp4")
        let same = try Preflight.check(path, for: .reframe, .init(target: .landscape16x9, resolution: .p540))
        #expect(same.findings.map(\.rule) == ["reframe.aspectRatio.same"])
        let portrait = try Preflight.check(path, for: .reframe, .init(target: .portrait9x16, resolution: .p1080))
        #expect(portrait.findings.map(\.rule).contains("reframe.resolution.portrait1080p"))
        let none = try Preflight.check(path, for: .reframe, .init(resolution: .p540))
        #expect(none.findings.map(\.rule) == ["reframe.aspectRatio.required"])
    }

    @Test("audio only: no video is a finding; a file that is not media is an error")
    func badFiles() throws {
        let audio = try Preflight.check(Fixtures.path("audio_only.m4a"), for: .edit)
        #expect(audio.findings.map(\.rule) == ["source.video"] && audio.verdict == .needsFixing)
        #expect(throws: MediaError.self) { try Preflight.check(Fixtures.path("not_media.mp4"), for: .edit) }
    }
}
