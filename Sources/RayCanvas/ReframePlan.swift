/// Where a source sits on the larger canvas Ray 3.2 Reframe outpaints to reach a supported ratio.
///
/// The canvas is the smallest one of the target ratio with even sides that holds the source at native size:
/// the side that doesn't grow is the source's side rounded up to even, the one that grows is the exact value rounded
/// to the nearest even number.
public struct ReframePlan: Sendable, Equatable, Codable {
    /// The source's display size.
    public let source: PixelSize
    /// The ratio Reframe delivers.
    public let target: SupportedRatio
    /// The smallest target-ratio canvas (even sides) containing the source at native size.
    public let canvas: PixelSize
    /// Where the source's left edge sits on the canvas, in pixels.
    public let sourceX: Int
    /// Where the source's top edge sits on the canvas, in pixels.
    public let sourceY: Int
    /// New pixels left of the source.
    public let marginLeft: Int
    /// New pixels right of the source.
    public let marginRight: Int
    /// New pixels above the source.
    public let marginTop: Int
    /// New pixels below the source.
    public let marginBottom: Int
    /// The share of the canvas Reframe invents: 1 − source area / canvas area.
    public let outpaintedFraction: Double
    /// What each resolution delivers, ascending.
    public let delivered: [Delivery]
    /// Things to tell the user, one line each (most of the picture invented, the source enlarged).
    public let warnings: [String]

    /// What one resolution delivers.
    public struct Delivery: Sendable, Equatable, Codable {
        /// The resolution asked for.
        public let resolution: Resolution
        /// The delivered frame: `target.outputSize(at: resolution)`.
        public let size: PixelSize
        /// Delivered width / canvas width: how much the source is scaled (1920x1080 to 9:16 at 1080p: 0.5625).
        public let sourceScale: Double
        /// The source's size inside the delivered frame, rounded to whole pixels.
        public let sourceSize: PixelSize
    }

    /// Plans reframing `source` to `target`, placing it on the canvas by `placement`.
    ///
    /// The free space on the axis that grows is split by the anchor: `center` halves it (an odd pixel goes
    /// right/bottom), `left`/`top`/`right`/`bottom` put the source against that edge, `focus(x, y)` puts a fraction x
    /// of the free width left of the source and y of the free height above. An edge anchor on the other axis is
    /// ignored (that axis is centred).
    /// - Throws: `CanvasError.nothingToOutpaint` when the source already has the target ratio (or the outpainted
    ///   fraction is under 1%), `CanvasError.invalidSize` for non-positive sizes.
    public static func plan(source: PixelSize, target: SupportedRatio, placement: Anchor = .center) throws(CanvasError) -> ReframePlan {
        guard source.isValid else { throw .invalidSize("source size \(source) is not a positive size") }
        let ratio = target.ratio
        let canvas: PixelSize
        if source.width * ratio.height > source.height * ratio.width {
            // Wider than the target: the height grows.
            let width = Even.up(source.width)
            canvas = PixelSize(width: width, height: max(Even.nearest(width, times: ratio.height, over: ratio.width), Even.up(source.height)))
        } else {
            let height = Even.up(source.height)
            canvas = PixelSize(width: max(Even.nearest(height, times: ratio.width, over: ratio.height), Even.up(source.width)), height: height)
        }
        let fraction = 1 - Double(source.area) / Double(canvas.area)
        if source.ratio == ratio || fraction < 0.01 {
            throw .nothingToOutpaint("\(source) is already \(target.rawValue): Reframe would add \(percent(fraction)) new pixels")
        }
        let freeX = canvas.width - source.width, freeY = canvas.height - source.height
        let x = offset(free: freeX, position: placement.position(horizontal: true))
        let y = offset(free: freeY, position: placement.position(horizontal: false))

        let delivered = Resolution.allCases.sorted { $0.lines < $1.lines }.map { resolution in
            let size = target.outputSize(at: resolution)
            let scale = Double(size.width) / Double(canvas.width)
            let sourceSize = PixelSize(width: max(1, Int((Double(source.width) * scale).rounded())),
                                       height: max(1, Int((Double(source.height) * scale).rounded())))
            return Delivery(resolution: resolution, size: size, sourceScale: scale, sourceSize: sourceSize)
        }
        var warnings: [String] = []
        if fraction > 0.5 {
            warnings.append("\(percent(fraction)) of the canvas is new pixels: Reframe will invent most of the picture")
        }
        let enlarged = delivered.filter { $0.sourceScale > 1 + 1e-9 }
        if let largest = enlarged.last {
            let names = enlarged.map(\.resolution.rawValue).joined(separator: ", ")
            let factor = (largest.sourceScale * 100).rounded() / 100
            warnings.append("\(names) enlarge\(enlarged.count == 1 ? "s" : "") the \(source) source (up to \(factor)×): detail will be soft")
        }
        return ReframePlan(source: source, target: target, canvas: canvas, sourceX: x, sourceY: y,
                           marginLeft: x, marginRight: freeX - x, marginTop: y, marginBottom: freeY - y,
                           outpaintedFraction: fraction, delivered: delivered, warnings: warnings)
    }

    /// The share of `free` pixels before the source: position × free, ties down so the centre's odd pixel goes after.
    private static func offset(free: Int, position: Double) -> Int {
        min(max(Int((position * Double(free) - 0.5).rounded(.up)), 0), free)
    }

    private static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
}
