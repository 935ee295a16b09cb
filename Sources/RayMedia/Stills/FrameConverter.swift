import CFFmpeg
import RayCanvas

/// Turns decoded frames into 8-bit RGB stills as a player shows them.
///
/// Display-correct by default: anamorphic pixels scaled to square, the display matrix's
/// rotation and mirror applied, HLG/PQ tone-mapped (see `ToneMap`). `raw` keeps coded pixels.
final class FrameConverter {
    private let orientation: Orientation
    private let sar: AspectRatio
    private let toneMap: ToneMap?
    private let size: StillSize
    private let scaler = Scaler()

    init(orientation: Orientation, sampleAspectRatio: AspectRatio, hdr: HDRKind, size: StillSize, raw: Bool) {
        self.orientation = raw ? .upright : orientation
        sar = raw ? AspectRatio(1, 1) : sampleAspectRatio
        toneMap = hdr == .sdr ? nil : ToneMap(hdr)
        self.size = size
    }

    /// The still's size for a coded `width × height` picture.
    func outputSize(codedWidth: Int, codedHeight: Int) -> (width: Int, height: Int) {
        let display = orientation.displaySize(codedWidth: codedWidth, codedHeight: codedHeight, sar: sar)
        return size.apply(width: display.width, height: display.height)
    }

    /// Converts one decoded frame.
    func convert(_ frame: Frame) -> RGBImage {
        let out = outputSize(codedWidth: Int(frame.width), codedHeight: Int(frame.height))
        // Scale in coded orientation, then turn the RGB picture upright.
        let (w, h) = orientation.swapsAxes ? (out.height, out.width) : (out.width, out.height)
        var image: RGBImage
        if let toneMap {
            let rgb48 = Frame(allocating: AV_PIX_FMT_RGB48LE, width: w, height: h)
            scaler.convert(frame, into: rgb48)
            image = RGBImage(width: w, height: h)
            rgb48.packedPixels(of: UInt16.self, bytesPerPixel: 6).withUnsafeBufferPointer { src in
                image.pixels.withUnsafeMutableBufferPointer { toneMap.apply(src, into: $0) }
            }
        } else {
            let rgb = Frame(allocating: AV_PIX_FMT_RGB24, width: w, height: h)
            scaler.convert(frame, into: rgb)
            image = RGBImage(width: w, height: h, pixels: rgb.packedPixels(of: UInt8.self, bytesPerPixel: 3))
        }
        return image.oriented(clockwise: orientation.clockwiseDegrees, mirrored: orientation.horizontalFlip)
    }
}
