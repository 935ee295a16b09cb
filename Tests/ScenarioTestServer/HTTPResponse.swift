import Foundation

/// An answer a route or a fault gives; `ScenarioHandler` hands it to FlyingFox, which adds
/// `Content-Length`.
struct HTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body = Data()

    /// A JSON answer.
    static func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        let body = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
    }

    /// A 4xx answer in Scenario's error shape, `{"reason", "name", "details"}`.
    static func reason(_ status: Int, _ reason: String, name: String = "BadRequestError", details: [String: Any] = [:]) -> HTTPResponse {
        json(status, ["reason": reason, "name": name, "details": details])
    }

    /// An S3-style XML error.
    static func xml(_ status: Int, code: String, message: String) -> HTTPResponse {
        let text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error><Code>\(code)</Code><Message>\(message)</Message></Error>"
        return HTTPResponse(status: status, headers: [("Content-Type", "application/xml")], body: Data(text.utf8))
    }

    /// A 404 for a resource of this kind and id.
    static func notFound(_ kind: String, _ id: String) -> HTTPResponse {
        reason(404, "\(kind) not found: \(id)", name: "NotFoundError")
    }

    /// The status line's reason phrase.
    var reasonPhrase: String {
        switch status {
        case 200: "OK"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
