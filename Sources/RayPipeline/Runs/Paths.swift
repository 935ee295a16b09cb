import Foundation

/// Path handling shared by runs.
enum Paths {
    /// `path` made absolute against `folder`.
    static func absolute(_ path: String, relativeTo folder: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        let base = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
        return ((base as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// An input: asset ids as they are, files made absolute.
    static func input(_ text: String, relativeTo folder: String) -> String {
        text.hasPrefix("asset_") ? text : absolute(text, relativeTo: folder)
    }

    static func createFolder(_ path: String) throws(PipelineError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw PipelineError("\(path): cannot create the folder: \(error.localizedDescription)")
        }
    }

    /// Whether a file name is a video RayKit uploads as one.
    static func isVideo(_ path: String) -> Bool {
        ["mp4", "mov", "webm", "mkv", "m4v"].contains((path as NSString).pathExtension.lowercased())
    }
}
