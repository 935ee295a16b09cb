import Foundation
import RayCanvas

/// A picture's brightness (BT.709 luma, 0…255), for comparing two pictures of the same size.
public struct LumaPicture: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        (self.width, self.height, self.values) = (width, height, values)
    }

    /// The picture of `rect` (in this picture's pixels, fractions allowed) at `size`, sampled bilinearly; samples
    /// that fall outside this picture are -1, which `meanDifference` leaves out.
    public func sampling(x: Double, y: Double, width w: Double, height h: Double, size: PixelSize) -> LumaPicture {
        var out = [Float](repeating: 0, count: size.width * size.height)
        let (stepX, stepY) = (w / Double(size.width), h / Double(size.height))
        for gy in 0..<size.height {
            let sy: Double = y + (Double(gy) + 0.5) * stepY - 0.5
            let y0 = Int(sy.rounded(FloatingPointRoundingRule.down))
            let fy = Float(sy - Double(y0))
            for gx in 0..<size.width {
                let sx: Double = x + (Double(gx) + 0.5) * stepX - 0.5
                let x0 = Int(sx.rounded(FloatingPointRoundingRule.down))
                let fx = Float(sx - Double(x0))
                guard x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height else {
                    out[gy * size.width + gx] = -1
                    continue
                }
                func at(_ px: Int, _ py: Int) -> Float { values[py * width + px] }
                let top: Float = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
                let bottom: Float = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
                out[gy * size.width + gx] = top * (1 - fy) + bottom * fy
            }
        }
        return LumaPicture(width: size.width, height: size.height, values: out)
    }

    public init(_ image: RGBImage) {
        width = image.width
        height = image.height
        values = (0..<(image.width * image.height)).map { i in
            0.2126 * Float(image.pixels[3 * i]) + 0.7152 * Float(image.pixels[3 * i + 1]) + 0.0722 * Float(image.pixels[3 * i + 2])
        }
    }

    /// The mean absolute difference, 0…255, over the samples both pictures have (see `sampling`).
    public func meanDifference(_ other: LumaPicture) -> Double {
        var total: Float = 0, count = 0
        for (a, b) in zip(values, other.values) where a >= 0 && b >= 0 {
            total += abs(a - b)
            count += 1
        }
        return count == 0 ? 255 : Double(total) / Double(count)
    }

    /// Peak signal-to-noise ratio in dB (100 for identical pictures).
    public func psnr(_ other: LumaPicture) -> Double {
        let squared = Double(zip(values, other.values).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }) / Double(max(1, values.count))
        return squared == 0 ? 100 : min(100, 10 * log10(255 * 255 / squared))
    }

    /// The structural similarity index (SSIM), mean over 8x8 windows: 1 for identical pictures.
    public func ssim(_ other: LumaPicture) -> Double {
        let (c1, c2): (Double, Double) = (6.5025, 58.5225) // (0.01·255)², (0.03·255)²
        var total = 0.0, windows = 0
        for y0 in stride(from: 0, to: height - 7, by: 8) {
            for x0 in stride(from: 0, to: width - 7, by: 8) {
                var (sa, sb, saa, sbb, sab) = (0.0, 0.0, 0.0, 0.0, 0.0)
                for y in y0..<(y0 + 8) {
                    for x in x0..<(x0 + 8) {
                        let a = Double(values[y * width + x]), b = Double(other.values[y * width + x])
                        (sa, sb, saa, sbb, sab) = (sa + a, sb + b, saa + a * a, sbb + b * b, sab + a * b)
                    }
                }
                let (ma, mb) = (sa / 64, sb / 64)
                let (va, vb, cov) = (saa / 64 - ma * ma, sbb / 64 - mb * mb, sab / 64 - ma * mb)
                total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
                windows += 1
            }
        }
        return windows == 0 ? (meanDifference(other) == 0 ? 1 : 0) : total / Double(windows)
    }
}
