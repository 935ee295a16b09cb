import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer
import Testing

@Suite("downloads: signed URL, redirect, length check, rename into place")
struct DownloadTests {
    @Test("the bytes land at the target through the signed URL's redirect, without credentials")
    func download() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let bytes = try folder.randomFile("source.bin", count: 3 * 1024 * 1024 + 17).data
        let assetId = harness.server.addAsset(bytes)
        let target = folder.file("out.mp4")
        let written = try await harness.client.download(assetId, to: target)

        #expect(written == Int64(bytes.count))
        #expect(FileManager.default.contents(atPath: target) == bytes)
        #expect(harness.server.requests.map { "\($0.method) \($0.path)" }
            == ["GET /v1/assets/\(assetId)", "GET /signed/\(assetId)", "GET /blob/\(assetId)"])
        for request in harness.server.requests.dropFirst() {
            #expect(request.headers["authorization"] == nil)
        }
        #expect(folder.contents == ["out.mp4", "source.bin"])
    }

    @Test("the bytes stream into a hidden file beside the target, renamed when complete")
    func temporaryBesideTarget() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let assetId = harness.server.addAsset(Data(repeating: 7, count: 10_000))
        harness.server.inject(.delay(seconds: 0.5), method: "GET", path: "/blob/")
        let target = folder.file("out.mp4")
        let seen = Recorder()
        let path = folder.path
        let watcher = Thread {
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline && !FileManager.default.fileExists(atPath: target) {
                ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).forEach(seen.log)
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        watcher.start()
        try await harness.client.download(assetId, to: target)
        #expect(Set(seen.lines).contains { $0.hasPrefix(".out.mp4.partial-") })
        #expect(folder.contents == ["out.mp4"])
    }

    @Test("an existing file at the target is replaced")
    func replaces() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let target = folder.file("out.mp4")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        let assetId = harness.server.addAsset(Data("new bytes".utf8))
        try await harness.client.download(assetId, to: target)
        #expect(FileManager.default.contents(atPath: target) == Data("new bytes".utf8))
    }

    @Test("one truncated answer is fetched again, with a fresh signed URL")
    func truncatedOnce() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let bytes = try folder.randomFile("source.bin", count: 100_000).data
        let assetId = harness.server.addAsset(bytes)
        harness.server.inject(.truncateBody, method: "GET", path: "/blob/")
        let target = folder.file("out.mp4")
        try await harness.client.download(assetId, to: target)
        #expect(FileManager.default.contents(atPath: target) == bytes)
        #expect(harness.server.requests("GET", "/v1/assets/").count == 2)
        #expect(folder.contents == ["out.mp4", "source.bin"])
        #expect(harness.recorder.lines.contains { $0.hasPrefix("download of \(assetId): ") && $0.contains("; retry 1 of 4") })
    }

    @Test("every answer truncated: an error, nothing at the target, no partial file beside it")
    func truncatedAlways() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let assetId = harness.server.addAsset(Data(repeating: 0x5A, count: 200_000))
        harness.server.inject(.truncateBody, method: "GET", path: "/blob/", times: 10)
        let target = folder.file("out.mp4")
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.download(assetId, to: target) }

        #expect(error != nil)
        #expect(error?.message.contains(assetId) == true)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(folder.contents.isEmpty, "left behind: \(folder.contents)")
        #expect(harness.server.requests("GET", "/blob/").count == 5)
    }

    @Test("an unknown asset is a 404 naming it, asked once, nothing written")
    func unknownAsset() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.download("asset_missing", to: folder.file("out.mp4")) }
        #expect(error?.status == 404)
        #expect(error?.message.contains("asset_missing") == true)
        #expect(harness.server.requests.count == 1)
        #expect(folder.contents.isEmpty)
    }

    @Test("a target folder that does not exist: an error naming the path, before any request")
    func missingFolder() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let assetId = harness.server.addAsset(Data("payload".utf8))
        let target = folder.file("no-such-folder/out.mp4")
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.download(assetId, to: target) }
        #expect(error?.kind == .download)
        #expect(error?.message.contains(target) == true, "\(error?.message ?? "no error")")
        #expect(harness.server.requests.isEmpty)
        #expect(folder.contents.isEmpty)
    }

    @Test("a signed URL refused with 403 is asked for again")
    func expiredSignature() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let assetId = harness.server.addAsset(Data("payload".utf8))
        harness.server.inject(.status(403, json: "{}"), method: "GET", path: "/signed/")
        let target = folder.file("out.mp4")
        try await harness.client.download(assetId, to: target)
        #expect(FileManager.default.contents(atPath: target) == Data("payload".utf8))
        #expect(harness.server.requests("GET", "/v1/assets/").count == 2)
    }

    @Test("a job's outputs download to the bytes the job produced")
    func jobOutputs() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let outputs = [try folder.randomFile("a", count: 50_000, seed: 1).data, try folder.randomFile("b", count: 70_000, seed: 2).data]
        harness.server.scriptNextJob(JobScript(progressPolls: 2, outcome: .success(outputs: outputs)))
        let job = try await harness.client.wait(for: try await harness.submitJob(), timeout: 10)
        for (index, assetId) in job.assetIds.enumerated() {
            let target = folder.file("out-\(index).mp4")
            try await harness.client.download(assetId, to: target)
            #expect(FileManager.default.contents(atPath: target) == outputs[index])
        }
    }
}
