import Foundation

/// The error bodies Scenario sends: `reason`/`name`/`details` on 4xx, `apiError`/`error`/`id` on 5xx.
struct APIErrorBody: Decodable {
    var reason: String?
    var name: String?
    var details: Details?
    var apiError: String?
    var error: String?
    var id: String?

    struct Details: Decodable {
        var actionLimit: Int?
        var text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
            } else {
                struct Keys: Decodable { var actionLimit: Int? }
                actionLimit = (try? container.decode(Keys.self))?.actionLimit
            }
        }
    }

    /// The server's words: reason (name), details; or apiError/error (id).
    var words: String {
        var parts: [String] = []
        if let reason { parts.append(name.map { "\(reason) (\($0))" } ?? reason) }
        else if let name { parts.append(name) }
        if let text = details?.text { parts.append(text) }
        if let limit = details?.actionLimit { parts.append("action limit \(limit)") }
        if let apiError { parts.append(apiError) }
        if let error, error != apiError { parts.append(error) }
        if let id { parts.append("error id \(id)") }
        return parts.joined(separator: "; ")
    }

    /// The error for a non-2xx answer: status, endpoint, the body's words, `Retry-After` and any action limit.
    static func error(for response: HTTPResponse, endpoint: String, redactingWith credentials: Credentials) -> ScenarioError {
        let body = try? JSONDecoder().decode(APIErrorBody.self, from: response.body)
        var words = body?.words ?? ""
        if words.isEmpty { words = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        let message = "\(endpoint): HTTP \(response.status)" + (words.isEmpty ? "" : ": \(words)")
        return ScenarioError(.http, credentials.redact(message), status: response.status,
                             retryAfter: response.headers["retry-after"].flatMap(retryAfterSeconds),
                             actionLimit: body?.details?.actionLimit)
    }

    /// `Retry-After` as seconds: a number, or an HTTP date from now.
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
