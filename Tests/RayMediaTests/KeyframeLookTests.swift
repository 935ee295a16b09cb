import RayKitTestSupport
@testable import RayMedia
import Testing

@Suite("keyframe look")
struct KeyframeLookTests {
    @Test("the stretches between keyframes that hold a change that comes and goes are not quiet; those of the still picture are")
    func quietStretches() throws {
        let folder = TemporaryDirectory()
        let clip = Clip(try Fixtures.edited("shots.mp4", Fixtures.comingAndGoingFilter, into: folder, gop: 60))
        let source = try clip.frameSource()
        source.roughPictures = true
        let look = try KeyframeLook(source, ShotDetector.Options())
        #expect(look.keyframes.map(\.frame) == Array(stride(from: 0, to: 600, by: 60)))
        // The dip (130-150), the cut away and back (250-265) and the flash (400-402), then the still picture.
        for k in [2, 4, 6] { #expect(!look.isQuiet(k), "frames \(look.keyframes[k].frame)-\(look.keyframes[k + 1].frame)") }
        for k in [0, 1, 3, 7, 8] { #expect(look.isQuiet(k), "frames \(look.keyframes[k].frame)-\(look.keyframes[k + 1].frame)") }
        #expect(look.packetBytes.allSatisfy { $0 > 0 })
    }
}
