import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer
import Testing

@Suite("credentials, Basic auth and the project id")
struct CredentialsTests {
    @Test("no credentials: one error naming all four variables")
    func missingCredentials() async throws {
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try Credentials.fromEnvironment([:]) })
        #expect(error.kind == .missingCredentials)
        for name in ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET", "SCENARIO_API_KEY", "SCENARIO_API_SECRET"] {
            #expect(error.message.contains(name), "\(name) missing from: \(error.message)")
        }
    }

    @Test("a key without its secret is no credentials")
    func halfAPair() async throws {
        let error = await scenarioError { () async throws(ScenarioError) in
            try Credentials.fromEnvironment(["SCENARIO_SDK_API_KEY": "k", "SCENARIO_API_SECRET": "s", "SCENARIO_API_KEY": ""])
        }
        #expect(error?.kind == .missingCredentials)
    }

    @Test("the SDK pair wins over the plain pair; the plain pair is used alone")
    func pairPreference() async throws {
        let both = try Credentials.fromEnvironment([
            "SCENARIO_SDK_API_KEY": "sdk-key", "SCENARIO_SDK_API_SECRET": "sdk-secret",
            "SCENARIO_API_KEY": "plain-key", "SCENARIO_API_SECRET": "plain-secret",
        ])
        #expect(both.authorizationHeader == "Authorization: Basic " + Data("sdk-key:sdk-secret".utf8).base64EncodedString())
        let plain = try Credentials.fromEnvironment(["SCENARIO_API_KEY": "plain-key", "SCENARIO_API_SECRET": "plain-secret"])
        #expect(plain.authorizationHeader == "Authorization: Basic " + Data("plain-key:plain-secret".utf8).base64EncodedString())
    }

    @Test("the server sees Basic base64(key:secret) on every API call")
    func basicAuthOnTheWire() async throws {
        let harness = try await ScenarioHarness()
        let credentials = try Credentials.fromEnvironment([
            "SCENARIO_API_KEY": ScenarioTestServer.apiKey, "SCENARIO_API_SECRET": ScenarioTestServer.apiSecret,
        ])
        let client = ScenarioClient(credentials: credentials, configuration: harness.client.configuration)
        let submission = try await client.submit(model: "model_test", body: Data(#"{"prompt":"x"}"#.utf8), dryRun: true)
        #expect(submission.cost == 12)
        let apiCalls = harness.server.requests.filter { $0.path.hasPrefix("/v1/") }
        #expect(apiCalls.count == 1)
        for request in apiCalls {
            #expect(request.headers["authorization"] == "Basic \(ScenarioHarness.basicToken)")
        }
    }

    @Test("wrong credentials: 401 in the server's words, not retried")
    func wrongCredentials() async throws {
        let harness = try await ScenarioHarness(credentials: Credentials(key: "wrong-key", secret: "wrong-secret"))
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.job("job_x") })
        #expect(error.kind == .http)
        #expect(error.status == 401)
        #expect(error.message.contains("Unauthorized"))
        #expect(!error.message.contains("wrong-secret"))
        #expect(harness.server.requests.count == 1)
    }

    @Test("with a project id, every /v1 call carries ?projectId= and no storage URL does")
    func projectIdOnEveryCall() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness(projectID: "proj_42")
        let image = try folder.randomFile("still.png", count: 40_000)
        let video = try folder.randomFile("clip.mp4", count: 6 * 1024 * 1024, seed: 3)
        let imageAsset = try await harness.client.upload(image.path, kind: .image)
        let videoAsset = try await harness.client.upload(video.path, kind: .video)
        let body = Data(#"{"prompt":"x","image":"\#(imageAsset.assetId)","video":"\#(videoAsset.assetId)"}"#.utf8)
        _ = try await harness.client.submit(model: "model_test", body: body, dryRun: true)
        let jobId = try await harness.client.submit(model: "model_test", body: body).jobId!
        let job = try await harness.client.wait(for: jobId, timeout: 10)
        try await harness.client.download(job.assetIds[0], to: folder.file("out.mp4"))
        try await harness.client.cancel(jobId)

        let requests = harness.server.requests
        let api = requests.filter { $0.path.hasPrefix("/v1/") }
        let storage = requests.filter { !$0.path.hasPrefix("/v1/") }
        // assets, uploads, upload action, upload polls, generate, jobs, job action
        let routes = Set(api.map { "\($0.method) \($0.path.split(separator: "/").dropFirst().first ?? "")" })
        #expect(routes == ["POST assets", "POST uploads", "GET uploads", "POST generate", "GET jobs", "GET assets", "POST jobs"])
        for request in api {
            #expect(request.projectId == "proj_42", "\(request.method) \(request.path) has no projectId")
        }
        #expect(!storage.isEmpty)
        for request in storage {
            #expect(request.projectId == nil, "\(request.method) \(request.path) got a projectId")
        }
    }

    @Test("without a project id, no call carries one")
    func noProjectId() async throws {
        let harness = try await ScenarioHarness()
        _ = try await harness.submitJob()
        #expect(harness.server.requests.allSatisfy { $0.projectId == nil && $0.query.keys.isEmpty })
    }

    @Test("SCENARIO_PROJECT_ID and SCENARIO_API_URL configure the client; empty ones do not")
    func configurationFromEnvironment() throws {
        let set = try ClientConfiguration.fromEnvironment(["SCENARIO_PROJECT_ID": "proj_9", "SCENARIO_API_URL": "http://127.0.0.1:1/v1/"])
        #expect(set.projectID == "proj_9")
        #expect(set.baseURL == "http://127.0.0.1:1/v1")
        let empty = try ClientConfiguration.fromEnvironment(["SCENARIO_PROJECT_ID": "", "SCENARIO_API_URL": ""])
        #expect(empty.projectID == nil)
        #expect(empty.baseURL == "https://api.cloud.scenario.com/v1")
    }

    @Test("credentials go over HTTPS anywhere, plain HTTP only to this machine",
          arguments: [("https://api.cloud.scenario.com/v1", true), ("http://127.0.0.1:8080/v1", true), ("http://127.9.9.9/v1", true),
                      ("http://localhost:1/v1", true), ("http://[::1]:8080/v1", true), ("http://10.0.0.1:9/v1", false),
                      ("http://127.0.0.1.example.com/v1", false), ("http://[::2]/v1", false), ("ftp://127.0.0.1/v1", false)])
    func plainHTTPOnlyToThisMachine(url: String, allowed: Bool) async {
        let error = await scenarioError { () throws(ScenarioError) in _ = try ClientConfiguration.fromEnvironment(["SCENARIO_API_URL": url]) }
        #expect((error == nil) == allowed, "\(url)")
        if let error {
            #expect(error.kind == .insecureURL)
            #expect(error.message == "SCENARIO_API_URL \(url) is not HTTPS: credentials are only sent over HTTPS, or plain HTTP to this machine")
        }
    }
}
