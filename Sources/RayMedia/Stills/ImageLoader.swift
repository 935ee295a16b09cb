internal import CFFmpeg
import RayCanvas

extension RGBImage {
    /// Decodes a PNG or JPEG file (through libavformat/libavcodec) into RGB pixels, through the same frame
    /// reader and picture path as a video's stills.
    ///
    /// - Throws: `MediaError` naming the file when it is missing or not an image.
    public init(contentsOf path: String) throws(MediaError) {
        let reader = try FrameSource(MediaFile(path: path), index: .inDecoderOrder)
        guard let (_, frame) = try reader.next() else { throw MediaError(.notMedia, file: path, "no picture in the file") }
        let converter = FrameConverter(orientation: .upright, sampleAspectRatio: AspectRatio(1, 1), toneMap: nil, size: .native, raw: true,
                                       color: PictureColor(reader.stream.pointee.codecpar.pointee))
        self.init(rgb: converter.convert(frame))
    }
}
