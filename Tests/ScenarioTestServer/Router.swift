import Foundation

/// Maps a request to its route and answers it from the API state.
///
/// Routes live in extensions (`RoutesAssets.swift`, `RoutesUploads.swift`, `RoutesJobs.swift`,
/// `RoutesStorage.swift`); a route bails out with a 4xx by throwing `Refusal`.
struct Router {
    /// `http://127.0.0.1:PORT`, the origin of the URLs the server hands out.
    let origin: String

    private static let authorization = "Basic " + Data("\(ScenarioTestServer.apiKey):\(ScenarioTestServer.apiSecret)".utf8).base64EncodedString()

    /// The answer to a request; routes under `/v1` first check HTTP Basic auth.
    func respond(to request: RecordedRequest, in api: inout APIState) -> HTTPResponse {
        do {
            return try route(request, &api)
        } catch {
            return error.response
        }
    }

    private func route(_ request: RecordedRequest, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        switch (request.method, segments.first, segments.count) {
        case (_, "v1", _):
            guard request.headers["authorization"] == Self.authorization else {
                throw Refusal(.reason(401, "Unauthorized", name: "UnauthorizedError"))
            }
            return try routeAPI(request, Array(segments.dropFirst()), &api)
        case ("PUT", "s3", 3): return try putPart(request, uploadId: segments[1], number: segments[2], &api)
        case ("GET", "signed", 2): return try signedDownload(request, assetId: segments[1], api)
        case ("GET", "blob", 2): return try blob(request, assetId: segments[1], api)
        default: throw Refusal(.notFound("Route", "\(request.method) \(request.path)"))
        }
    }

    private func routeAPI(_ request: RecordedRequest, _ path: [String], _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        switch (request.method, path.first, path.count) {
        case ("POST", "assets", 1): return try postAsset(request, &api)
        case ("GET", "assets", 2): return try getAsset(id: path[1], api)
        case ("POST", "uploads", 1): return try postUpload(request, &api)
        case ("GET", "uploads", 2): return try getUpload(id: path[1], &api)
        case ("POST", "uploads", 3) where path[2] == "action": return try uploadAction(request, id: path[1], &api)
        case ("POST", "generate", 3) where path[1] == "custom": return try generate(request, modelId: path[2], &api)
        case ("GET", "jobs", 1): return try listJobs(request, api)
        case ("GET", "jobs", 2): return try getJob(id: path[1], &api)
        case ("POST", "jobs", 3) where path[2] == "action": return try jobAction(request, id: path[1], &api)
        default: throw Refusal(.notFound("Route", "\(request.method) \(request.path)"))
        }
    }

    /// The request body as a JSON object.
    ///
    /// - Throws: `Refusal` with a 400 when the body is not a JSON object.
    func jsonBody(_ request: RecordedRequest) throws(Refusal) -> [String: Any] {
        guard let object = request.json else { throw Refusal(.reason(400, "Body must be a JSON object")) }
        return object
    }

    /// A field of a JSON object with the expected type.
    ///
    /// - Throws: `Refusal` with a 400 naming the field when it is missing or of another type.
    func field<Value>(_ name: String, of object: [String: Any]) throws(Refusal) -> Value {
        guard let value = object[name] as? Value else {
            throw Refusal(.reason(400, "\"\(name)\" is missing or not a \(Value.self)", name: "ValidationError", details: ["field": name]))
        }
        return value
    }
}

/// A 4xx answer a route gives up with.
struct Refusal: Error {
    let response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
}
