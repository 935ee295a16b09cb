internal import CFFmpeg

/// A frame reduced to a small picture in hue, saturation and value, for measuring how content changes.
struct Thumbnail {
    static let width = 64, height = 36

    /// Hue 0…179 (OpenCV's scale, as PySceneDetect uses), saturation and value 0…255, one byte a pixel each.
    var hue: [UInt8], saturation: [UInt8], value: [UInt8]

    /// The mean absolute difference of hue (the short way round the colour wheel), saturation and value, averaged.
    func change(from other: Thumbnail) -> Double {
        var h = 0, s = 0, v = 0
        for i in hue.indices {
            let dh = abs(Int(hue[i]) - Int(other.hue[i]))
            h += min(dh, 180 - dh)
            s += abs(Int(saturation[i]) - Int(other.saturation[i]))
            v += abs(Int(value[i]) - Int(other.value[i]))
        }
        return Double(h + s + v) / Double(3 * hue.count)
    }
}

/// Makes thumbnails from decoded frames: area-averaged down to 64x36 RGB, then HSV.
final class Thumbnailer {
    private let scaler = Scaler(flags: SWS_AREA)
    private var rgb: Frame?

    func thumbnail(_ frame: Frame) -> Thumbnail {
        let small = Frame.reusing(&rgb, AV_PIX_FMT_RGB24, width: Thumbnail.width, height: Thumbnail.height)
        scaler.convert(frame, into: small)
        let count = Thumbnail.width * Thumbnail.height
        var thumbnail = Thumbnail(hue: .init(repeating: 0, count: count), saturation: .init(repeating: 0, count: count),
                                  value: .init(repeating: 0, count: count))
        for y in 0..<Thumbnail.height {
            let row = small.row(y).assumingMemoryBound(to: UInt8.self)
            for x in 0..<Thumbnail.width {
                let (h, s, v) = Self.hsv(row[3 * x], row[3 * x + 1], row[3 * x + 2])
                let i = y * Thumbnail.width + x
                (thumbnail.hue[i], thumbnail.saturation[i], thumbnail.value[i]) = (h, s, v)
            }
        }
        return thumbnail
    }

    /// RGB to HSV as OpenCV computes it for 8-bit pictures.
    static func hsv(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> (UInt8, UInt8, UInt8) {
        let (r, g, b) = (Int(r), Int(g), Int(b))
        let maximum = max(r, g, b), minimum = min(r, g, b), delta = maximum - minimum
        guard maximum > 0, delta > 0 else { return (0, 0, UInt8(maximum)) }
        let saturation = (255 * delta + maximum / 2) / maximum
        var hue: Int
        if maximum == r { hue = 30 * (g - b) / delta } else if maximum == g { hue = 60 + 30 * (b - r) / delta } else { hue = 120 + 30 * (r - g) / delta }
        if hue < 0 { hue += 180 }
        return (UInt8(min(hue, 179)), UInt8(saturation), UInt8(maximum))
    }
}
