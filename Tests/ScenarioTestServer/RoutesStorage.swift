import Foundation

/// The storage side, outside `/v1` and without Basic auth: presigned part PUTs (`/s3`),
/// signed download URLs (`/signed`) and the bytes they redirect to (`/blob`).
extension Router {
    /// Stores one part of a pending upload, like S3's presigned `UploadPart`.
    func putPart(_ request: RecordedRequest, uploadId: String, number: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        if request.headers["authorization"] != nil {
            throw Refusal(.xml(400, code: "InvalidArgument", message: "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified"))
        }
        guard let signature = request.query["X-Amz-Signature"] else {
            throw Refusal(.xml(403, code: "AccessDenied", message: "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"))
        }
        guard var upload = api.uploads[uploadId], upload.status == .pending,
              let part = Int(number), (1...upload.partCount).contains(part) else {
            throw Refusal(.xml(404, code: "NoSuchUpload", message: "The specified upload does not exist."))
        }
        guard signature == upload.signature else {
            throw Refusal(.xml(403, code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided."))
        }
        upload.parts[part] = request.body
        api.uploads[uploadId] = upload
        return HTTPResponse(status: 200, headers: [("ETag", "\"\(Self.etag(request.body))\"")])
    }

    /// Redirects a signed URL to the bytes, refusing credentials as a CDN would.
    func signedDownload(_ request: RecordedRequest, assetId: String, _ api: APIState) throws(Refusal) -> HTTPResponse {
        let asset = try signedAsset(request, assetId, api)
        return HTTPResponse(status: 302, headers: [("Location", "/blob/\(assetId)?Signature=\(asset.signature)")])
    }

    /// The asset's bytes with their exact length and type.
    func blob(_ request: RecordedRequest, assetId: String, _ api: APIState) throws(Refusal) -> HTTPResponse {
        let asset = try signedAsset(request, assetId, api)
        return HTTPResponse(status: 200, headers: [("Content-Type", asset.mimeType)], body: asset.data)
    }

    /// The asset a signed storage URL names, when the request carries its signature and no credentials.
    private func signedAsset(_ request: RecordedRequest, _ assetId: String, _ api: APIState) throws(Refusal) -> StoredAsset {
        if request.headers["authorization"] != nil {
            throw Refusal(.xml(400, code: "InvalidArgument", message: "Authorization header not allowed on a signed URL"))
        }
        guard let asset = api.assets[assetId] else { throw Refusal(.xml(404, code: "NoSuchKey", message: "The specified key does not exist.")) }
        guard request.query["Signature"] == asset.signature else {
            throw Refusal(.xml(403, code: "AccessDenied", message: "Missing or wrong signature"))
        }
        return asset
    }

    /// A stable 32-digit hex digest of the part (FNV-1a, twice), standing in for S3's MD5 ETag.
    private static func etag(_ data: Data) -> String {
        var low: UInt64 = 0xcbf2_9ce4_8422_2325, high: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in data {
            low = (low ^ UInt64(byte)) &* 0x100_0000_01b3
            high = (high ^ UInt64(byte ^ 0x5a)) &* 0x100_0000_01b3
        }
        return String(format: "%016llx%016llx", high, low)
    }
}
