import Foundation
import Glibc

/// A socket call that failed while starting the server.
public struct ServerError: LocalizedError {
    /// The failing call, such as `bind`.
    public let call: String
    /// The C `errno` it left.
    public let code: Int32

    init(_ call: String, code: Int32 = errno) {
        self.call = call
        self.code = code
    }

    public var errorDescription: String? {
        "ScenarioTestServer: \(call) failed: \(String(cString: strerror(code)))"
    }
}
