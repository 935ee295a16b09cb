import Foundation

/// One way of naming frames: `48`, `start`, `middle`, `end`, `-1`, `@2.5s`, `every:24`.
public enum FrameSelector: Equatable, Sendable, CustomStringConvertible {
    /// Frame N counted from 0 in presentation order.
    case index(Int)
    /// Frame N counted from the end: `-1` is the last frame.
    case fromEnd(Int)
    /// The first frame.
    case start
    /// The last frame a player shows.
    case end
    /// The frame halfway through (frame count / 2).
    case middle
    /// The frame on screen at this many seconds after the first frame starts.
    case time(Double)
    /// Frames 0, N, 2N, … to the end.
    case every(Int)

    /// Parses a comma-separated list such as `start,48,-1,@2.5s,every:24`.
    ///
    /// - Throws: ``FrameSelectorError`` naming the malformed selector.
    public static func parseList(_ text: String) throws(FrameSelectorError) -> [FrameSelector] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FrameSelectorError(text: text, problem: "no frames selected")
        }
        var selectors: [FrameSelector] = []
        for part in parts {
            guard let selector = FrameSelector(part) else {
                throw FrameSelectorError(text: text, problem: "'\(part)' is not a frame selector (use N, -N, start, middle, end, @SECONDSs or every:N)")
            }
            selectors.append(selector)
        }
        return selectors
    }

    /// Parses one selector; nil when malformed.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "start", "first": self = .start
        case "end", "last": self = .end
        case "middle": self = .middle
        case let t where t.hasPrefix("every:"):
            guard let step = Int(t.dropFirst(6)), step > 0 else { return nil }
            self = .every(step)
        case let t where t.hasPrefix("@"):
            let number = t.hasSuffix("s") ? t.dropFirst().dropLast() : t.dropFirst()
            guard let seconds = Double(number), seconds.isFinite, seconds >= 0 else { return nil }
            self = .time(seconds)
        case let t where t.hasPrefix("-"):
            guard let n = Int(t.dropFirst()), n > 0 else { return nil }
            self = .fromEnd(n)
        default:
            guard let n = Int(text), n >= 0 else { return nil }
            self = .index(n)
        }
    }

    /// Whether the selector names many frames (`every:N`) rather than one.
    var isRange: Bool {
        if case .every = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .index(let n): "\(n)"
        case .fromEnd(let n): "-\(n)"
        case .start: "start"
        case .end: "end"
        case .middle: "middle"
        case .time(let s): "@\(s)s"
        case .every(let n): "every:\(n)"
        }
    }

    /// Turns selectors into ascending frame numbers for a clip.
    ///
    /// - Parameters:
    ///   - selectors: what was asked for.
    ///   - frameStarts: when each frame starts, in seconds after the first frame (presentation order).
    ///   - duration: seconds from the first frame's start to the last frame's end.
    ///   - clip: the clip's path, for messages.
    /// - Throws: `MediaError` (`.invalidRequest`) for a frame outside the clip or one named twice
    ///   (`every:N` may overlap other selectors).
    public static func resolve(_ selectors: [FrameSelector], frameStarts: [Double], duration: Double, clip: String) throws(MediaError) -> [Int] {
        let count = frameStarts.count
        var chosen: [Int: FrameSelector] = [:]
        func add(_ frame: Int, _ selector: FrameSelector) throws(MediaError) {
            guard frame >= 0 && frame < count else {
                throw MediaError(.invalidRequest, file: clip, "frame \(selector) is outside the clip (frames 0…\(count - 1))")
            }
            // A frame named twice is a mistake; `every:N` may overlap the others.
            if let earlier = chosen[frame] {
                if earlier.isRange || selector.isRange { return }
                throw MediaError(.invalidRequest, file: clip, "frame \(frame) is selected twice (\(earlier) and \(selector))")
            }
            chosen[frame] = selector
        }
        for selector in selectors {
            switch selector {
            case .index(let n): try add(n, selector)
            case .fromEnd(let n): try add(count - n, selector)
            case .start: try add(0, selector)
            case .end: try add(count - 1, selector)
            case .middle: try add(count / 2, selector)
            case .every(let step):
                for frame in stride(from: 0, to: count, by: step) { try add(frame, selector) }
            case .time(let seconds):
                guard seconds < duration else {
                    throw MediaError(.invalidRequest, file: clip, "time \(selector) is past the clip's end (\(String(format: "%.3f", duration)) s)")
                }
                // The frame on screen: the last one that starts at or before the time.
                let frame = frameStarts.lastIndex { $0 <= seconds + 1e-9 } ?? 0
                try add(frame, selector)
            }
        }
        return chosen.keys.sorted()
    }
}

/// A list of frame selectors that does not parse: the text given and what is wrong with it.
public struct FrameSelectorError: Error, LocalizedError, Sendable, Equatable {
    /// The list as given.
    public let text: String
    public let problem: String

    public var errorDescription: String? { "frames \"\(text)\": \(problem)" }
}
