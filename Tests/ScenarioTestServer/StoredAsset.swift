import Foundation

/// An asset the server holds: an uploaded image, a reassembled upload, a job output or one a test added.
struct StoredAsset {
    let id: String
    let name: String?
    let mimeType: String
    let data: Data
    /// The signature its download URLs carry.
    let signature = RandomID.hex(32)

    /// The asset as the API shows it, with its download URL when given.
    func json(url: String? = nil) -> [String: Any] {
        var object: [String: Any] = ["id": id, "mimeType": mimeType]
        if let name { object["name"] = name }
        if let url { object["url"] = url }
        return object
    }

    /// The MIME type the bytes announce, else the one the file name suggests.
    static func guessMimeType(_ data: Data, name: String? = nil) -> String {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if bytes.starts(with: Array("RIFF".utf8)) && bytes.dropFirst(8).starts(with: Array("WEBP".utf8)) { return "image/webp" }
        if bytes.dropFirst(4).starts(with: Array("ftyp".utf8)) { return "video/mp4" }
        switch (name as NSString?)?.pathExtension.lowercased() {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "mp4", "m4v": return "video/mp4"
        case "mov": return "video/quicktime"
        default: return "application/octet-stream"
        }
    }
}

/// Random lowercase hex for ids and signatures.
enum RandomID {
    /// `count` random hex digits.
    static func hex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }

    /// An id such as `asset_3f9c…` with a 24-digit hex tail.
    static func make(_ prefix: String) -> String { "\(prefix)_\(hex(24))" }
}
