internal import CFFmpeg
import Foundation

/// A failure on one media file, worded for the person who named the file.
///
/// `errorDescription` is one line: the file, then what is wrong with it.
public struct MediaError: Error, LocalizedError, Equatable, Sendable {
    /// What went wrong, in broad strokes a caller can branch on.
    public enum Kind: String, Sendable {
        case fileNotFound, emptyFile, notMedia, truncated, noVideoStream, notVideoStream, unsupported, invalidRequest, outputExists, cancelled, failed
    }

    public let kind: Kind
    /// The file the problem is about.
    public let file: String
    /// What is wrong, in words (FFmpeg's own message where there is one).
    public let problem: String

    public init(_ kind: Kind, file: String, _ problem: String) {
        self.kind = kind
        self.file = file
        self.problem = problem
    }

    public var errorDescription: String? { "\(file): \(problem)" }

    /// A still picture given where a video is needed.
    ///
    /// - Parameter codec: the picture's codec (`png`, `mjpeg`).
    public static func stillImage(_ file: String, codec: String) -> MediaError {
        MediaError(.unsupported, file: file, "is a still image (\(codec)), not a video; Generate takes it as a startFrame")
    }
}

/// A failed FFmpeg call: the AVERROR code, the call, and FFmpeg's message.
///
/// Internal: it is turned into a `MediaError` naming the file before it leaves RayMedia.
struct AVFailure: Error {
    let code: Int32
    let call: String
    /// The last error line FFmpeg logged for the context, if any.
    let logLine: String?

    /// `av_strerror`'s text for the code.
    var message: String {
        var buffer = [CChar](repeating: 0, count: 256)
        av_strerror(code, &buffer, buffer.count)
        return String(nulTerminated: buffer)
    }

    /// The most specific words: FFmpeg's logged line where it said more than the code's text.
    var detail: String {
        if let logLine, !logLine.isEmpty { return "\(logLine) (\(message))" }
        return message
    }

    func mediaError(file: String) -> MediaError {
        let kind: MediaError.Kind = code == rk_AVERROR_INVALIDDATA() ? .notMedia : .failed
        return MediaError(kind, file: file, "\(call) failed: \(detail)")
    }
}

/// Runs `body`, turning whatever it throws into a `MediaError` about `file` (FFmpeg failures keep their message).
func reportingMediaErrors<T>(file: String, _ body: () throws -> T) throws(MediaError) -> T {
    do {
        return try body()
    } catch let error as MediaError {
        throw error
    } catch let error as AVFailure {
        throw error.mediaError(file: file)
    } catch {
        throw MediaError(.failed, file: file, "\(error)")
    }
}

/// Throws an `AVFailure` when an FFmpeg call returned a negative code; passes the value on otherwise.
@discardableResult
func check(_ code: Int32, _ call: @autoclosure () -> String, context: UnsafeRawPointer? = nil) throws(AVFailure) -> Int32 {
    guard code < 0 else { return code }
    throw AVFailure(code: code, call: call(), logLine: FFmpegLog.lastError(for: context))
}
