import Foundation
@_spi(Fuzzing) @testable import RayAPI
import RayKitTestSupport
import Testing

/// Answers the fuzzer (`make fuzz`, FuzzAPI) found crashing the client, kept in fixtures/fuzz/ and
/// handled again as the client does.
@Suite("fuzz findings: Scenario answers")
struct FuzzRegressionTests {
    static let answers: [String] = {
        let folder = Fixtures.root.appendingPathComponent("fixtures/fuzz").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".http") }.sorted()
    }()

    @Test("every kept answer is handled without stopping the process", arguments: answers)
    func keptAnswer(_ name: String) async throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.root.appendingPathComponent("fixtures/fuzz/\(name)")))
        #expect(!AnswerFuzzing.handle(bytes).isEmpty)
    }

    @Test("a Retry-After date with non-ASCII text is no date (DateFormatter stopped the process on it)")
    func nonASCIIDate() async {
        #expect(APIErrorBody.retryAfterSeconds("Wed, 21 \u{5A1}t 2015 07:8:10 GMT") == nil)
        #expect(APIErrorBody.httpDate("Wed, 21 Oct 2015 07:28:0\u{5A1} GMT") == nil)
    }

    @Test("HTTP dates are read field by field: the IMF-fixdate form only, real days only")
    func httpDates() async {
        #expect(APIErrorBody.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(APIErrorBody.httpDate(" Thu, 01 Jan 1970 00:00:00 GMT ") == Date(timeIntervalSince1970: 0))
        #expect(APIErrorBody.httpDate("Wed, 31 Feb 2015 07:28:00 GMT") == nil)
        #expect(APIErrorBody.httpDate("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(APIErrorBody.httpDate("Sun, 06 Nov 1994 24:00:00 GMT") == nil)
        #expect(APIErrorBody.httpDate("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
        #expect(APIErrorBody.httpDate("") == nil)
    }
}
