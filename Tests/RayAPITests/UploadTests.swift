import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer
import Testing

@Suite("uploads: inline images and multipart videos")
struct UploadTests {
    @Test("an image under the limit goes up as base64 through POST /assets")
    func inlineImage() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let image = try folder.randomFile("still.png", count: 300_000)
        let uploaded = try await harness.client.upload(image.path, kind: .image)

        #expect(uploaded.uploadId == nil)
        let posts = harness.server.requests("POST", "/v1/assets")
        try #require(posts.count == 1)
        let json = try #require(posts[0].json)
        let base64 = try #require(json["image"] as? String)
        #expect(Data(base64Encoded: base64) == image.data)
        #expect(json["name"] as? String == "still.png")
        #expect(posts[0].headers["content-type"] == "application/json")
        #expect(harness.server.requests("POST", "/v1/uploads").isEmpty)
        #expect(harness.server.assetData(uploaded.assetId) == image.data)
    }

    @Test("a 12 MiB video goes up in parts of 5, 5 and 2 MiB that reassemble to the file")
    func multipartVideo() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        harness.server.uploadValidationPolls = 3
        let size = 12 * 1024 * 1024
        let video = try folder.randomFile("clip.mp4", count: size)
        let started = Recorder()
        let uploaded = try await harness.client.upload(video.path, kind: .video) { started.log($0) }

        let creates = harness.server.requests("POST", "/v1/uploads").filter { !$0.path.hasSuffix("/action") }
        try #require(creates.count == 1)
        let fields = try #require(creates[0].json)
        #expect(fields["fileName"] as? String == "clip.mp4")
        #expect(fields["contentType"] as? String == "video/mp4")
        #expect(fields["fileSize"] as? Int == size)
        #expect(fields["kind"] as? String == "video")
        #expect(fields["parts"] as? Int == 3)

        let uploadId = try #require(uploaded.uploadId)
        #expect(started.lines == [uploadId])
        let puts = harness.server.requests("PUT", "/s3/\(uploadId)/")
        #expect(puts.map(\.path) == (1...3).map { "/s3/\(uploadId)/\($0)" })
        #expect(puts.map(\.body.count) == [5 * 1024 * 1024, 5 * 1024 * 1024, 2 * 1024 * 1024])
        for put in puts {
            #expect(put.headers["authorization"] == nil, "part \(put.path) carried credentials")
        }
        #expect(puts.reduce(Data()) { $0 + $1.body } == video.data)

        let completes = harness.server.requests("POST", "/v1/uploads/\(uploadId)/action")
        #expect(completes.count == 1)
        #expect(completes.first?.json?["action"] as? String == "complete")
        #expect(harness.server.requests("GET", "/v1/uploads/\(uploadId)").count >= 4)
        #expect(harness.server.assetData(uploaded.assetId) == video.data)
        #expect(harness.server.assetMimeType(uploaded.assetId) == "video/mp4")
    }

    @Test("an image at the inline limit or over goes through /uploads as kind image")
    func largeImage() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness { $0.inlineImageLimit = 100_000 }
        let image = try folder.randomFile("big.png", count: 100_000)
        let uploaded = try await harness.client.upload(image.path, kind: .image)

        #expect(harness.server.requests("POST", "/v1/assets").isEmpty)
        let create = try #require(harness.server.requests("POST", "/v1/uploads").first?.json)
        #expect(create["kind"] as? String == "image")
        #expect(create["contentType"] as? String == "image/png")
        #expect(create["parts"] as? Int == 1)
        #expect(harness.server.assetData(uploaded.assetId) == image.data)
    }

    @Test("an upload that ends failed is .uploadFailed with the server's errorMessage")
    func uploadFailed() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        harness.server.failNextUpload("Unsupported video codec: prores")
        let video = try folder.randomFile("clip.mov", count: 1000)
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.upload(video.path, kind: .video) })
        #expect(error.kind == .uploadFailed)
        #expect(error.message.contains("Unsupported video codec: prores"))
        #expect(harness.server.requests("POST", "/v1/uploads").first?.json?["contentType"] as? String == "video/quicktime")
    }

    @Test("a part PUT that fails with 503 is sent again and the upload completes")
    func partRetried() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let video = try folder.randomFile("clip.mp4", count: 6 * 1024 * 1024)
        harness.server.inject(.serverError(503), method: "PUT", path: "/s3/")
        harness.server.inject(.dropConnection, method: "PUT", path: "/s3/")
        let uploaded = try await harness.client.upload(video.path, kind: .video)
        #expect(harness.server.requests("PUT", "/s3/").count == 4)
        #expect(harness.server.assetData(uploaded.assetId) == video.data)
    }

    @Test("resumeUpload: a completed upload gives its asset, one never completed gives nil")
    func resume() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let video = try folder.randomFile("clip.mp4", count: 1000)
        let uploaded = try await harness.client.upload(video.path, kind: .video)
        let uploadId = try #require(uploaded.uploadId)
        #expect(try await harness.client.resumeUpload(uploadId) == uploaded)

        // The complete action is lost: the upload stays pending and must start over.
        harness.server.inject(.status(400, json: #"{"reason":"stopped"}"#), method: "POST", path: "/v1/uploads/", times: 1)
        let pendingId = Recorder()
        _ = await scenarioError { () async throws(ScenarioError) in try await harness.client.upload(video.path, kind: .video) { pendingId.log($0) } }
        let pending = try #require(pendingId.lines.first)
        #expect(try await harness.client.resumeUpload(pending) == nil)
    }

    @Test("a file that does not exist is an error naming it, and nothing is sent")
    func missingFile() async throws {
        let harness = try await ScenarioHarness()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.upload("/nonexistent/clip.mp4", kind: .video) }
        #expect(error?.message.contains("/nonexistent/clip.mp4") == true)
        #expect(harness.server.requests.isEmpty)
    }

    @Test("uploading and downloading stream their byte progress, rising to the file's size, and end with the transfer")
    func progressStreams() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let size = 12 * 1024 * 1024
        let video = try folder.randomFile("clip.mp4", count: size)
        let upload = harness.client.uploading(video.path, kind: .video)
        var sent: [Int64] = []
        for await step in upload.progress { sent.append(step.bytes) }
        let asset = try await upload.value
        #expect(sent.count >= 2, "\(sent)")
        #expect(sent == sent.sorted() && sent.last == Int64(size))

        let download = harness.client.downloading(asset.assetId, to: folder.file("back.mp4"))
        var received: [Int64] = []
        for await step in download.progress { received.append(step.bytes) }
        #expect(try await download.value == Int64(size))
        #expect(received.last == Int64(size) && received == received.sorted())
        #expect(FileManager.default.contents(atPath: folder.file("back.mp4")) == video.data)
    }
}
