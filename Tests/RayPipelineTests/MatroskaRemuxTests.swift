import Foundation
import RayKitTestSupport
import RayMedia
import RayPipeline
import Testing

/// Issue #17: Matroska stores presentation times only, so a remux of H.264/HEVC with B-frames into MP4
/// must rebuild the decode times (the muxer refused "non monotonically increasing dts").
@Suite("B-frames in Matroska remuxed to MP4")
struct MatroskaRemuxTests {
    @Test("preflight --fix remuxes every packet untouched, and every frame reads its own stamp",
          arguments: ["bframes_h264.mkv", "bframes_hevc.mkv"])
    func remuxKeepsEveryFrame(_ file: String) throws {
        let spec = Fixtures.spec(file)
        let out = TemporaryDirectory()
        let fixed = out.file("fixed.mp4")
        #expect(try Preflight.planFix(spec.path, .init(resolution: .p540)).method == .remux)
        let report = try Preflight.fix(spec.path, to: fixed, for: .edit, .init(resolution: .p540))
        let probe = try #require(report.probe)
        #expect(probe.container.hasPrefix("mov") && probe.video.codec == spec.videoCodec)
        #expect(probe.video.frameCount == spec.frameCount)
        #expect(abs(probe.video.duration! - spec.durationSeconds!) < 0.001)
        #expect(try StoredPackets.read(fixed, .video).map(\.data) == StoredPackets.read(spec.path, .video).map(\.data))
        let decodeTimes = try StoredPackets.read(fixed, .video).map { try #require($0.decodeTime) }
        #expect(zip(decodeTimes, decodeTimes.dropFirst()).allSatisfy { $0 < $1 })
        let stills = try StillExtractor.extract(from: fixed, StillRequest(selectors: [.every(1)]), into: out.file("stills"))
        #expect(stills.count == spec.frameCount)
        #expect(try stills.map { try FrameStamp.read(file: $0.file, cell: Double(spec.stampCell!)) } == Array(0..<spec.frameCount!))
    }
}
