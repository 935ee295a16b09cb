import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer
import Testing

/// The client against answers that are not Scenario's: hangs, HTML, XML, a redirect loop.
@Suite("client: hangs, foreign error bodies, redirect loops")
struct ClientNetworkFaultTests {
    @Test("an API call the server accepts and never answers ends at the API limit on each try, all tries bounded")
    func hangBounded() async throws {
        let harness = try await ScenarioHarness { configuration in
            configuration.apiTimeouts = HTTPTimeouts(connect: 2, total: 1.5, stalledSeconds: 3)
            configuration.retry.maxAttempts = 3
        }
        harness.server.inject(.delay(seconds: 10), method: "GET", path: "/v1/jobs/", times: 3)
        let started = Date()
        let error = await #expect(throws: ScenarioError.self) { try await harness.client.job("job_x") }
        #expect(Date().timeIntervalSince(started) < 7, "3 tries of 1.5 s and short pauses")
        #expect(error?.kind == .transport)
        #expect(error?.message.hasPrefix("GET /jobs/job_x: Timeout was reached") == true, "\(error?.message ?? "")")
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 3)
    }

    @Test("RAYKIT_API_TIMEOUT_SECONDS and RAYKIT_STALL_SECONDS set the limits")
    func limitsFromEnvironment() throws {
        let configuration = try ClientConfiguration.fromEnvironment(["RAYKIT_API_TIMEOUT_SECONDS": "2.5", "RAYKIT_STALL_SECONDS": "3"])
        #expect(configuration.apiTimeouts.total == 2.5 && configuration.apiTimeouts.connect == 2.5)
        #expect(configuration.transferTimeouts.stalledSeconds == 3 && configuration.transferTimeouts.total == nil)
        #expect(try ClientConfiguration.fromEnvironment([:]).apiTimeouts == HTTPTimeouts())
    }

    @Test("an HTML error page is its title on one line; plain text has its whitespace folded")
    func htmlPage() async throws {
        let harness = try await ScenarioHarness { $0.retry.maxAttempts = 1 }
        let page = "<!DOCTYPE html>\n<html><head>\n<title>502 Bad\n Gateway</title></head><body><h1>502</h1>\n</body></html>"
        harness.server.inject(.status(502, json: page, headers: ["Content-Type": "text/html"]), method: "GET", path: "/v1/jobs/")
        let error = await #expect(throws: ScenarioError.self) { try await harness.client.job("job_x") }
        #expect(error?.message == "GET /jobs/job_x: HTTP 502: an HTML page: 502 Bad Gateway")

        harness.server.inject(.status(503, json: "upstream\n\n  connect error\treset", headers: ["Content-Type": "text/plain"]),
                              method: "GET", path: "/v1/jobs/")
        let plain = await #expect(throws: ScenarioError.self) { try await harness.client.job("job_x") }
        #expect(plain?.message == "GET /jobs/job_x: HTTP 503: upstream connect error reset")
    }

    @Test("a download's error answer (S3's XML for an expired signature) is read back from the file it streamed into")
    func expiredSignatureWords() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness { $0.retry.maxAttempts = 2 }
        let assetId = harness.server.addAsset(Data(repeating: 1, count: 1000))
        let xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
        harness.server.inject(.status(403, json: xml, headers: ["Content-Type": "application/xml"]), method: "GET", path: "/blob/", times: 2)
        let error = await #expect(throws: ScenarioError.self) { try await harness.client.download(assetId, to: folder.file("out.mp4")) }
        #expect(error?.message == "download of \(assetId): HTTP 403: AccessDenied: Request has expired")
        #expect(harness.server.requests("GET", "/v1/assets/").count == 2, "a fresh signed URL for the second try")
        #expect(folder.contents.isEmpty)
    }

    @Test("a signed URL that redirects to itself: one loop of curl's 5 redirects, said as a loop, not retried")
    func redirectLoop() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let assetId = harness.server.addAsset(Data(repeating: 1, count: 1000))
        harness.server.inject(.redirectToSelf, method: "GET", path: "/signed/", times: 100)
        let error = await #expect(throws: ScenarioError.self) { try await harness.client.download(assetId, to: folder.file("out.mp4")) }
        #expect(error?.kind == .badResponse)
        #expect(error?.message.contains("download of \(assetId): the server redirects in a loop") == true, "\(error?.message ?? "")")
        #expect(harness.server.requests("GET", "/signed/").count == 6)
        #expect(harness.server.requests("GET", "/v1/assets/").count == 1)
        #expect(folder.contents.isEmpty)
    }
}
