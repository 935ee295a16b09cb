/// Switches for the fuzz targets (`Fuzz/`): not part of RayKit's API.
@_spi(Fuzzing) public enum Fuzzing {
    /// Decodes on the calling thread only, so a fuzz run keeps to one core and is reproducible.
    public static func decodeOnOneThread() {
        Decoder.threadCount.store(1, ordering: .relaxed)
    }
}
