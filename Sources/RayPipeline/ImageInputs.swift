import Foundation
import RayMedia
import RayModels

/// Turns image inputs into files fit to upload: frames extracted, formats checked, big files recompressed.
enum ImageInputs {
    /// The asset input for `source` and what is wrong with it.
    ///
    /// - Parameters:
    ///   - field: the request field, for findings (`startFrame`).
    ///   - folder: where extracted or recompressed images go.
    static func prepare(_ source: ImageSource, field: String, folder: String, overwrite: Bool) throws(MediaError) -> (AssetInput, [Finding]) {
        switch source {
        case .asset(let id):
            return (.asset(id), [])
        case .file(let path):
            let format = SourceLimits.imageFindings(field: field, bytes: nil, format: URL(fileURLWithPath: path).pathExtension)
            guard format.isEmpty else { return (.file(absolute(path)), format) }
            return try fitting(absolute(path), field: field, folder: folder, overwrite: overwrite)
        case .frame(let clip, let selector):
            let still = try StillExtractor.extract(from: clip, StillRequest(selectors: [selector], overwrite: overwrite),
                                                   into: (folder as NSString).appendingPathComponent(field))
            return try fitting(still[0].file, field: field, folder: folder, overwrite: overwrite)
        }
    }

    /// Keeps an image at or under the recommended size, recompressing it as JPEG (quality 90 down to 50) when over.
    static func fitting(_ path: String, field: String, folder: String, overwrite: Bool) throws(MediaError) -> (AssetInput, [Finding]) {
        guard let size = fileSize(path) else { throw MediaError(.fileNotFound, file: path, "no such file") }
        guard size > SourceLimits.recommendedImageBytes else { return (.file(path), []) }
        let image = try RGBImage(contentsOf: path)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = (folder as NSString).appendingPathComponent("\(field)-\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent).jpg")
        for quality in stride(from: 90, through: 50, by: -10) {
            try image.write(to: target, format: .jpeg, quality: quality, overwrite: true)
            if let written = fileSize(target), written <= SourceLimits.recommendedImageBytes {
                let note = Finding(severity: .warning, field: field, rule: "image.recompressed",
                                   message: String(format: "%@ is %.1f MB, over the %.1f MB that keeps a request under the gateway's limit", path,
                                                   Double(size) / 1e6, Double(SourceLimits.recommendedImageBytes) / 1e6),
                                   fix: "recompressed as JPEG quality \(quality): \(target)")
                return (.file(target), [note])
            }
        }
        return (.file(path), [Finding(severity: .error, field: field, rule: "image.size",
                                      message: String(format: "%@ stays over %.1f MB even as JPEG", path, Double(SourceLimits.recommendedImageBytes) / 1e6),
                                      fix: "use a smaller picture (\(.maxSide, "1920"))")])
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func fileSize(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int).map { Int64($0) }
    }
}
