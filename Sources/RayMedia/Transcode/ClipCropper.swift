import Foundation

/// Crops (and scales) a clip to a window and re-encodes it with libavcodec into MP4.
public enum ClipCropper {
    /// Decodes `input`, crops every frame in display space, encodes with libx264/libx265 and writes
    /// `output` with the audio copied untouched (re-encoded to AAC when an MP4 cannot carry it, such as
    /// PCM), the timestamps kept (variable frame rate stays variable) and a start timecode kept as a `tmcd` track. Without a trim (or one from 0)
    /// the whole audio is kept, AAC priming and audio before the first frame included, in sync.
    ///
    /// The file appears only when complete: it is written under a temporary name and renamed.
    /// - Parameters:
    ///   - frameCount: the clip's frame count, for progress reports.
    ///   - progress: called after each frame from the calling thread.
    ///   - isCancelled: polled once a frame; when it turns true the crop stops and leaves nothing behind.
    /// - Throws: `MediaError` naming the file at fault.
    public static func crop(_ input: String, to output: String, _ settings: CropSettings, frameCount: Int? = nil,
                            progress: ((CropProgress) -> Void)? = nil,
                            isCancelled: () -> Bool = { false }) throws(MediaError) -> CropOutput {
        try crop(Clip(input), to: output, settings, frameCount: frameCount, progress: progress, isCancelled: isCancelled)
    }

    /// Crops an opened clip (its frame index reused); see the path form.
    public static func crop(_ clip: Clip, to output: String, _ settings: CropSettings, frameCount: Int? = nil,
                            progress: ((CropProgress) -> Void)? = nil,
                            isCancelled: () -> Bool = { false }) throws(MediaError) -> CropOutput {
        let input = clip.path
        try AtomicFile.checkWritable(output, overwrite: settings.overwrite)
        if AtomicFile.sameFile(input, output) {
            throw MediaError(.invalidRequest, file: output, "is the input clip: write the crop somewhere else")
        }
        let temporary = AtomicFile.temporaryPath(for: output)
        do {
            let result = try CropTranscoder(input: clip, output: temporary, settings: settings)
                .run(frameCount: frameCount, progress: progress, isCancelled: isCancelled)
            try AtomicFile.commit(temporary, to: output)
            return CropOutput(file: output, codec: result.codec, width: settings.output.width, height: settings.output.height,
                              frames: result.frames, audioStreams: result.audioStreams, audioTranscoded: result.audioTranscoded,
                              timecode: result.timecode, notes: result.notes)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error.file == temporary ? MediaError(error.kind, file: output, error.problem) : error
        }
    }
}
