import RayMedia

/// Reads the colour of a solid patch in a still (fixtures such as `fullrange_yuvj.mp4` carry one).
public enum PatchColor {
    /// Mean R, G, B over a rectangle of the image, in pixels.
    public static func mean(_ image: RGBImage, x: Int, y: Int, width: Int, height: Int) -> [Double] {
        var sum = [0.0, 0.0, 0.0]
        for py in y..<(y + height) {
            for px in x..<(x + width) {
                let p = image[px, py]
                sum[0] += Double(p.r); sum[1] += Double(p.g); sum[2] += Double(p.b)
            }
        }
        return sum.map { $0 / Double(width * height) }
    }

    /// The largest difference of any channel between a measured colour and the expected one.
    public static func distance(_ measured: [Double], _ expected: [Int]) -> Double {
        zip(measured, expected).map { abs($0 - Double($1)) }.max() ?? .infinity
    }

    /// Mean absolute difference per channel between `image` and the window of `source` at (x, y).
    public static func difference(_ image: RGBImage, _ source: RGBImage, x: Int, y: Int) -> Double {
        var total = 0
        for py in 0..<image.height {
            for px in 0..<image.width {
                let a = image[px, py], b = source[x + px, y + py]
                total += abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b))
            }
        }
        return Double(total) / Double(3 * image.width * image.height)
    }
}
