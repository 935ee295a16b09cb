import Testing
@testable import ScenarioTestServer

@Test func placeholder() {}
