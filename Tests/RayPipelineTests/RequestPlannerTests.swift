import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import RayModels
import RayPipeline
import Testing

@Suite("Request plans")
struct RequestPlannerTests {
    @Test("the surfer: a prompt alone is the whole body; defaults are not sent")
    func surfer() throws {
        let out = TemporaryDirectory()
        let prompt = "A lone surfer paddles toward a glassy point break at golden hour, slow handheld camera, warm volumetric light, cinematic 35mm look"
        let plan = try RequestPlanner.generate(.init(prompt: prompt), folder: out.path)
        #expect(plan.model.rawValue == "model_luma-ray-3-2")
        #expect(plan.endpoint == "/generate/custom/model_luma-ray-3-2")
        #expect(plan.body == .object(["prompt": .string(prompt)]))
        #expect(plan.files.isEmpty && plan.verdict == .ready)
    }

    @Test("the 16mm restyle: video, flex_2, 1080p, as the seed writes it")
    func restyle() throws {
        let out = TemporaryDirectory()
        var edit = EditInput(prompt: "Restyle the shot as a vintage 16mm film with warm tungsten lighting, heavy grain, and a 1970s color palette. Preserve the actor's blocking and camera motion.")
        edit.strength = .flex2
        edit.resolution = .p1080
        let plan = try RequestPlanner.edit(edit, video: "asset_source_clip", folder: out.path)
        guard case .object(let body) = plan.body else { Issue.record("body is not an object"); return }
        #expect(body["video"] == .string("asset_source_clip"))
        #expect(body["editStrength"] == .string("flex_2"))
        #expect(body["resolution"] == .string("1080p"))
        #expect(Set(body.keys) == ["prompt", "video", "editStrength", "resolution"])
        #expect(plan.model == .edit && plan.verdict == .ready)
    }

    @Test("the kitchen reframe: aspectRatio 9:16 at 1080p, with the portrait-1080p warning")
    func kitchen() throws {
        let out = TemporaryDirectory()
        let plan = try RequestPlanner.reframe(.init(prompt: "Extend the kitchen scene to the left and right, keeping the same warm tungsten lighting, copper cookware on the back wall, and a window with afternoon light spilling in.",
                                                    aspectRatio: .portrait9x16, resolution: .p1080), video: "asset_source_clip", folder: out.path)
        guard case .object(let body) = plan.body else { Issue.record("body is not an object"); return }
        #expect(body["aspectRatio"] == .string("9:16") && body["resolution"] == .string("1080p") && body["video"] == .string("asset_source_clip"))
        #expect(plan.findings.map(\.rule) == ["reframe.resolution.portrait1080p"])
        #expect(plan.verdict == .readyWithWarnings)
    }

    @Test("Edit keyframes from a clip: stills extracted at the indexes, a non-compliant source fixed and uploaded instead")
    func editWithKeyframes() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("anamorphic.mkv")
        var edit = EditInput(prompt: "Restyle the shot as a vintage 16mm film")
        edit.keyframes = KeyframeSource(parsing: "0,24,end")
        edit.resolution = .p540
        let plan = try RequestPlanner.edit(edit, video: spec.path, folder: out.path)
        #expect(plan.verdict != .needsFixing, "\(plan.findings)")
        let fixed = out.file("source.mp4")
        #expect(plan.files.first == fixed)
        #expect(plan.files.count == 4)
        guard case .object(let body) = plan.body, case .array(let keyframes)? = body["keyframes"] else { Issue.record("no keyframes"); return }
        #expect(body["video"] == .string("file://" + fixed))
        for (entry, index) in zip(keyframes, [0, 24, spec.frameCount! - 1]) {
            guard case .object(let k) = entry, case .string(let image)? = k["keyframeImage"] else { Issue.record("bad entry"); continue }
            #expect(k["keyframeIndex"] == .number(Double(index)))
            #expect(try FrameStamp.read(file: String(image.dropFirst("file://".count)), cell: Double(spec.stampCell!)) == index)
        }
    }

    @Test("invalid requests report every error at once and extract nothing")
    func invalid() throws {
        let out = TemporaryDirectory()
        let plan = try RequestPlanner.generate(.init(prompt: "x", startFrame: ImageSource(parsing: Fixtures.path("vfr.mp4") + "@end"),
                                                     duration: .ten, resolution: .p540, loop: true, hdr: true), folder: out.path)
        #expect(Set(plan.findings.filter { $0.severity == .error }.map(\.rule)).count >= 4)
        #expect(plan.verdict == .needsFixing)
        #expect(out.contents.isEmpty)
        var edit = EditInput(prompt: "restyle")
        edit.keyframes = KeyframeSource(parsing: Fixtures.path("vfr.mp4") + "@0,60")
        let outside = try RequestPlanner.edit(edit, video: Fixtures.path("vfr.mp4"), folder: out.path)
        #expect(outside.verdict == .needsFixing)
        #expect(out.contents.isEmpty)
    }

    @Test("keyframes by index of a source that is an asset id are refused: its frames are not here to read")
    func keyframesOfAnAsset() throws {
        var edit = EditInput(prompt: "restyle")
        edit.keyframes = KeyframeSource(parsing: "0,24")
        let plan = try RequestPlanner.edit(edit, video: "asset_source_clip", folder: TemporaryDirectory().path)
        #expect(plan.findings.map(\.rule) == ["edit.keyframes.remoteSource"] && plan.verdict == .needsFixing, "\(plan.findings)")
    }

    @Test("a start frame over 3.5 MB is recompressed as JPEG")
    func recompress() throws {
        let out = TemporaryDirectory()
        // Noise compresses badly: a 1400x1400 noisy PNG is about 5.9 MB.
        var generator = SeededGenerator(seed: 7)
        let big = RGBImage(width: 1400, height: 1400, pixels: (0..<(1400 * 1400 * 3)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try big.write(to: out.file("big.png"), format: .png, overwrite: false)
        let size = try FileManager.default.attributesOfItem(atPath: out.file("big.png"))[.size] as! Int
        #expect(Int64(size) > SourceLimits.recommendedImageBytes)
        let plan = try RequestPlanner.generate(.init(prompt: "animate this still", startFrame: .file(out.file("big.png"))), folder: out.file("plan"))
        #expect(plan.findings.map(\.rule) == ["image.recompressed"])
        let sent = try #require(plan.files.first)
        #expect(sent.hasSuffix(".jpg"))
        let sentSize = try FileManager.default.attributesOfItem(atPath: sent)[.size] as! Int
        #expect(Int64(sentSize) <= SourceLimits.recommendedImageBytes)
    }
}
