/// What `Soundtrack.restore` wrote.
public struct SoundtrackResult: Codable, Sendable, Equatable {
    /// The file written.
    public let file: String
    /// Video frames copied from the model's result.
    public let videoFrames: Int
    /// Audio streams written: 0 when the audio source has none (the file is then the video alone).
    public let audioStreams: Int
    /// Whether audio was re-encoded to AAC (audio an MP4 cannot carry, such as PCM); copied otherwise.
    public let transcoded: Bool
    /// Seconds of audio written (the longest stream), 0 without audio.
    public let audioDuration: Double

    /// Whether any audio was restored.
    public var hasAudio: Bool { audioStreams > 0 }
}
