internal import CFFmpeg

extension RGBImage {
    /// Decodes a PNG or JPEG file (through libavformat/libavcodec) into RGB pixels.
    ///
    /// - Throws: `MediaError` naming the file when it is missing or not an image.
    public init(contentsOf path: String) throws(MediaError) {
        let file = try MediaFile(path: path)
        let streamIndex = try file.videoStreamIndex()
        let decoder = try Decoder(stream: file.stream(streamIndex), file: path)
        let packet = Packet(), frame = Frame()
        self = try reportingMediaErrors(file: path) { () throws -> RGBImage in
            while true {
                switch try decoder.receive(into: frame) {
                case .frame:
                    let rgb = Frame(allocating: AV_PIX_FMT_RGB24, width: Int(frame.width), height: Int(frame.height))
                    Scaler().convert(frame, into: rgb)
                    return RGBImage(width: Int(frame.width), height: Int(frame.height), pixels: rgb.packedBytes(bytesPerPixel: 3))
                case .needsInput:
                    try decoder.send(try file.read(into: packet) ? packet : nil)
                case .finished:
                    throw MediaError(.notMedia, file: path, "no picture in the file")
                }
            }
        }
    }
}
