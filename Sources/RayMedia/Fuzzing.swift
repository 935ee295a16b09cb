/// Switches for the fuzz targets (`Fuzz/`): not part of RayKit's API.
@_spi(Fuzzing) public enum Fuzzing {
    /// Pictures larger than this many pixels are refused by the decoders while fuzzing: 1280x720.
    public static let maxPixels: Int64 = 1280 * 720

    /// Decodes on the calling thread only, and refuses pictures over `maxPixels` (as FFmpeg's own decoder
    /// fuzzers cap them): a run keeps to one core, is reproducible, and spends its time on the input
    /// rather than on clearing frame buffers a mutated header made huge.
    public static func prepareDecoders() {
        Decoder.threadCount.store(1, ordering: .relaxed)
        Decoder.maxPixels.store(maxPixels, ordering: .relaxed)
    }
}
