internal import CFFmpeg
import RayCanvas

/// A frame reduced to a small picture, in hue, saturation and value (for the content change PySceneDetect
/// measures) and in Y, U and V (for distances that mixing pictures keeps linear).
struct Thumbnail {
    static let width = 64, height = 36

    /// All black, to be filled.
    static var empty: Thumbnail {
        let count = width * height
        return Thumbnail(hue: .init(repeating: 0, count: count), saturation: .init(repeating: 0, count: count),
                         value: .init(repeating: 0, count: count), yuv: .init(repeating: 0, count: 3 * count))
    }

    mutating func set(_ index: Int, _ hsv: (UInt8, UInt8, UInt8)) {
        (hue[index], saturation[index], value[index]) = hsv
    }

    mutating func set(_ index: Int, y: Int, u: Int, v: Int) {
        (yuv[3 * index], yuv[3 * index + 1], yuv[3 * index + 2]) = (Self.byte(y), Self.byte(u), Self.byte(v))
    }

    private static func byte(_ value: Int) -> UInt8 { UInt8(min(255, max(0, value))) }

    /// Hue 0…179 (OpenCV's scale, as PySceneDetect uses), saturation and value 0…255, one byte a pixel each.
    var hue: [UInt8], saturation: [UInt8], value: [UInt8]
    /// Y, U and V (0…255, interleaved by pixel): the block means of the decoded picture.
    var yuv: [UInt8]

    /// The mean absolute difference of Y, U and V (0-255): how far apart two pictures are. A cross-dissolve
    /// or fade moves every sample straight from one picture to the other, so along it these distances add up.
    func distance(to other: Thumbnail) -> Float {
        var sum = 0
        yuv.withUnsafeBufferPointer { a in
            other.yuv.withUnsafeBufferPointer { b in
                for i in a.indices { sum += abs(Int(a[i]) - Int(b[i])) }
            }
        }
        return Float(sum) / Float(yuv.count)
    }

    /// The largest difference of one block's Y, U and V (0-255, averaged over the three): how much the most
    /// changed place changed, where ``distance(to:)`` averages a small change in a corner away.
    func peakDifference(to other: Thumbnail) -> Float {
        var peak = 0
        yuv.withUnsafeBufferPointer { a in
            other.yuv.withUnsafeBufferPointer { b in
                for i in stride(from: 0, to: a.count, by: 3) {
                    let sum = abs(Int(a[i]) - Int(b[i])) + abs(Int(a[i + 1]) - Int(b[i + 1])) + abs(Int(a[i + 2]) - Int(b[i + 2]))
                    peak = max(peak, sum)
                }
            }
        }
        return Float(peak) / 3
    }

    static let sketchWidth = 16, sketchHeight = 9

    /// Y as 16x9 block means: the picture's layout, for telling a change of light from a change of picture.
    var sketch: [UInt8] {
        let (bw, bh) = (Self.width / Self.sketchWidth, Self.height / Self.sketchHeight)
        return (0..<(Self.sketchWidth * Self.sketchHeight)).map { block in
            let (bx, by) = (block % Self.sketchWidth, block / Self.sketchWidth)
            var sum = 0
            for y in (by * bh)..<((by + 1) * bh) {
                for x in (bx * bw)..<((bx + 1) * bw) { sum += Int(yuv[3 * (y * Self.width + x)]) }
            }
            return UInt8(sum / (bw * bh))
        }
    }

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

/// Makes thumbnails from decoded frames. Planar YUV is block-averaged straight from a sparse grid of its
/// samples (no full-size conversion: the picture is only measured); other formats go through the picture
/// path, area-scaled.
final class Thumbnailer {
    /// The picture path for frames that are not planar YUV, and the coded size it was made for.
    private var path: (coded: PixelSize, path: PicturePath)?
    /// Samples per block side on the sparse grid.
    private static let samplesPerSide = 6

    func thumbnail(_ frame: Frame) -> Thumbnail {
        if let layout = PlanarYUV(frame) { return sampled(frame, layout) }
        let coded = PixelSize(width: Int(frame.width), height: Int(frame.height))
        if path?.coded != coded {
            // Turning and pixel shape do not change how much a picture changes: coded pixels, measured.
            path = (coded, PicturePath(coded: coded, sar: AspectRatio(1, 1), orientation: .upright,
                                       output: PixelSize(width: Thumbnail.width, height: Thumbnail.height), pixelFormat: AV_PIX_FMT_RGB24,
                                       sourceColor: PictureColor(frame.pointer.pointee, stream: nil, codedWidth: coded.width, codedHeight: coded.height),
                                       measuring: true))
        }
        let small = path!.path.apply(frame)
        var thumbnail = Thumbnail.empty
        for y in 0..<Thumbnail.height {
            let row = small.row(y).assumingMemoryBound(to: UInt8.self)
            for x in 0..<Thumbnail.width {
                let (r, g, b) = (Int(row[3 * x]), Int(row[3 * x + 1]), Int(row[3 * x + 2]))
                thumbnail.set(y * Thumbnail.width + x, Self.hsv(r, g, b))
                // BT.601 limited range, as the planar path reads it.
                thumbnail.set(y * Thumbnail.width + x, y: 16 + (66 * r + 129 * g + 25 * b + 128) >> 8,
                              u: 128 + (-38 * r - 74 * g + 112 * b + 128) >> 8, v: 128 + (112 * r - 94 * g - 18 * b + 128) >> 8)
            }
        }
        return thumbnail
    }

    /// Each block's mean Y, U and V from a grid of samples, turned into RGB (BT.601 weights: only changes are measured) and HSV.
    private func sampled(_ frame: Frame, _ layout: PlanarYUV) -> Thumbnail {
        var thumbnail = Thumbnail.empty
        let n = Self.samplesPerSide
        let xs = Self.samplePositions(length: Int(frame.width), blocks: Thumbnail.width, perBlock: n)
        let ys = Self.samplePositions(length: Int(frame.height), blocks: Thumbnail.height, perBlock: n)
        let planes = (0..<3).map { layout.plane($0, of: frame) }
        let chromaXs = xs.map { $0 >> layout.chromaShiftX }
        var sums = [Int](repeating: 0, count: 3 * Thumbnail.width)
        for by in 0..<Thumbnail.height {
            for i in sums.indices { sums[i] = 0 }
            for y in ys[(by * n)..<((by + 1) * n)] {
                planes[0].addRow(y, at: xs, perBlock: n, into: &sums, offset: 0)
                planes[1].addRow(y >> layout.chromaShiftY, at: chromaXs, perBlock: n, into: &sums, offset: 1)
                planes[2].addRow(y >> layout.chromaShiftY, at: chromaXs, perBlock: n, into: &sums, offset: 2)
            }
            let count = n * n
            for bx in 0..<Thumbnail.width {
                thumbnail.set(by * Thumbnail.width + bx, y: sums[3 * bx] / count, u: sums[3 * bx + 1] / count, v: sums[3 * bx + 2] / count)
                let luma = Double(sums[3 * bx] / count)
                let (u, v) = (Double(sums[3 * bx + 1] / count) - 128, Double(sums[3 * bx + 2] / count) - 128)
                func byte(_ value: Double) -> Int { Int(min(255, max(0, value.rounded()))) }
                thumbnail.set(by * Thumbnail.width + bx,
                              Self.hsv(byte(luma + 1.402 * v), byte(luma - 0.344 * u - 0.714 * v), byte(luma + 1.772 * u)))
            }
        }
        return thumbnail
    }

    /// Where the samples of each block fall along one side: `perBlock` evenly spread inside each of `blocks` blocks.
    private static func samplePositions(length: Int, blocks: Int, perBlock n: Int) -> [Int] {
        (0..<blocks).flatMap { block in
            let start = block * length / blocks, end = max(start + 1, (block + 1) * length / blocks)
            return (0..<n).map { start + (end - start) * (2 * $0 + 1) / (2 * n) }
        }
    }

    /// RGB to HSV as OpenCV computes it for 8-bit pictures.
    static func hsv(_ r: Int, _ g: Int, _ b: Int) -> (UInt8, UInt8, UInt8) {
        let maximum = max(r, g, b), minimum = min(r, g, b), delta = maximum - minimum
        guard maximum > 0, delta > 0 else { return (0, 0, UInt8(maximum)) }
        let saturation = (255 * delta + maximum / 2) / maximum
        var hue: Int
        if maximum == r { hue = 30 * (g - b) / delta } else if maximum == g { hue = 60 + 30 * (b - r) / delta } else { hue = 120 + 30 * (r - g) / delta }
        if hue < 0 { hue += 180 }
        return (UInt8(min(hue, 179)), UInt8(saturation), UInt8(maximum))
    }
}

/// Where a planar YUV frame's samples are: 8-bit, or 9 to 16 bits in two bytes (scaled to 8 bits).
private struct PlanarYUV {
    let chromaShiftX: Int, chromaShiftY: Int
    let wide: Bool
    let shift: Int

    init?(_ frame: Frame) {
        guard let descriptor = av_pix_fmt_desc_get(frame.pixelFormat)?.pointee,
              descriptor.nb_components >= 3, descriptor.flags & UInt64(AV_PIX_FMT_FLAG_RGB) == 0,
              descriptor.flags & UInt64(AV_PIX_FMT_FLAG_PLANAR) != 0, descriptor.flags & UInt64(AV_PIX_FMT_FLAG_BE) == 0,
              descriptor.comp.0.plane == 0, descriptor.comp.1.plane == 1, descriptor.comp.2.plane == 2 else { return nil }
        let depth = Int(descriptor.comp.0.depth)
        guard (8...16).contains(depth) else { return nil }
        (chromaShiftX, chromaShiftY) = (Int(descriptor.log2_chroma_w), Int(descriptor.log2_chroma_h))
        wide = depth > 8
        shift = depth - 8
    }

    /// One plane's samples, read as 8-bit values.
    func plane(_ plane: Int, of frame: Frame) -> PlaneSamples {
        let f = frame.pointer.pointee
        let base = withUnsafeBytes(of: f.data) { $0.load(fromByteOffset: plane * MemoryLayout<UnsafeMutablePointer<UInt8>?>.stride,
                                                         as: UnsafeMutablePointer<UInt8>?.self) }!
        let stride = withUnsafeBytes(of: f.linesize) { Int($0.load(fromByteOffset: plane * 4, as: Int32.self)) }
        return PlaneSamples(base: UnsafeRawPointer(base), stride: stride, wide: wide, shift: shift)
    }
}

/// One plane of a planar YUV frame.
private struct PlaneSamples {
    let base: UnsafeRawPointer, stride: Int, wide: Bool, shift: Int

    /// Adds row `y`'s samples at `xs` to the running sums, `perBlock` consecutive positions to a block:
    /// block b's sum is at `sums[3 * b + offset]`.
    func addRow(_ y: Int, at xs: [Int], perBlock: Int, into sums: inout [Int], offset: Int) {
        let row = base + y * stride
        xs.withUnsafeBufferPointer { xs in
            sums.withUnsafeMutableBufferPointer { sums in
                for block in 0..<(xs.count / perBlock) {
                    var sum = 0
                    for x in xs[(block * perBlock)..<((block + 1) * perBlock)] {
                        sum += wide ? Int(row.loadUnaligned(fromByteOffset: 2 * x, as: UInt16.self)) : Int(row.load(fromByteOffset: x, as: UInt8.self))
                    }
                    sums[3 * block + offset] += sum >> shift
                }
            }
        }
    }
}
