import Foundation

/// `POST /v1/uploads`, `GET /v1/uploads/{id}` and `POST /v1/uploads/{id}/action`.
extension Router {
    /// Creates a multipart upload and hands out one presigned part URL per part.
    func postUpload(_ request: RecordedRequest, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        let body = try jsonBody(request)
        let kind: String = try field("kind", of: body)
        let parts: Int = try field("parts", of: body)
        guard ["video", "image"].contains(kind), parts >= 1 else {
            throw Refusal(.reason(400, "\"kind\" must be video or image and \"parts\" at least 1", name: "ValidationError"))
        }
        let upload = Upload(
            id: RandomID.make("upload"), fileName: try field("fileName", of: body), contentType: try field("contentType", of: body),
            kind: kind, fileSize: try field("fileSize", of: body), partCount: parts
        )
        api.uploads[upload.id] = upload
        let json = upload.json { "\(origin)/s3/\(upload.id)/\($0)?X-Amz-Signature=\(upload.signature)" }
        return .json(200, ["upload": json])
    }

    /// The upload's status; each poll while `validating` uses one validation poll, then it settles.
    func getUpload(id: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard var upload = api.uploads[id] else { throw Refusal(.notFound("Upload", id)) }
        if upload.status == .validating {
            if upload.validationPollsLeft > 0 {
                upload.validationPollsLeft -= 1
            } else if upload.failureMessage != nil {
                upload.status = .failed
            } else {
                let file = (try? upload.assembled()) ?? Data()
                upload.entityId = api.addAsset(file, name: upload.fileName, mimeType: upload.contentType)
                upload.status = .imported
            }
            api.uploads[id] = upload
        }
        return .json(200, ["upload": upload.json()])
    }

    /// `{"action": "complete"}`: checks the parts and starts validation; repeating it answers the current state.
    func uploadAction(_ request: RecordedRequest, id: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard var upload = api.uploads[id] else { throw Refusal(.notFound("Upload", id)) }
        let action: String = try field("action", of: try jsonBody(request))
        guard action == "complete" else { throw Refusal(.reason(400, "Unknown action: \(action)", name: "ValidationError")) }
        if upload.status == .pending {
            do {
                _ = try upload.assembled()
            } catch {
                throw Refusal(.reason(400, "Failed to complete upload: \(error.name): \(error.detail)", name: error.name))
            }
            upload.status = .validating
            upload.validationPollsLeft = api.uploadValidationPolls
            upload.failureMessage = api.nextUploadFailure
            api.nextUploadFailure = nil
            api.uploads[id] = upload
        }
        return .json(200, ["upload": upload.json()])
    }
}
