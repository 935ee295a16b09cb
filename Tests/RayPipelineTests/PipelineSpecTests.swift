import Foundation
import RayCanvas
@testable import RayPipeline
import Testing

@Suite("pipeline spec")
struct PipelineSpecTests {
    func decode(_ json: String) throws -> PipelineSpec {
        try JSONDecoder().decode(PipelineSpec.self, from: Data(json.utf8))
    }

    @Test("steps read their options under the command-line names")
    func optionNames() throws {
        let spec = try decode("""
        {"items": [{"video": "a.mp4", "steps": [
            {"step": "edit", "prompt": "p", "strength": "flex_2", "depth-blur": 0.4, "keyframes": "0,24", "auto-controls": false},
            {"step": "reframe", "prompt": "q", "aspect-ratio": "9:16", "resolution": "1080p"},
            {"step": "crop", "to": "4:5", "anchor": "top"}]}]}
        """)
        let steps = spec.items[0].steps
        #expect(steps.map(\.kind) == [.edit, .reframe, .crop])
        guard case .edit(let edit) = steps[0], case .reframe(let reframe) = steps[1], case .crop(let crop) = steps[2] else {
            Issue.record("steps decoded as \(steps)")
            return
        }
        #expect(edit.strength == .flex2 && edit.depthBlur == 0.4 && edit.autoControls == false)
        #expect(edit.keyframes == KeyframeSource(clip: nil, selectors: [.index(0), .index(24)]))
        #expect(reframe.aspectRatio == .portrait9x16 && reframe.resolution == .p1080)
        #expect(crop.to == .ratio(AspectRatio(4, 5)) && crop.anchor == .top)
    }

    @Test("an unknown option or step, an option of another step, or a value that does not parse is refused by name")
    func unknownNames() {
        #expect(throws: PipelineError.self) { try decode(#"{"items": [{"steps": [{"step": "generate", "promt": "x"}]}]}"#) }
        let other = #expect(throws: PipelineError.self) { try decode(#"{"items": [{"steps": [{"step": "reframe", "prompt": "x", "strength": "flex_1"}]}]}"#) }
        #expect(other?.message.contains("a reframe step takes no \"strength\"") == true)
        #expect(throws: DecodingError.self) { try decode(#"{"items": [{"steps": [{"step": "crop", "to": "wide"}]}]}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"items": [{"steps": [{"step": "edit"}]}]}"#) }
        let error = #expect(throws: PipelineError.self) { try decode(#"{"items": [{"steps": [{"step": "upscale"}]}]}"#) }
        #expect(error?.message.contains("upscale") == true)
    }

    @Test("clips expand to one item each, named after the clip; repeated names are refused")
    func clipsExpand() throws {
        let spec = try decode(#"{"items": [{"clips": ["x/beach.mp4", "y/city.mov"], "steps": [{"step": "crop", "to": "1:1"}]}]}"#)
        #expect(try spec.expanded().map(\.name) == ["beach", "city"])
        #expect(try spec.expanded().map(\.video) == ["x/beach.mp4", "y/city.mov"])
        let twice = try decode(#"{"items": [{"clips": ["a/one.mp4", "b/one.mp4"], "steps": [{"step": "crop", "to": "1:1"}]}]}"#)
        #expect(throws: PipelineError.self) { try twice.expanded() }
    }

    @Test("encoding gives back the same flat step objects")
    func roundTrip() throws {
        let spec = PipelineSpec(items: [ItemSpec(name: "n", video: "v.mp4", steps: [.reframe(ReframeInput(prompt: "p", aspectRatio: .square)),
                                                                                      .crop(CropInput(to: .size(PixelSize(width: 1080, height: 1350))))])])
        let text = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        #expect(text.contains(#""aspect-ratio":"1:1""#) && text.contains(#""step":"reframe""#))
        #expect(try decode(text) == spec)
    }

    @Test("a crop target that Ray does not make turns into the supported ratio to ask for")
    func recommendedRatio() {
        #expect(StepPlanning.recommendedRatio(for: .init(4, 5), resolution: .p720) == .portrait3x4)
        #expect(StepPlanning.recommendedRatio(for: .init(239, 100), resolution: .p1080) == .cinema21x9)
        #expect(StepPlanning.recommendedRatio(for: nil, resolution: nil) == nil)
    }
}
