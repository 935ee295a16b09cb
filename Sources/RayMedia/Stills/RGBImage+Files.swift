internal import CFFmpeg

extension RGBImage {
    /// Encodes the picture as PNG or JPEG (libavcodec) and writes it atomically.
    ///
    /// - Throws: `MediaError` when the file exists and `overwrite` is false, or cannot be written.
    public func write(to path: String, format: ImageFormat, quality: Int? = nil, overwrite: Bool) throws(MediaError) {
        try AtomicFile.checkWritable(path, overwrite: overwrite)
        let encoder = try ImageEncoder(format: format, width: width, height: height, quality: quality)
        try AtomicFile.write(try encoder.encode(self), to: path, overwrite: overwrite)
    }

    /// The pixels of an RGB24 frame.
    init(rgb frame: Frame) {
        self.init(width: Int(frame.width), height: Int(frame.height), pixels: frame.packedBytes(bytesPerPixel: 3))
    }

    /// The picture scaled to `width × height` (bicubic, libswscale).
    public func resized(width newWidth: Int, height newHeight: Int) -> RGBImage {
        if newWidth == width && newHeight == height { return self }
        let source = Frame(allocating: AV_PIX_FMT_RGB24, width: width, height: height)
        pixels.withUnsafeBytes { source.setPackedPixels($0, bytesPerPixel: 3) }
        let target = Frame(allocating: AV_PIX_FMT_RGB24, width: newWidth, height: newHeight)
        Scaler().convert(source, into: target, sourceIsVideo: false)
        return RGBImage(width: newWidth, height: newHeight, pixels: target.packedBytes(bytesPerPixel: 3))
    }
}
