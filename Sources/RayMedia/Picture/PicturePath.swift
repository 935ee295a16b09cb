internal import CFFmpeg
import RayCanvas

/// The one picture path, for stills, previews and crops alike: a display-space window of each decoded
/// frame → scaled to the output size → HLG/PQ tone-mapped when asked → turned upright and unmirrored →
/// in the pixel format wanted (the encoder's, or RGB24 for stills). Configured once from the stream.
///
/// Every frame, the first included, is converted from its own colour (its tags, else the stream's, else
/// what players assume: `PictureColor`) into the colour the output is tagged with, so the file's tags
/// always describe its pixels. When the window needs no scaling, no format or colour change and no
/// turning, the frame is only re-pointed (libavutil's crop fields): no pixel is copied.
final class PicturePath {
    private let orientation: Orientation
    /// The window in coded pixels, even offsets.
    private let codedWindow: CropRect
    /// Size before turning upright (width and height swapped for 90°/270°).
    private let scaledWidth: Int
    private let scaledHeight: Int
    let output: PixelSize
    private let pixelFormat: AVPixelFormat
    /// The coded picture size (the HD/SD guess for untagged frames is made on it, not on the window).
    let coded: PixelSize
    /// The source stream's colour (tags filled in), and the colour the output is tagged with.
    private let sourceColor: PictureColor
    /// nil for RGB outputs, which carry no YUV matrix or range.
    private let outputColor: PictureColor?
    private let scaler: Scaler
    /// HLG/PQ → SDR for an 8-bit output, done on RGB between two conversions.
    private let toneMap: ToneMap?
    private let rgbScaler = Scaler()
    private var rgb48: Frame?
    private var rgb: Frame?
    private var scaled: Frame?
    private var turned: Frame?

    /// - Parameters:
    ///   - coded: the decoded picture's size; `sar` its pixel shape; `orientation` how a player turns it.
    ///   - window: the crop in display pixels (what a player shows), nil for the whole picture; `output`
    ///     the display size to deliver.
    ///   - pixelFormat: the encoder's, `AV_PIX_FMT_RGB24` for stills, or `AV_PIX_FMT_RGB48LE` for 16-bit frames (no tone map).
    ///   - sourceColor: the stream's colour; `outputColor` what the encoder tags the output with (nil for RGB).
    ///   - toneMap: turns HLG/PQ into SDR on the way (nil keeps the source's transfer).
    ///   - measuring: scale by averaging areas (libswscale's `SWS_AREA`), several times cheaper than bicubic on a
    ///     large reduction, for pictures only measured, never shown.
    init(coded: PixelSize, sar: AspectRatio, orientation: Orientation, window: CropRect? = nil, output: PixelSize,
         pixelFormat: AVPixelFormat, sourceColor: PictureColor, outputColor: PictureColor? = nil, toneMap: ToneMap? = nil,
         measuring: Bool = false) {
        scaler = measuring ? Scaler(flags: SWS_AREA) : Scaler()
        self.orientation = orientation
        self.coded = coded
        self.sourceColor = sourceColor
        self.outputColor = outputColor
        self.toneMap = toneMap
        self.output = output
        self.pixelFormat = pixelFormat
        (scaledWidth, scaledHeight) = orientation.swapsAxes ? (output.height, output.width) : (output.width, output.height)
        // Display → square-pixel picture before turning → coded pixels.
        let squareWidth = max(1, Int((Double(coded.width) * sar.value).rounded()))
        let display = orientation.swapsAxes ? PixelSize(width: coded.height, height: squareWidth) : PixelSize(width: squareWidth, height: coded.height)
        guard let window else {
            codedWindow = CropRect(x: 0, y: 0, width: coded.width, height: coded.height)
            return
        }
        let square = Self.unturn(window, display: display, orientation: orientation)
        let xScale = Double(coded.width) / Double(squareWidth)
        func even(_ v: Double) -> Int { Int((v / 2).rounded()) * 2 }
        let x = min(even(Double(square.x) * xScale), coded.width - 2)
        let width = max(2, min(even(Double(square.width) * xScale), coded.width - x))
        let y = min(even(Double(square.y)), coded.height - 2)
        let height = max(2, min(even(Double(square.height)), coded.height - y))
        codedWindow = CropRect(x: x, y: y, width: width, height: height)
    }

    /// Whether the output is packed RGB (a still, a 16-bit frame) rather than the encoder's planar YUV.
    private var isRGB: Bool { pixelFormat == AV_PIX_FMT_RGB24 || pixelFormat == AV_PIX_FMT_RGB48LE }

    /// Maps a display-space rectangle back to the picture before rotation and mirror.
    static func unturn(_ r: CropRect, display: PixelSize, orientation: Orientation) -> CropRect {
        // Sizes of the picture before turning.
        let (pw, ph) = orientation.swapsAxes ? (display.height, display.width) : (display.width, display.height)
        var p: CropRect = switch orientation.clockwiseDegrees {
        case 90: CropRect(x: r.y, y: ph - r.x - r.width, width: r.height, height: r.width)
        case 180: CropRect(x: pw - r.x - r.width, y: ph - r.y - r.height, width: r.width, height: r.height)
        case 270: CropRect(x: pw - r.y - r.height, y: r.x, width: r.height, height: r.width)
        default: r
        }
        if orientation.horizontalFlip { p.x = pw - p.x - p.width }
        return p
    }

    /// The finished frame for a decoded one (valid until the next call; pts and colour kept).
    func apply(_ decoded: Frame) -> Frame {
        let view = decoded.reference()
        let f = view.pointer
        // Said before the scaler sees the frame: frame 0 is converted exactly like every other frame.
        let color = PictureColor(f.pointee, stream: sourceColor, codedWidth: coded.width, codedHeight: coded.height)
        color.tag(f)
        f.pointee.crop_left = Int(codedWindow.x)
        f.pointee.crop_top = Int(codedWindow.y)
        f.pointee.crop_right = Int(decoded.width) - codedWindow.x - codedWindow.width
        f.pointee.crop_bottom = Int(decoded.height) - codedWindow.y - codedWindow.height
        av_frame_apply_cropping(f, Int32(AV_FRAME_CROP_UNALIGNED))
        f.pointee.pict_type = AV_PICTURE_TYPE_NONE
        f.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        if orientation == .upright && view.pixelFormat == pixelFormat && toneMap == nil
            && Int(view.width) == scaledWidth && Int(view.height) == scaledHeight
            && color.matrix == outputColor?.matrix && color.range == outputColor?.range {
            outputColor?.tag(f)
            return view
        }
        let converted = Frame.reusing(&scaled, pixelFormat, width: scaledWidth, height: scaledHeight)
        // The target's matrix and range, set before converting (a reused frame must not keep the last frame's).
        outputColor?.tag(converted.pointer)
        if let toneMap {
            let linear = Frame.reusing(&rgb48, AV_PIX_FMT_RGB48LE, width: scaledWidth, height: scaledHeight)
            scaler.convert(view, into: linear)
            if isRGB {
                toneMap.apply(linear, into: converted)
            } else {
                let sdr = Frame.reusing(&rgb, AV_PIX_FMT_RGB24, width: scaledWidth, height: scaledHeight)
                toneMap.apply(linear, into: sdr)
                rgbScaler.convert(sdr, into: converted, sourceIsVideo: false)
            }
        } else {
            scaler.convert(view, into: converted)
        }
        av_frame_copy_props(converted.pointer, view.pointer)
        outputColor?.tag(converted.pointer)
        if orientation == .upright { return converted }
        let result = Frame.reusing(&turned, pixelFormat, width: output.width, height: output.height)
        if isRGB {
            result.orientRGB(from: converted, clockwise: orientation.clockwiseDegrees, mirrored: orientation.horizontalFlip)
        } else {
            result.orientPlanes(from: converted, clockwise: orientation.clockwiseDegrees, mirrored: orientation.horizontalFlip)
        }
        av_frame_copy_props(result.pointer, converted.pointer)
        return result
    }
}
