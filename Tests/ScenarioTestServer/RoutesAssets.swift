import Foundation

/// `POST /v1/assets` and `GET /v1/assets/{id}`.
extension Router {
    /// The largest body `POST /v1/assets` accepts, in bytes.
    static let maximumAssetBody = 10 * 1024 * 1024

    /// Stores a base64 image (plain or as a `data:` URL) sent as `{"image", "name"}`.
    func postAsset(_ request: RecordedRequest, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard request.body.count <= Self.maximumAssetBody else {
            throw Refusal(.reason(413, "Request body is larger than \(Self.maximumAssetBody) bytes", name: "PayloadTooLargeError"))
        }
        let body = try jsonBody(request)
        var image: String = try field("image", of: body)
        if image.hasPrefix("data:"), let comma = image.firstIndex(of: ",") {
            image = String(image[image.index(after: comma)...])
        }
        guard let data = Data(base64Encoded: image), !data.isEmpty else {
            throw Refusal(.reason(400, "\"image\" is not valid base64", name: "ValidationError", details: ["field": "image"]))
        }
        let name = body["name"] as? String
        let id = api.addAsset(data, name: name)
        return .json(200, ["asset": api.assets[id]!.json()])
    }

    /// An asset with a signed download URL that needs no credentials.
    func getAsset(id: String, _ api: APIState) throws(Refusal) -> HTTPResponse {
        guard let asset = api.assets[id] else { throw Refusal(.notFound("Asset", id)) }
        let expires = Int(Date().timeIntervalSince1970) + 3600
        let url = "\(origin)/signed/\(id)?Signature=\(asset.signature)&Expires=\(expires)"
        return .json(200, ["asset": asset.json(url: url)])
    }
}
