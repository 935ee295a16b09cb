import Foundation
import Testing
import ScenarioTestServer

@Suite struct JobTests {
    /// Submits a generation and returns the new job's id.
    func submit(_ client: RawHTTPClient, _ parameters: [String: Any] = ["prompt": "a cat"]) async throws -> String {
        let response = try #require(await client.send("POST", "/v1/generate/custom/model_kling", json: parameters))
        #expect(response.status == 200)
        #expect(response.json?["creativeUnitsCost"] as? Int == 12)
        let job = try #require(response.json?["job"] as? [String: Any])
        #expect(job["status"] as? String == "queued")
        #expect(job["modelId"] as? String == "model_kling")
        return try #require(job["jobId"] as? String)
    }

    func poll(_ client: RawHTTPClient, _ jobId: String) async throws -> [String: Any] {
        try #require(await client.send("GET", "/v1/jobs/\(jobId)")?.json?["job"] as? [String: Any])
    }

    @Test func echoModeDeliversTheSourceVideoAndOtherwiseTheDefault() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.echoesSource = true
        server.defaultOutput = Data("default".utf8)
        let (first, second) = (server.addAsset(Data("segment one".utf8)), server.addAsset(Data("segment two".utf8)))
        var delivered: [Data] = []
        for parameters: [String: Any] in [["prompt": "x", "video": first], ["prompt": "x", "video": second], ["prompt": "x"]] {
            let jobId = try await submit(client, parameters)
            var job: [String: Any] = [:]
            for _ in 0..<3 { job = try await poll(client, jobId) }
            #expect(job["status"] as? String == "success")
            let asset = try #require(((job["metadata"] as? [String: Any])?["assetIds"] as? [String])?.first)
            delivered.append(try #require(server.assetData(asset)))
        }
        #expect(delivered == [Data("segment one".utf8), Data("segment two".utf8), Data("default".utf8)])
    }

    @Test func progressesOverPollsToSuccessWithTwoOutputs() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let outputs = [Data("first output".utf8), Data("second output".utf8)]
        server.scriptNextJob(JobScript(progressPolls: 4, outcome: .success(outputs: outputs)))
        let jobId = try await submit(client)

        var running: [[String: Any]] = []
        for _ in 0..<4 { running.append(try await poll(client, jobId)) }
        #expect(running.map { $0["status"] as? String } == ["queued", "warming-up", "in-progress", "in-progress"])
        let progress = running.compactMap { $0["progress"] as? Double }
        #expect(progress.count == 4 && progress[3] > progress[2] && progress[2] > 0 && progress[3] < 1)

        let done = try await poll(client, jobId)
        #expect(done["status"] as? String == "success")
        let assetIds = try #require((done["metadata"] as? [String: Any])?["assetIds"] as? [String])
        #expect(assetIds.map { server.assetData($0) } == outputs)
        await #expect(try poll(client, jobId)["status"] as? String == "success")
        #expect(server.jobStatus(jobId) == "success")
    }

    @Test func theDefaultJobSucceedsWithTheDefaultOutput() async throws {
        let server = try await ScenarioTestServer()
        server.defaultOutput = Data("mp4 bytes".utf8)
        let client = RawHTTPClient(port: server.port)
        let jobId = try await submit(client)
        var statuses: [String?] = []
        for _ in 0..<3 { statuses.append(try await poll(client, jobId)["status"] as? String) }
        #expect(statuses == ["queued", "warming-up", "success"])
        let assetIds = try #require((try await poll(client, jobId)["metadata"] as? [String: Any])?["assetIds"] as? [String])
        #expect(assetIds.map { server.assetData($0) } == [Data("mp4 bytes".utf8)])
    }

    @Test func aFailedJobCarriesItsError() async throws {
        let server = try await ScenarioTestServer()
        server.scriptNextJob(JobScript(progressPolls: 0, outcome: .failure(error: "Content moderated")))
        let client = RawHTTPClient(port: server.port)
        let job = try await poll(client, try submit(client))
        #expect(job["status"] as? String == "failure")
        #expect((job["metadata"] as? [String: Any])?["error"] as? String == "Content moderated")
    }

    @Test func parametersAreChecked() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let known = server.addAsset(Data([0xFF, 0xD8, 0xFF, 0xE0]), mimeType: "image/jpeg")
        await #expect(client.send("POST", "/v1/generate/custom/m", json: ["image": known])?.status == 400)
        let unknown = try #require(await client.send("POST", "/v1/generate/custom/m", json: [
            "prompt": "x", "keyframes": [["keyframeImage": known], ["keyframeImage": "asset_missing"]],
        ]))
        #expect(unknown.status == 400)
        #expect(unknown.json?["reason"] as? String == "Asset not found: asset_missing")
        await #expect(client.send("POST", "/v1/generate/custom/m", json: ["prompt": "x", "image": "file:///tmp/a.png"])?.status == 400)
        _ = try await submit(client, ["prompt": "x", "keyframes": [["keyframeImage": known]]])
    }

    @Test func aDryRunQuotesWithoutCreatingAJob() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let response = try #require(await client.send("POST", "/v1/generate/custom/m?dryRun=true", json: ["prompt": "x"]))
        #expect(response.status == 200)
        #expect(response.json?["creativeUnitsCost"] as? Int == 12)
        #expect(response.json?["job"] == nil)
        #expect(server.requests("POST", "/v1/generate").first?.query["dryRun"] == "true")
    }

    @Test func cancellingFollowsCancelAllowed() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let jobId = try await submit(client)
        server.cancelAllowed = false
        let refused = try #require(await client.send("POST", "/v1/jobs/\(jobId)/action", json: ["action": "cancel"]))
        #expect(refused.status == 400)
        #expect(refused.json?["reason"] as? String == "Cannot cancel this type of job")
        server.cancelAllowed = true
        await #expect(client.send("POST", "/v1/jobs/\(jobId)/action", json: ["action": "cancel"])?.status == 200)
        await #expect(try poll(client, jobId)["status"] as? String == "canceled")
        await #expect(client.send("GET", "/v1/jobs/job_unknown")?.status == 404)
    }
}
