import Foundation
import RayCanvas
import RayModels
import Testing

/// The JSON bodies of the model documentation's examples, compared field by field.
@Suite("Request bodies")
struct RequestBodyTests {
    static let surfer = "A lone surfer paddles toward a glassy point break at golden hour, slow handheld camera, warm volumetric light, cinematic 35mm look"
    static let sunrise = "The lighting shifts from blue hour to full sunrise as the camera slowly dollies forward across the bay"
    static let film = "Restyle the shot as a vintage 16mm film with warm tungsten lighting, heavy grain, and a 1970s color palette. Preserve the actor's blocking and camera motion."
    static let kitchen = "Extend the kitchen scene to the left and right, keeping the same warm tungsten lighting, copper cookware on the back wall, and a window with afternoon light spilling in."

    @Test("Generate with a prompt only sends just the prompt; defaults are not sent")
    func surferGenerate() throws {
        let request = RayRequest.generate(GenerateRequest(prompt: Self.surfer))
        let body = try request.body()
        let json = try jsonObject(body)
        #expect(json.keys.sorted() == ["prompt"])
        #expect(json["prompt"] as? String == Self.surfer)
        #expect(String(decoding: body, as: UTF8.self) == #"{"prompt":"\#(Self.surfer)"}"#)
        #expect(request.model == .generate)
        #expect(request.endpointPath == "/generate/custom/model_luma-ray-3-2")
        #expect(request.validate().isEmpty)
    }

    @Test("Generate bookended by start and end frames")
    func sunriseGenerate() throws {
        let request = GenerateRequest(prompt: Self.sunrise, startFrame: .asset("asset_xxx"), endFrame: .asset("asset_yyy"), duration: .five)
        let json = try jsonObject(try RayRequest.generate(request).body())
        #expect(json.keys.sorted() == ["duration", "endFrame", "prompt", "startFrame"])
        #expect(json["startFrame"] as? String == "asset_xxx")
        #expect(json["endFrame"] as? String == "asset_yyy")
        #expect(json["duration"] as? String == "5s")
        #expect(request.validate().isEmpty)
    }

    @Test("the 16mm Edit restyle: video, editStrength flex_2, 1080p, keys sorted")
    func filmEdit() throws {
        let request = RayRequest.edit(EditRequest(prompt: Self.film, video: .asset("asset_source_clip"), editStrength: .flex2, resolution: .p1080))
        let body = try request.body()
        let json = try jsonObject(body)
        #expect(json.keys.sorted() == ["editStrength", "prompt", "resolution", "video"])
        #expect(json["prompt"] as? String == Self.film)
        #expect(json["video"] as? String == "asset_source_clip")
        #expect(json["editStrength"] as? String == "flex_2")
        #expect(json["resolution"] as? String == "1080p")
        #expect(String(decoding: body, as: UTF8.self) ==
            #"{"editStrength":"flex_2","prompt":"\#(Self.film)","resolution":"1080p","video":"asset_source_clip"}"#)
        #expect(request.endpointPath == "/generate/custom/model_luma-ray-3-2-edit")
        #expect(request.validate(sourceFrameCount: 240).isEmpty)
    }

    @Test("the kitchen Reframe: 9:16 at 1080p (which draws the 1080p-portrait warning)")
    func kitchenReframe() throws {
        let request = RayRequest.reframe(ReframeRequest(prompt: Self.kitchen, video: .asset("asset_source_clip"), aspectRatio: .portrait9x16, resolution: .p1080))
        let json = try jsonObject(try request.body())
        #expect(json.keys.sorted() == ["aspectRatio", "prompt", "resolution", "video"])
        #expect(json["prompt"] as? String == Self.kitchen)
        #expect(json["video"] as? String == "asset_source_clip")
        #expect(json["aspectRatio"] as? String == "9:16")
        #expect(json["resolution"] as? String == "1080p")
        #expect(request.endpointPath == "/generate/custom/model_luma-ray-3-2-reframe")
        #expect(rules(request.validate(sourceNearestRatio: .landscape16x9)) == ["reframe.resolution.portrait1080p"])
    }

    @Test("Edit controls, keyframes and numbers keep the documented names and JSON types")
    func editFields() throws {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"),
                                  keyframes: [EditKeyframeInput(keyframeImage: .asset("asset_k"), keyframeIndex: 12),
                                              EditKeyframeInput(keyframeImage: .file("/stills/frame-000040.png"), keyframeIndex: 40)],
                                  autoControls: true, faceControlEnabled: true, poseControlEnabled: true, poseControlStrength: .coarse,
                                  depthControlEnabled: false, depthControlBlur: 0.25, normalsControlEnabled: true, normalsControlAugmentation: 1,
                                  trajectoryControlEnabled: true, trajectoryControlSparsity: 0, resolution: .p540, hdr: false)
        let json = try jsonObject(try RayRequest.edit(request).body())
        #expect(json.keys.sorted() == ["autoControls", "depthControlBlur", "depthControlEnabled", "faceControlEnabled", "hdr", "keyframes",
                                       "normalsControlAugmentation", "normalsControlEnabled", "poseControlEnabled", "poseControlStrength",
                                       "prompt", "resolution", "trajectoryControlEnabled", "trajectoryControlSparsity", "video"])
        let keyframes = try #require(json["keyframes"] as? [[String: Any]])
        #expect(keyframes.count == 2)
        #expect(keyframes[0]["keyframeImage"] as? String == "asset_k")
        #expect(keyframes[0]["keyframeIndex"] as? Int == 12)
        #expect(keyframes[1]["keyframeImage"] as? String == "file:///stills/frame-000040.png")
        #expect(keyframes[1]["keyframeIndex"] as? Int == 40)
        #expect(json["autoControls"] as? Bool == true)
        #expect(json["depthControlEnabled"] as? Bool == false)
        #expect(json["depthControlBlur"] as? Double == 0.25)
        #expect(json["normalsControlAugmentation"] as? Double == 1)
        #expect(json["trajectoryControlSparsity"] as? Double == 0)
        #expect(json["poseControlStrength"] as? String == "coarse")
        #expect(json["resolution"] as? String == "540p")
        #expect(json["hdr"] as? Bool == false)
    }

    @Test("every Generate field keeps the documented name and value")
    func generateFields() throws {
        let request = GenerateRequest(prompt: "p", startFrame: .asset("asset_a"), endFrame: .asset("asset_b"), duration: .ten,
                                      resolution: .p1080, aspectRatio: .cinema21x9, loop: false, hdr: true)
        let json = try jsonObject(try RayRequest.generate(request).body())
        #expect(json.keys.sorted() == ["aspectRatio", "duration", "endFrame", "hdr", "loop", "prompt", "resolution", "startFrame"])
        #expect(json["aspectRatio"] as? String == "21:9")
        #expect(json["duration"] as? String == "10s")
        #expect(json["loop"] as? Bool == false)
        #expect(json["hdr"] as? Bool == true)
    }

    @Test("a body decodes back to the same request")
    func decodes() throws {
        let edit = EditRequest(prompt: "p", video: .file("/clips/a b.mp4"), keyframes: [EditKeyframeInput(keyframeImage: .file("/k.png"), keyframeIndex: 3)],
                               editStrength: .reimagine1, depthControlEnabled: true, depthControlBlur: 0.3)
        #expect(try JSONDecoder().decode(EditRequest.self, from: try RayRequest.edit(edit).body()) == edit)
        let generate = GenerateRequest(prompt: "p", startFrame: .asset("asset_x"), aspectRatio: .portrait3x4, loop: true)
        #expect(try JSONDecoder().decode(GenerateRequest.self, from: try RayRequest.generate(generate).body()) == generate)
        let reframe = ReframeRequest(prompt: "p", video: .asset("asset_v"), aspectRatio: .square)
        #expect(try JSONDecoder().decode(ReframeRequest.self, from: try RayRequest.reframe(reframe).body()) == reframe)
    }

    @Test("decoding reads the documented names from hand-written JSON")
    func decodesHandWritten() throws {
        let json = #"{"prompt":"p","video":"asset_source_clip","editStrength":"flex_2","resolution":"1080p","keyframes":[{"keyframeImage":"file:///s/1.png","keyframeIndex":7}]}"#
        let request = try JSONDecoder().decode(EditRequest.self, from: Data(json.utf8))
        #expect(request == EditRequest(prompt: "p", video: .asset("asset_source_clip"),
                                       keyframes: [EditKeyframeInput(keyframeImage: .file("/s/1.png"), keyframeIndex: 7)],
                                       editStrength: .flex2, resolution: .p1080))
    }

    @Test("a NaN slider cannot be encoded")
    func nan() {
        #expect(throws: EncodingError.self) {
            try RayRequest.edit(EditRequest(prompt: "p", video: .asset("asset_v"), depthControlBlur: .nan)).body()
        }
    }
}
