internal import CFFmpeg
import Foundation

/// The picture size a YUV4MPEG2 (`.y4m`) stream header declares, read without libavformat: its demuxer
/// fails on a size too large to allocate with a meaningless error ("Device or resource busy").
struct Y4MHeader {
    let width: Int
    let height: Int

    /// The header at the start of `bytes`; nil when they do not start a YUV4MPEG2 stream with a size.
    init?(_ bytes: some Collection<UInt8>) {
        let magic = Array("YUV4MPEG2 ".utf8)
        guard bytes.starts(with: magic) else { return nil }
        let line = bytes.dropFirst(magic.count).prefix { $0 != UInt8(ascii: "\n") }
        var width: Int?, height: Int?
        for token in String(decoding: line, as: UTF8.self).split(separator: " ") {
            if token.hasPrefix("W") { width = Int(token.dropFirst()) }
            if token.hasPrefix("H") { height = Int(token.dropFirst()) }
        }
        guard let width, let height else { return nil }
        (self.width, self.height) = (width, height)
    }

    /// The header of the file at `path`, if it starts with one.
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: 256) else { return nil }
        self.init(start)
    }

    /// Whether libavcodec can hold a picture of this size.
    var isDecodable: Bool {
        width > 0 && height > 0 && width <= Int(UInt32.max) && height <= Int(UInt32.max)
            && av_image_check_size(UInt32(width), UInt32(height), 0, nil) >= 0
    }
}
