import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import RayPipeline
import Testing

@Suite("Canvas report and Reframe preview")
struct CanvasReportTests {
    @Test("a clip's display size drives the plan: the rotated phone clip is portrait")
    func probedSource() throws {
        let spec = Fixtures.spec("rotated90.mp4")
        let size = try CanvasReport.sourceSize(spec.path)
        #expect(size == PixelSize(width: spec.displayWidth!, height: spec.displayHeight!))
        let report = try CanvasReport.make(source: size, wanted: SupportedRatio.landscape16x9.ratio)
        let plan = try #require(report.reframe)
        #expect(plan.canvas.height == spec.displayHeight)
        #expect(plan.marginLeft + plan.marginRight + spec.displayWidth! == plan.canvas.width)
        #expect(report.recommendation.crop == nil)
    }

    @Test("an unsupported ratio recommends a supported one and the crop after")
    func unsupported() throws {
        let report = try CanvasReport.make(source: PixelSize(width: 1920, height: 1080), wanted: AspectRatio(parsing: "2.39:1")!)
        #expect(report.recommendation.ask == .cinema21x9)
        let crop = try #require(report.recommendation.crop)
        #expect(crop.source == SupportedRatio.cinema21x9.outputSize(at: .p1080))
        #expect(report.reframe?.target == .cinema21x9)
    }

    @Test("the same ratio has nothing to outpaint")
    func sameRatio() throws {
        let report = try CanvasReport.make(source: PixelSize(width: 1920, height: 1080), wanted: AspectRatio(16, 9))
        #expect(report.reframe == nil)
        #expect(report.reframeProblem != nil)
    }

    @Test("the preview shows the middle frame where the plan puts it, and hatching around it")
    func preview() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let plan = try ReframePlan.plan(source: PixelSize(width: spec.displayWidth!, height: spec.displayHeight!), target: .portrait9x16)
        try CanvasReport.writePreview(clip: spec.path, plan: plan, to: out.file("preview.png"), overwrite: false)
        let image = try RGBImage(contentsOf: out.file("preview.png"))
        #expect(image.width == plan.canvas.width && image.height == plan.canvas.height, "small canvases are drawn at full size")
        // The source sits at its plan position: its stamp reads the middle frame.
        let cell = Double(spec.stampCell!)
        let centerX = Double(plan.sourceX + spec.displayWidth! / 2), centerY = Double(plan.sourceY + spec.displayHeight! / 2)
        #expect(FrameStamp.read(image, cell: cell, centerX: centerX, centerY: centerY) == spec.frameCount! / 2)
        // Above the source: hatching (blue-dominant), not picture.
        let hatch = image[image.width / 2, plan.sourceY / 2]
        #expect(hatch.b > hatch.r && hatch.b > hatch.g)
    }
}
