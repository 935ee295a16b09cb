import Foundation

/// A multipart upload: created, filled part by part through presigned PUTs, completed, then validated.
struct Upload {
    /// Where the upload stands, as `GET /v1/uploads/{id}` reports it.
    enum Status: String {
        case pending, validating, imported, failed
    }

    /// Why completing failed, in S3's words.
    struct CompletionError: Error {
        let name: String
        let detail: String
    }

    /// The smallest size of every part but the last, in bytes (S3's rule).
    static let minimumPartSize = 5 * 1024 * 1024

    let id: String
    let fileName: String
    let contentType: String
    let kind: String
    let fileSize: Int
    let partCount: Int
    /// The signature the part URLs carry.
    let signature = RandomID.hex(64)
    var parts: [Int: Data] = [:]
    var status = Status.pending
    /// Polls left that answer `validating` before the final status.
    var validationPollsLeft = 0
    /// When set, validation ends `failed` with this message.
    var failureMessage: String?
    /// The asset created once imported.
    var entityId: String?

    /// The parts joined in number order, after checking S3's rules and the declared size.
    ///
    /// - Throws: `CompletionError` when a part is missing, a part but the last is under 5 MiB,
    ///   or the total differs from `fileSize`.
    func assembled() throws(CompletionError) -> Data {
        var file = Data()
        for number in 1...partCount {
            guard let part = parts[number] else {
                throw CompletionError(name: "InvalidPart", detail: "part \(number) of \(partCount) was never uploaded")
            }
            if number < partCount && part.count < Self.minimumPartSize {
                throw CompletionError(name: "EntityTooSmall", detail: "part \(number) is \(part.count) bytes; every part but the last must be at least \(Self.minimumPartSize) bytes")
            }
            file += part
        }
        guard file.count == fileSize else {
            throw CompletionError(name: "IncompleteBody", detail: "the parts hold \(file.count) bytes but fileSize is \(fileSize)")
        }
        return file
    }

    /// The upload as the API shows it; `partURL` adds the presigned part list.
    func json(partURL: ((Int) -> String)? = nil) -> [String: Any] {
        var object: [String: Any] = [
            "id": id, "status": status.rawValue, "fileName": fileName, "contentType": contentType,
            "kind": kind, "fileSize": fileSize,
        ]
        if let partURL {
            object["parts"] = (1...partCount).map { ["number": $0, "url": partURL($0)] as [String: Any] }
        }
        if let entityId { object["entityId"] = entityId }
        if status == .failed, let failureMessage { object["errorMessage"] = failureMessage }
        return object
    }
}
