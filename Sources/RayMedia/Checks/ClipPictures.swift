internal import CFFmpeg
import RayCanvas

/// Every frame of a clip as a small display-correct picture, for measuring results against sources.
public enum ClipPictures {
    /// Calls `body` with each frame in order: upright, square pixels, the display-space `window` (the whole
    /// picture when nil) scaled to `size`.
    ///
    /// - Throws: `MediaError` for a clip that cannot be read, or what `body` throws.
    public static func each(_ clip: Clip, window: CropRect? = nil, size: PixelSize,
                            _ body: (Int, RGBImage) throws(MediaError) -> Void) throws(MediaError) {
        let source = try clip.frameSource()
        let stream = StreamDescription(source.stream)
        let color = PictureColor(source.stream.pointee.codecpar.pointee)
        var path: (coded: PixelSize, path: PicturePath)?
        while let (index, frame) = try source.next() {
            let coded = PixelSize(width: Int(frame.width), height: Int(frame.height))
            if path?.coded != coded {
                path = (coded, PicturePath(coded: coded, sar: stream.sampleAspectRatio, orientation: stream.orientation, window: window,
                                           output: size, pixelFormat: AV_PIX_FMT_RGB24, sourceColor: color,
                                           toneMap: stream.hdr == .sdr ? nil : ToneMap(stream.hdr), measuring: true))
            }
            try body(index, RGBImage(rgb: path!.path.apply(frame)))
        }
    }

    /// A size for measuring a `width × height` picture: its longer side at most `maxSide`, ratio kept.
    public static func measuringSize(width: Int, height: Int, maxSide: Int = 160) -> PixelSize {
        let scale = min(1, Double(maxSide) / Double(max(width, height)))
        return PixelSize(width: max(8, Int((Double(width) * scale).rounded())), height: max(8, Int((Double(height) * scale).rounded())))
    }
}
