import Foundation
import RayKitTestSupport
import Testing

@Suite("shots and suggested keyframes on the command line")
struct ShotsCommandTests {
    @Test("raykit shots --json lists the cuts and the dissolve of the shots fixture")
    func shotsJSON() async throws {
        let spec = Fixtures.spec("shots.mp4")
        let run = try await RayKitCLI.run(["shots", spec.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["cuts"] as? [Int] == spec.cuts)
        #expect((json["shots"] as? [[String: Any]])?.count == 4)
    }

    @Test("keyframes --suggest 6 writes stills of frame 0 and every shot start, keyframes.json and a sheet; the stamps agree")
    func suggest() async throws {
        let spec = Fixtures.spec("shots.mp4")
        let out = TemporaryDirectory()
        let run = try await RayKitCLI.run(["keyframes", spec.path, "--suggest", "6", "--out", out.path, "--sheet", out.file("sheet.png"), "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let keyframes = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.file("keyframes.json")))) as? [[String: Any]])
        let indexes = keyframes.compactMap { $0["keyframeIndex"] as? Int }
        #expect(indexes.count == 6)
        for start in [0] + spec.cuts! + [90] { #expect(indexes.contains(start), "\(indexes)") }
        for keyframe in keyframes {
            let file = try #require(keyframe["file"] as? String)
            #expect(try FrameStamp.read(file: file, cell: Double(spec.stampCell!)) == keyframe["keyframeIndex"] as? Int)
        }
        #expect(FileManager.default.fileExists(atPath: out.file("sheet.png")))
        let both = try await RayKitCLI.run(["keyframes", spec.path, "--suggest", "6", "--at", "0", "--out", out.path])
        #expect(both.status == 64)
    }
}
