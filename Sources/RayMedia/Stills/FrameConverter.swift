internal import CFFmpeg
import RayCanvas

/// Turns decoded frames into 8-bit RGB stills as a player shows them.
///
/// Display-correct by default: anamorphic pixels scaled to square, the display matrix's
/// rotation and mirror applied, HLG/PQ tone-mapped (see `ToneMap`). `raw` keeps coded pixels.
/// One converter serves one thread at a time; it reuses its buffers from frame to frame.
final class FrameConverter {
    private let orientation: Orientation
    private let sar: AspectRatio
    private let toneMap: ToneMap?
    private let size: StillSize
    private let scaler = Scaler()
    /// RGB (RGB48 before tone mapping) in coded orientation.
    private var scaled: Frame?
    /// Tone-mapped RGB24 waiting to be turned upright.
    private var toned: Frame?
    /// The finished still, RGB24 in display orientation.
    private var output: Frame?

    /// - Parameter toneMap: the tone map for HLG/PQ sources (built once, shared by converters), nil for SDR.
    init(orientation: Orientation, sampleAspectRatio: AspectRatio, toneMap: ToneMap?, size: StillSize, raw: Bool) {
        self.orientation = raw ? .upright : orientation
        sar = raw ? AspectRatio(1, 1) : sampleAspectRatio
        self.toneMap = toneMap
        self.size = size
    }

    /// The still's size for a coded `width × height` picture.
    func outputSize(codedWidth: Int, codedHeight: Int) -> (width: Int, height: Int) {
        let display = orientation.displaySize(codedWidth: codedWidth, codedHeight: codedHeight, sar: sar)
        return size.apply(width: display.width, height: display.height)
    }

    /// Converts one decoded frame into an RGB24 frame, valid until the next call.
    func convert(_ frame: Frame) -> Frame {
        let out = outputSize(codedWidth: Int(frame.width), codedHeight: Int(frame.height))
        // Scale in coded orientation, then turn the RGB picture upright.
        let (w, h) = orientation.swapsAxes ? (out.height, out.width) : (out.width, out.height)
        let upright = orientation == .upright
        var rgb: Frame
        if let toneMap {
            let rgb48 = Frame.reusing(&scaled, AV_PIX_FMT_RGB48LE, width: w, height: h)
            scaler.convert(frame, into: rgb48)
            rgb = upright ? Frame.reusing(&output, AV_PIX_FMT_RGB24, width: w, height: h)
                          : Frame.reusing(&toned, AV_PIX_FMT_RGB24, width: w, height: h)
            toneMap.apply(rgb48, into: rgb)
        } else {
            rgb = upright ? Frame.reusing(&output, AV_PIX_FMT_RGB24, width: w, height: h)
                          : Frame.reusing(&scaled, AV_PIX_FMT_RGB24, width: w, height: h)
            scaler.convert(frame, into: rgb)
        }
        if upright { return rgb }
        let result = Frame.reusing(&output, AV_PIX_FMT_RGB24, width: out.width, height: out.height)
        result.orientRGB(from: rgb, clockwise: orientation.clockwiseDegrees, mirrored: orientation.horizontalFlip)
        return result
    }
}
