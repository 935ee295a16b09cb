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
        if words.isEmpty {
            // Redacted before it is cut short: a cut must not leave part of an echoed secret behind.
            let text = credentials.redact(String(decoding: response.body.prefix(1 << 20), as: UTF8.self))
            words = summary(of: text, type: response.headers["content-type"])
        }
        let message = "\(endpoint): HTTP \(response.status)" + (words.isEmpty ? "" : ": \(words)")
        return ScenarioError(.http, credentials.redact(message), status: response.status,
                             retryAfter: response.headers["retry-after"].flatMap(retryAfterSeconds),
                             actionLimit: body?.details?.actionLimit)
    }

    /// A body that is not the API's JSON (a proxy's HTML error page, S3's XML, plain text) in a few words on one line:
    /// an HTML page's `<title>` (else its text without tags), whitespace runs made one space, at most 200 characters.
    static func summary(of body: String, type: String?) -> String {
        var text = String(body.prefix(4096))
        // S3's XML error (an expired or wrong signature): its code and message.
        if let code = element("Code", in: text), let message = element("Message", in: text) { return "\(code): \(message)" }
        let html = type?.lowercased().contains("html") == true || text.range(of: "<html", options: .caseInsensitive) != nil
        if html {
            if let open = text.range(of: "<title>", options: .caseInsensitive),
               let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) {
                text = String(text[open.upperBound..<close.lowerBound])
            } else {
                text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            }
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true })
        let line = words.joined(separator: " ")
        let short = line.count > 200 ? String(line.prefix(200)) + "…" : line
        return html && !short.isEmpty ? "an HTML page: \(short)" : short
    }

    /// The text of the first `<name>…</name>` in `text`.
    private static func element(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// `Retry-After` as seconds: a number, or an HTTP date from now (nil when it is neither).
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return seconds }
        return httpDate(value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// An HTTP date in its one current form (RFC 9110 IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`), read
    /// field by field. Header bytes are the server's: Foundation's DateFormatter stops the process on some
    /// non-ASCII text (found by fuzzing, fixtures/fuzz/retry-after-non-ascii-date.http), so it is not used.
    static func httpDate(_ value: String) -> Date? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let fields = value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].count == 4, fields[0].hasSuffix(","), fields[5] == "GMT",
              let month = months.firstIndex(of: String(fields[2])) else { return nil }
        let time = fields[4].split(separator: ":", omittingEmptySubsequences: false)
        func number(_ text: Substring, digits: Int, in range: ClosedRange<Int>) -> Int? {
            guard text.count == digits, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), range.contains(n) else { return nil }
            return n
        }
        guard time.count == 3, let day = number(fields[1], digits: 2, in: 1...31), let year = number(fields[3], digits: 4, in: 1...9999),
              let hour = number(time[0], digits: 2, in: 0...23), let minute = number(time[1], digits: 2, in: 0...59),
              let second = number(time[2], digits: 2, in: 0...60) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        let components = DateComponents(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        // 31 February and the like are not dates.
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return date
    }
}
