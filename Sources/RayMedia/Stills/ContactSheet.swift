/// A grid of stills, each labelled with its frame number and timecode, for a person to check a selection.
public struct ContactSheet: Sendable {
    private var tiles: [(frame: Int, image: RGBImage, label: String)] = []
    /// Width of each tile in pixels.
    public let tileWidth: Int

    public init(tileWidth: Int = 240) {
        self.tileWidth = tileWidth
    }

    /// Adds a still, shrunk to the tile width, labelled `#FRAME MM:SS.mmm`.
    public mutating func add(_ image: RGBImage, frame: Int, seconds: Double) {
        let height = max(1, Int((Double(image.height) * Double(tileWidth) / Double(image.width)).rounded()))
        tiles.append((frame, image.resized(width: tileWidth, height: height), "#\(frame) \(Self.timecode(seconds))"))
    }

    /// `MM:SS.mmm`.
    static func timecode(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let (m, s, ms) = (millis / 60000, millis / 1000 % 60, millis % 1000)
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + "\(n)" }
        return "\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))"
    }

    /// Lays the tiles out in frame order, in rows of at most eight, on a dark background.
    public func render() -> RGBImage {
        let tiles = tiles.sorted { $0.frame < $1.frame }
        let gap = 8, scale = 2
        let labelHeight = BitmapFont.glyphHeight * scale + 6
        let columns = max(1, min(8, Int(Double(tiles.count).squareRoot().rounded(.up))))
        let rows = (tiles.count + columns - 1) / columns
        let tileHeight = tiles.map(\.image.height).max() ?? 1
        let cellHeight = tileHeight + labelHeight
        var sheet = RGBImage(width: gap + columns * (tileWidth + gap), height: gap + max(1, rows) * (cellHeight + gap), fill: (32, 32, 32))
        for (n, tile) in tiles.enumerated() {
            let x = gap + (n % columns) * (tileWidth + gap), y = gap + (n / columns) * (cellHeight + gap)
            sheet.draw(tile.image, atX: x, y: y)
            BitmapFont.draw(tile.label, into: &sheet, x: x + 2, y: y + tile.image.height + 3, scale: scale, color: (255, 255, 255))
        }
        return sheet
    }
}

extension ContactSheet {
    /// Pictures side by side, one row each (source | guide | result, last | first …), each shrunk to `tileWidth`.
    public static func rows(_ rows: [[RGBImage]], tileWidth: Int = 240) -> RGBImage {
        let gap = 8
        let scaled = rows.map { row in
            row.map { $0.resized(width: tileWidth, height: max(1, Int((Double($0.height) * Double(tileWidth) / Double($0.width)).rounded()))) }
        }
        let columns = scaled.map(\.count).max() ?? 1
        let heights = scaled.map { $0.map(\.height).max() ?? 1 }
        var sheet = RGBImage(width: gap + columns * (tileWidth + gap), height: gap + heights.reduce(0) { $0 + $1 + gap }, fill: (32, 32, 32))
        var y = gap
        for (row, height) in zip(scaled, heights) {
            for (column, image) in row.enumerated() { sheet.draw(image, atX: gap + column * (tileWidth + gap), y: y) }
            y += height + gap
        }
        return sheet
    }
}
