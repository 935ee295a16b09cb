/// An 8-bit RGB picture held in memory: rows top to bottom, 3 bytes a pixel, no padding.
public struct RGBImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes.
    public var pixels: [UInt8]

    /// A picture filled with one colour.
    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (0, 0, 0)) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        if fill != (0, 0, 0) {
            for i in stride(from: 0, to: pixels.count, by: 3) {
                (pixels[i], pixels[i + 1], pixels[i + 2]) = fill
            }
        }
    }

    /// Wraps pixels already laid out as `width × height × 3` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "pixel buffer does not match \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at (x, y).
    public subscript(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Copies `image` into this picture with its top-left corner at (x, y), clipped to the edges.
    public mutating func draw(_ image: RGBImage, atX x: Int, y: Int) {
        let x0 = max(0, x), x1 = min(width, x + image.width)
        let y0 = max(0, y), y1 = min(height, y + image.height)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            let src = ((row - y) * image.width + (x0 - x)) * 3
            let dst = (row * width + x0) * 3
            pixels.replaceSubrange(dst..<dst + (x1 - x0) * 3, with: image.pixels[src..<src + (x1 - x0) * 3])
        }
    }

    /// Fills a rectangle with one colour, clipped to the edges.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, color: (UInt8, UInt8, UInt8)) {
        let x0 = max(0, x), x1 = min(width, x + w)
        let y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for col in x0..<x1 {
                let i = (row * width + col) * 3
                (pixels[i], pixels[i + 1], pixels[i + 2]) = color
            }
        }
    }
}

extension RGBImage {
    /// The part of the picture inside a rectangle; parts outside the picture are black.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RGBImage {
        var out = RGBImage(width: max(1, w), height: max(1, h))
        for row in 0..<out.height where (0..<height).contains(y + row) {
            for column in 0..<out.width where (0..<width).contains(x + column) {
                let from = 3 * ((y + row) * width + x + column), to = 3 * (row * out.width + column)
                out.pixels[to] = pixels[from]
                out.pixels[to + 1] = pixels[from + 1]
                out.pixels[to + 2] = pixels[from + 2]
            }
        }
        return out
    }

    /// Draws a rectangle's outline, `thickness` pixels wide, clipped to the picture.
    public mutating func outline(x: Int, y: Int, width w: Int, height h: Int, color: (UInt8, UInt8, UInt8), thickness: Int = 3) {
        fill(x: x, y: y, width: w, height: thickness, color: color)
        fill(x: x, y: y + h - thickness, width: w, height: thickness, color: color)
        fill(x: x, y: y, width: thickness, height: h, color: color)
        fill(x: x + w - thickness, y: y, width: thickness, height: h, color: color)
    }
}
