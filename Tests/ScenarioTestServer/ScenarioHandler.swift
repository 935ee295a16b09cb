import FlyingFox
import Foundation

/// The FlyingFox handler for every request: reads it in full, logs it, plays any fault that
/// matches it, else answers from its route.
struct ScenarioHandler: HTTPHandler {
    let state: ServerState
    let router: Router

    func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        let recorded = try await Self.record(request)
        let receipt = AnswerReceipt(state: state, index: state.record(recorded))
        let fault = state.takeFault(method: recorded.method, path: recorded.path)
        switch fault {
        case .status(let status, let json, let headers):
            var response = HTTPResponse(status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: Data(json.utf8))
            if !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
                response.headers.insert(("Content-Type", "application/json"), at: 0)
            }
            return Self.encode(response, receipt: receipt)
        case .dropConnection:
            return FlyingFox.HTTPResponse(webSocket: DroppedConnection(receipt: receipt))
        case .delay(let seconds):
            try await Task.sleep(for: .seconds(seconds))
        case .redirectToSelf:
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+?")
            let query = recorded.query.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }.joined(separator: "&")
            let location = recorded.path + (query.isEmpty ? "" : "?" + query)
            return Self.encode(HTTPResponse(status: 302, headers: [("Location", location)]), receipt: receipt)
        case .truncateBody, nil:
            break
        }
        let response = state.withAPI { router.respond(to: recorded, in: &$0) }
        if case .truncateBody = fault {
            return Self.encode(response, receipt: receipt, truncated: true)
        }
        return Self.encode(response, receipt: receipt)
    }

    /// The request with its body read and its headers named in lowercase.
    private static func record(_ request: FlyingFox.HTTPRequest) async throws -> RecordedRequest {
        var headers: [String: String] = [:]
        for (header, value) in request.headers {
            let name = header.rawValue.lowercased()
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        let (path, query) = RecordedRequest.split(target: request.target.rawValue)
        return RecordedRequest(method: request.method.rawValue, path: path, query: query, headers: headers,
                               body: try await request.bodyData)
    }

    /// FlyingFox's form of an answer; with `truncated`, only the first half of the body (rounded down)
    /// follows the full `Content-Length` before the connection closes.
    private static func encode(_ response: HTTPResponse, receipt: AnswerReceipt, truncated: Bool = false) -> FlyingFox.HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.addValue(value, for: HTTPHeader(name)) }
        let body = AnswerBody(data: response.body, cutOff: truncated ? response.body.count / 2 : nil, receipt: receipt)
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: response.reasonPhrase),
                                      headers: headers, body: HTTPBodySequence(from: body, count: response.body.count))
    }
}
