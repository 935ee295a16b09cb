import Foundation
import RayModels
import Testing

@Suite("Asset inputs and local files")
struct AssetInputTests {
    @Test("a file is sent as file:// + absolute path and decodes back")
    func fileRoundTrip() throws {
        let request = GenerateRequest(prompt: "p", startFrame: .file("/abs/path/open still.png"), endFrame: .asset("asset_yyy"))
        let body = try RayRequest.generate(request).body()
        let json = try jsonObject(body)
        #expect(json["startFrame"] as? String == "file:///abs/path/open still.png")
        #expect(json["endFrame"] as? String == "asset_yyy")
        #expect(String(decoding: body, as: UTF8.self).contains(#""startFrame":"file:///abs/path/open still.png""#))
        let decoded = try JSONDecoder().decode(GenerateRequest.self, from: body)
        #expect(decoded.startFrame == .file("/abs/path/open still.png"))
        #expect(decoded.endFrame == .asset("asset_yyy"))
    }

    @Test("strings decode to asset ids unless they start with file://",
          arguments: [("asset_xxx", AssetInput.asset("asset_xxx")), ("file:///abs/path", .file("/abs/path")), ("", .asset(""))])
    func decoding(string: String, input: AssetInput) throws {
        #expect(try JSONDecoder().decode([AssetInput].self, from: Data("[\"\(string)\"]".utf8)) == [input])
        #expect(AssetInput(jsonValue: string) == input)
    }

    @Test("localPath is the file's path, nil for an asset")
    func localPath() {
        #expect(AssetInput.file("/a/b.png").localPath == "/a/b.png")
        #expect(AssetInput.asset("asset_a").localPath == nil)
    }

    @Test("localFiles lists every file in field order, each once")
    func localFiles() {
        let edit = RayRequest.edit(EditRequest(prompt: "p", video: .file("/clips/source.mp4"), startFrame: .asset("asset_s"),
                                               keyframes: [EditKeyframeInput(keyframeImage: .file("/k/2.png"), keyframeIndex: 2),
                                                           EditKeyframeInput(keyframeImage: .asset("asset_k"), keyframeIndex: 5),
                                                           EditKeyframeInput(keyframeImage: .file("/k/1.png"), keyframeIndex: 9),
                                                           EditKeyframeInput(keyframeImage: .file("/k/2.png"), keyframeIndex: 12)]))
        #expect(edit.localFiles == ["/clips/source.mp4", "/k/2.png", "/k/1.png"])
        let generate = RayRequest.generate(GenerateRequest(prompt: "p", startFrame: .file("/s.png"), endFrame: .file("/e.png")))
        #expect(generate.localFiles == ["/s.png", "/e.png"])
        #expect(RayRequest.reframe(ReframeRequest(prompt: "p", video: .asset("asset_v"))).localFiles == [])
        #expect(RayRequest.reframe(ReframeRequest(prompt: "p", video: .file("/v.webm"))).localFiles == ["/v.webm"])
    }

    @Test("resolvingFiles swaps uploaded files for their asset ids and keeps the rest")
    func resolving() {
        let request = RayRequest.edit(EditRequest(prompt: "p", video: .file("/v.mp4"), startFrame: .file("/s.png"),
                                                  keyframes: [EditKeyframeInput(keyframeImage: .file("/s.png"), keyframeIndex: 0)]))
        let resolved = request.resolvingFiles(["/v.mp4": "asset_v", "/s.png": "asset_s"])
        #expect(resolved == .edit(EditRequest(prompt: "p", video: .asset("asset_v"), startFrame: .asset("asset_s"),
                                              keyframes: [EditKeyframeInput(keyframeImage: .asset("asset_s"), keyframeIndex: 0)])))
        #expect(resolved.localFiles.isEmpty)
        #expect(request.resolvingFiles(["/v.mp4": "asset_v"]).localFiles == ["/s.png"])
    }

    @Test("an exported keyframe becomes a file keyframe input")
    func fromExport() {
        let input = EditKeyframeInput(EditKeyframe(keyframeIndex: 40, file: "/out/frame-000040.png", timestamp: 40.0 / 24))
        #expect(input == EditKeyframeInput(keyframeImage: .file("/out/frame-000040.png"), keyframeIndex: 40))
    }
}
