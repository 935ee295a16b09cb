import RayMedia

/// Reads the frame number `fixtures/make.sh` stamps into every frame (see fixtures/README.md):
/// a 4×4 grid of black/white cells centred in the display picture, most significant bit top-left.
public enum FrameStamp {
    /// The stamped number, or nil when a cell is neither clearly black nor clearly white.
    ///
    /// - Parameters:
    ///   - image: a display-correct still (or a crop that kept the picture's centre).
    ///   - cell: the cell's side in the still's pixels (`stampCell` × any scale applied).
    ///   - centerX, centerY: where the grid's centre is, default the picture's centre.
    public static func read(_ image: RGBImage, cell: Double, centerX: Double? = nil, centerY: Double? = nil) -> Int? {
        let cx = centerX ?? Double(image.width / 2), cy = centerY ?? Double(image.height / 2)
        var value = 0
        for bit in 0..<16 {
            let left = cx + (Double(bit % 4) - 2) * cell, top = cy + (Double(bit / 4) - 2) * cell
            guard let mean = meanLuma(image, x0: left + cell / 4, y0: top + cell / 4, x1: left + cell * 3 / 4, y1: top + cell * 3 / 4) else {
                return nil
            }
            if mean > 170 { value |= 1 << (15 - bit) } else if mean > 85 { return nil }
        }
        return value
    }

    /// Reads the stamp of an image file.
    public static func read(file path: String, cell: Double) throws -> Int? {
        read(try RGBImage(contentsOf: path), cell: cell)
    }

    private static func meanLuma(_ image: RGBImage, x0: Double, y0: Double, x1: Double, y1: Double) -> Double? {
        let xs = Int(x0.rounded(.up))..<Int(x1.rounded(.down)), ys = Int(y0.rounded(.up))..<Int(y1.rounded(.down))
        guard !xs.isEmpty, !ys.isEmpty, xs.lowerBound >= 0, ys.lowerBound >= 0, xs.upperBound <= image.width, ys.upperBound <= image.height else {
            return nil
        }
        var sum = 0
        for y in ys { for x in xs { let p = image[x, y]; sum += Int(p.r) + Int(p.g) + Int(p.b) } }
        return Double(sum) / Double(3 * xs.count * ys.count)
    }
}
