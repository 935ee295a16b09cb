import Foundation

/// What kind of asset a file becomes.
public enum AssetKind: String, Sendable, Codable {
    case image, video
}

/// A finished upload: the asset it made, and the upload that made it (none for inline images).
public struct UploadedAsset: Sendable, Equatable, Codable {
    public let assetId: String
    public let uploadId: String?
}

extension ScenarioClient {
    /// Uploads a local file and returns its asset: images under the inline limit as base64 through
    /// `POST /assets`, everything else through a multipart upload streamed from disk.
    ///
    /// - Parameter started: called with the upload id as soon as it exists, so a caller can record it.
    public func upload(_ path: String, kind: AssetKind, started: @escaping @Sendable (String) -> Void = { _ in }) async throws(ScenarioError) -> UploadedAsset {
        try await upload(path, kind: kind, started: started, progress: { _ in })
    }

    /// ``upload(_:kind:started:)`` with its byte progress as a stream (a multipart upload's bytes; an inline image reports none).
    public func uploading(_ path: String, kind: AssetKind, started: @escaping @Sendable (String) -> Void = { _ in }) -> Transfer<UploadedAsset> {
        Transfer { [self] report async throws(ScenarioError) in try await upload(path, kind: kind, started: started, progress: report) }
    }

    private func upload(_ path: String, kind: AssetKind, started: (String) -> Void,
                        progress: @escaping @Sendable (TransferProgress) -> Void) async throws(ScenarioError) -> UploadedAsset {
        let size = try fileSize(path)
        if kind == .image && size < configuration.inlineImageLimit {
            return UploadedAsset(assetId: try await uploadInline(path), uploadId: nil)
        }
        return try await uploadInParts(path, kind: kind, size: size, started: started, progress: progress)
    }

    /// Finishes an upload begun earlier (a resumed run): its asset when it was completed, nil when it must start over.
    public func resumeUpload(_ uploadId: String) async throws(ScenarioError) -> UploadedAsset? {
        let upload = try await uploadState(uploadId)
        guard ["validating", "validated", "complete", "imported"].contains(upload.status) else { return nil }
        return UploadedAsset(assetId: try await awaitImport(uploadId), uploadId: uploadId)
    }

    private func uploadInline(_ path: String) async throws(ScenarioError) -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ScenarioError(.badResponse, "\(path): cannot read: \(error.localizedDescription)")
        }
        let body = try json(["image": data.base64EncodedString(), "name": (path as NSString).lastPathComponent])
        return try decode(AssetAnswer.self, from: await call("POST", "/assets", body: body), endpoint: "POST /assets").asset.id
    }

    private func uploadInParts(_ path: String, kind: AssetKind, size: Int64, started: (String) -> Void,
                               progress: @escaping @Sendable (TransferProgress) -> Void) async throws(ScenarioError) -> UploadedAsset {
        let partCount = max(1, Int((size + configuration.partSize - 1) / configuration.partSize))
        let body = try json(["fileName": (path as NSString).lastPathComponent, "contentType": Self.contentType(path, kind: kind),
                             "fileSize": size, "kind": kind.rawValue, "parts": partCount])
        let created = try decode(UploadAnswer.self, from: await call("POST", "/uploads", body: body), endpoint: "POST /uploads").upload
        started(created.id)
        let parts = (created.parts ?? []).sorted { $0.number < $1.number }
        guard parts.count == partCount else {
            throw ScenarioError(.badResponse, "POST /uploads: asked for \(partCount) part URLs, got \(parts.count)")
        }
        let began = Date()
        for part in parts {
            let offset = Int64(part.number - 1) * configuration.partSize
            try await putPart(path, url: part.url, offset: offset, length: min(configuration.partSize, size - offset), number: part.number) { sent, _ in
                progress(TransferProgress(bytes: offset + sent, total: size, elapsed: Date().timeIntervalSince(began)))
            }
        }
        _ = try await call("POST", "/uploads/\(created.id)/action", body: Data(#"{"action":"complete"}"#.utf8))
        return UploadedAsset(assetId: try await awaitImport(created.id), uploadId: created.id)
    }

    /// PUTs one part to its signed URL, bytes streamed from the file. No Scenario credentials go to it.
    private func putPart(_ path: String, url: String, offset: Int64, length: Int64, number: Int,
                         progress: @escaping @Sendable (Int64, Int64?) -> Void) async throws(ScenarioError) {
        let request = HTTPRequest(method: "PUT", url: url, headers: ["Content-Type: application/octet-stream"],
                                  body: .file(path: path, offset: offset, length: length), timeouts: configuration.transferTimeouts,
                                  progress: progress)
        _ = try await exchange(request, endpoint: "PUT part \(number) of \((path as NSString).lastPathComponent)") { $0.isTransient }
    }

    /// Polls an upload until Scenario has made its asset (`entityId` set).
    private func awaitImport(_ uploadId: String) async throws(ScenarioError) -> String {
        var interval = configuration.poll.initial
        let deadline = Date().addingTimeInterval(configuration.uploadValidationTimeout)
        while true {
            let upload = try await uploadState(uploadId)
            if let asset = upload.entityId { return asset }
            if upload.status == "failed" {
                // errorMessage is the server's words: redacted like an HTTP error body.
                throw ScenarioError(.uploadFailed, credentials.redact("upload \(uploadId) failed: \(upload.errorMessage ?? "no reason given")"))
            }

            guard Date().addingTimeInterval(interval) < deadline else {
                throw ScenarioError(.timedOut, "upload \(uploadId) still \(upload.status ?? "unconfirmed") after \(Int(configuration.uploadValidationTimeout)) s")
            }
            try await pauseOrStop(interval, "waiting for upload \(uploadId)")
            interval = configuration.poll.next(after: interval)
        }
    }

    private func uploadState(_ uploadId: String) async throws(ScenarioError) -> UploadAnswer.Upload {
        let path = "/uploads/\(uploadId)"
        return try decode(UploadAnswer.self, from: await call("GET", path), endpoint: "GET \(path)").upload
    }

    func json(_ object: [String: Any]) throws(ScenarioError) -> Data {
        do { return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) } catch {
            throw ScenarioError(.badResponse, "cannot encode a request: \(error.localizedDescription)")
        }
    }

    private func fileSize(_ path: String) throws(ScenarioError) -> Int64 {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value else {
            throw ScenarioError(.badResponse, "\(path): no such file to upload")
        }
        return size
    }

    /// The MIME type for a file name.
    static func contentType(_ path: String, kind: AssetKind) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "webm": "video/webm"
        case "mov": "video/quicktime"
        default: kind == .video ? "video/mp4" : "application/octet-stream"
        }
    }
}

/// `{"upload": {…}}` as `POST /uploads` and `GET /uploads/{id}` answer.
struct UploadAnswer: Decodable {
    struct Part: Decodable {
        let number: Int
        let url: String
    }

    struct Upload: Decodable {
        let id: String
        let status: String?
        let parts: [Part]?
        let entityId: String?
        let errorMessage: String?
    }

    let upload: Upload
}
