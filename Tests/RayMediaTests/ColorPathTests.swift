import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// Issue #9: colour and picture-path defects of crops, proven from the pixels and the written tags.
@Suite("Crop colour and orientation")
struct ColorPathTests {
    static func crop(_ spec: FixtureSpec, window: CropRect, into out: TemporaryDirectory, name: String = "crop.mp4") throws -> String {
        let path = out.file(name)
        _ = try ClipCropper.crop(spec.path, to: path, CropSettings(window: window, output: PixelSize(width: window.width, height: window.height),
                                                                   encode: EncodeOptions(preset: "ultrafast")))
        return path
    }

    @Test("full range: frame 0 keeps the patch colour like every other frame, and the file says pc")
    func fullRangeFirstFrame() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("fullrange_yuvj.mp4")
        let (x, y, w, h) = (spec.patchX!, spec.patchY!, spec.patchWidth!, spec.patchHeight!)
        let window = CropRect(x: 8, y: 0, width: 240, height: 180)
        let path = try Self.crop(spec, window: window, into: out)

        // Full range is kept (no requantising to 16–235) and said in every tag.
        let color = try MediaProbe.probe(path).video.color
        #expect(color.range == "pc")
        #expect(color.primaries == "bt709" && color.transfer == "bt709" && color.matrix == "bt709")

        for index in [0, 1, spec.frameCount! / 2, spec.frameCount! - 1] {
            let source = try StillExtractor.image(from: spec.path, at: .index(index)).image
            let cropped = try StillExtractor.image(from: path, at: .index(index)).image
            let expected = PatchColor.mean(source, x: x + 4, y: y + 4, width: w - 8, height: h - 8)
            let got = PatchColor.mean(cropped, x: x - window.x + 4, y: y - window.y + 4, width: w - 8, height: h - 8)
            #expect(PatchColor.distance(expected, spec.patchRGB!) <= 6, "source frame \(index): \(expected)")
            #expect(PatchColor.distance(got, expected.map { Int($0.rounded()) }) <= 6, "frame \(index): \(got) vs source \(expected)")
            #expect(FrameStamp.read(cropped, cell: Double(spec.stampCell!), centerX: Double(spec.displayWidth! / 2 - window.x)) == index)
        }
    }

    @Test("a source that tags only its range comes out with range and what was assumed for the rest (SD: BT.601)")
    func rangeOnly() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("range_tv_only.mp4")
        let source = try MediaProbe.probe(spec.path).video.color
        #expect(source.range == "tv" && source.primaries == nil && source.matrix == nil && source.transfer == nil)
        let path = try Self.crop(spec, window: CropRect(x: 70, y: 0, width: 180, height: 180), into: out)
        let color = try MediaProbe.probe(path).video.color
        #expect(color.range == "tv")
        #expect(color.primaries == "smpte170m" && color.transfer == "smpte170m" && color.matrix == "smpte170m")
        try Self.expectSamePicture(spec, path, window: CropRect(x: 70, y: 0, width: 180, height: 180))
    }

    @Test("an untagged HD source is read as BT.709 and the crop is tagged BT.709, tv, so other tools agree")
    func untaggedHD() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("odd_444.mp4")
        #expect(try MediaProbe.probe(spec.path).video.color.matrix == nil)
        let window = CropRect(x: 400, y: 200, width: 640, height: 480)
        let path = try Self.crop(spec, window: window, into: out)
        let v = try MediaProbe.probe(path).video
        #expect(v.color.primaries == "bt709" && v.color.transfer == "bt709" && v.color.matrix == "bt709" && v.color.range == "tv")
        #expect(v.displayWidth == 640 && v.displayHeight == 480 && v.pixelFormat == "yuv420p")
        // Decoded with the tags it now carries, the crop shows the colours the source showed.
        try Self.expectSamePicture(spec, path, window: window)
    }

    @Test("HDR10: the crop keeps mastering display and content light levels (SEI and container)")
    func hdr10Metadata() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("hdr10_mastering.mp4")
        let path = try Self.crop(spec, window: CropRect(x: 70, y: 0, width: 180, height: 180), into: out)
        let source = try MediaProbe.probe(spec.path).video.color
        let color = try MediaProbe.probe(path).video.color
        #expect(color.hdr == .pq && color.primaries == "bt2020" && color.transfer == "smpte2084")
        #expect(color.contentLightLevel == ContentLightLevel(maxCLL: spec.maxCLL!, maxFALL: spec.maxFALL!))
        let mastering = try #require(color.masteringDisplay)
        #expect(mastering == source.masteringDisplay)
        #expect(mastering.maxLuminance == spec.masteringMaxNits! && mastering.minLuminance == spec.masteringMinNits!)
        #expect(abs(mastering.green.x - 0.265) < 1e-4 && abs(mastering.green.y - 0.69) < 1e-4, "Display P3 green")
        // The MP4 carries them as boxes too, so players that read only the container see them.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data("mdcv".utf8)) != nil && bytes.range(of: Data("clli".utf8)) != nil)
    }

    static let turned = ["rotated90.mp4", "rotated180.mp4", "rotated270.mp4", "mirrored.mp4", "odd_444.mp4"]

    @Test("rotation, mirror and odd sizes: a crop is the same display-space window a still shows", arguments: turned)
    func displayWindow(_ file: String) throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec(file)
        let (w, h) = (spec.displayWidth!, spec.displayHeight!)
        // Off-centre, so a window taken from the wrong corner or the wrong side would show other pixels.
        let window = CropRect(x: w / 8 / 2 * 2, y: h / 10 / 2 * 2, width: w / 2 / 2 * 2, height: h / 2 / 2 * 2)
        let path = try Self.crop(spec, window: window, into: out)
        let v = try MediaProbe.probe(path).video
        #expect(v.displayWidth == window.width && v.displayHeight == window.height)
        #expect(v.rotation == 0 && !v.horizontalFlip)
        try Self.expectSamePicture(spec, path, window: window)
    }

    @Test("probe and stills of rotated and mirrored files: display size, rotation, flip, upright stamp", arguments: turned)
    func stillsUpright(_ file: String) throws {
        let spec = Fixtures.spec(file)
        let v = try MediaProbe.probe(spec.path).video
        #expect(v.rotation == spec.rotation && v.horizontalFlip == (spec.horizontalFlip ?? false))
        #expect(v.displayWidth == spec.displayWidth && v.displayHeight == spec.displayHeight)
        for index in [0, spec.frameCount! - 1] {
            let image = try StillExtractor.image(from: spec.path, at: .index(index)).image
            #expect(image.width == spec.displayWidth && image.height == spec.displayHeight)
            #expect(FrameStamp.read(image, cell: Double(spec.stampCell!)) == index)
        }
    }

    /// Frames 0 and the last of `path` match `window` cut from the source's display stills.
    static func expectSamePicture(_ spec: FixtureSpec, _ path: String, window: CropRect) throws {
        for index in [0, spec.frameCount! - 1] {
            let source = try StillExtractor.image(from: spec.path, at: .index(index)).image
            let cropped = try StillExtractor.image(from: path, at: .index(index)).image
            #expect(cropped.width == window.width && cropped.height == window.height)
            let difference = PatchColor.difference(cropped, source, x: window.x, y: window.y)
            #expect(difference < 6, "\(spec.file) frame \(index): mean difference \(difference) per channel")
        }
    }
}
