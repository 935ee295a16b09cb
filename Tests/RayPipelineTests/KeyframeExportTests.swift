import Foundation
import RayKitTestSupport
import RayMedia
import RayModels
import RayPipeline
import Testing

@Suite("Keyframe export")
struct KeyframeExportTests {
    @Test("keyframes.json lists each still with its index and time; the stills carry those frames")
    func manifest() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("long35s.mp4")
        let result = try KeyframeExport.run(clip: spec.path, StillRequest(selectors: try FrameSelector.parseList("start,every:100,-1")),
                                            into: out.path, sheet: out.file("sheet.png"))
        let data = try Data(contentsOf: URL(fileURLWithPath: out.file("keyframes.json")))
        let written = try JSONDecoder().decode([EditKeyframe].self, from: data)
        let expected = [0] + Array(stride(from: 100, to: 840, by: 100)) + [839]
        #expect(written.map(\.keyframeIndex) == expected)
        #expect(written == result.keyframes)
        for keyframe in written {
            #expect(abs(keyframe.timestamp - Double(keyframe.keyframeIndex) / 24) < 1e-6)
            #expect(try FrameStamp.read(file: keyframe.file, cell: Double(spec.stampCell!)) == keyframe.keyframeIndex)
        }
        let sheet = try RGBImage(contentsOf: out.file("sheet.png"))
        #expect(sheet.width > 240 && sheet.height > 135)
    }

    @Test("65 keyframes are refused before any still is written")
    func tooMany() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("long35s.mp4")
        let error = #expect(throws: MediaError.self) {
            try KeyframeExport.run(clip: spec.path, StillRequest(selectors: (0..<65).map { .index($0 * 10) }), into: out.path)
        }
        #expect(error?.errorDescription?.contains("at most 64") == true)
        #expect(out.contents.isEmpty)
    }

    @Test("an existing keyframes.json is kept unless overwrite is asked for")
    func noOverwrite() throws {
        let out = TemporaryDirectory()
        try Data("[]".utf8).write(to: URL(fileURLWithPath: out.file("keyframes.json")))
        let error = #expect(throws: MediaError.self) {
            try KeyframeExport.run(clip: Fixtures.path("vfr.mp4"), StillRequest(selectors: [.start]), into: out.path)
        }
        #expect(error?.kind == .outputExists)
        #expect(out.contents == ["keyframes.json"])
    }
}
