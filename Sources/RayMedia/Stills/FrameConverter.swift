internal import CFFmpeg
import RayCanvas

/// Turns decoded frames into RGB stills as a player shows them, through the one `PicturePath`: 8-bit
/// (RGB24) for stills, 16-bit (RGB48) for `Clip.frame16(at:)`.
///
/// Display-correct by default: anamorphic pixels scaled to square, the display matrix's rotation and
/// mirror applied, HLG/PQ tone-mapped (see `ToneMap`), each frame converted from its own colour (its
/// tags, else the stream's, else what players assume). `raw` keeps coded pixels. A picture size that
/// changes mid-stream gets a path of its own. One converter serves one thread at a time.
final class FrameConverter {
    private let orientation: Orientation
    private let sar: AspectRatio
    private let toneMap: ToneMap?
    private let size: StillSize
    private let color: PictureColor
    private let pixelFormat: AVPixelFormat
    private var path: (coded: PixelSize, path: PicturePath)?

    /// - Parameters:
    ///   - toneMap: the tone map for HLG/PQ sources (built once, shared by converters), nil for SDR.
    ///   - color: the stream's colour, for frames that do not say theirs.
    ///   - pixelFormat: RGB24, or RGB48LE with no tone map.
    init(orientation: Orientation, sampleAspectRatio: AspectRatio, toneMap: ToneMap?, size: StillSize, raw: Bool, color: PictureColor,
         pixelFormat: AVPixelFormat = AV_PIX_FMT_RGB24) {
        self.orientation = raw ? .upright : orientation
        sar = raw ? AspectRatio(1, 1) : sampleAspectRatio
        self.toneMap = toneMap
        self.size = size
        self.color = color
        self.pixelFormat = pixelFormat
    }

    /// The still's size for a coded `width × height` picture.
    func outputSize(codedWidth: Int, codedHeight: Int) -> (width: Int, height: Int) {
        let display = orientation.displaySize(codedWidth: codedWidth, codedHeight: codedHeight, sar: sar)
        return size.apply(width: display.width, height: display.height)
    }

    /// Converts one decoded frame into an RGB frame, valid until the next call.
    func convert(_ frame: Frame) -> Frame {
        let coded = PixelSize(width: Int(frame.width), height: Int(frame.height))
        if path?.coded != coded {
            let out = outputSize(codedWidth: coded.width, codedHeight: coded.height)
            path = (coded, PicturePath(coded: coded, sar: sar, orientation: orientation, output: PixelSize(width: out.width, height: out.height),
                                       pixelFormat: pixelFormat, sourceColor: color, toneMap: toneMap))
        }
        return path!.path.apply(frame)
    }
}
