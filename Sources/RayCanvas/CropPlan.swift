/// A crop window inside a source frame and the size it is delivered at.
///
/// Every side and offset is even (4:2:0 chroma). The window is the largest of the requested ratio: the limiting side
/// is the source's side rounded down to even, and the other side is the exact value rounded to the nearest even
/// number, so it is within 1 pixel of exact.
public struct CropPlan: Sendable, Equatable, Codable {
    /// The source's display size.
    public let source: PixelSize
    /// The window inside the source: even x, y, width and height, never leaving the frame.
    public let window: CropRect
    /// The delivered size: the window's, or the requested scale size (even sides).
    public let output: PixelSize

    /// Whether the window is scaled to a different size after cropping.
    public var needsScaling: Bool { output != PixelSize(window) }

    /// Crops `source` to `ratio` (the largest window of that ratio) placed by `anchor`, then optionally scales.
    ///
    /// `left`/`right`/`top`/`bottom` put the window against that edge and `center` centres it; a `focus` point is
    /// where the window's centre goes, clamped so the window stays inside the frame. Odd `scaleTo` sides are rounded
    /// to the nearest even number.
    /// - Throws: `CanvasError.invalidSize` for non-positive sizes, `CanvasError.windowTooSmall` when no even window of
    ///   the ratio fits (such as a 21:9 window in a 2x2 frame).
    public static func crop(_ source: PixelSize, to ratio: AspectRatio, anchor: Anchor = .center,
                            scaleTo: PixelSize? = nil) throws(CanvasError) -> CropPlan {
        guard source.isValid else { throw .invalidSize("source size \(source) is not a positive size") }
        if let scaleTo, !scaleTo.isValid { throw .invalidSize("scale size \(scaleTo) is not a positive size") }
        let frameWidth = Even.down(source.width), frameHeight = Even.down(source.height)
        guard frameWidth >= 2, frameHeight >= 2 else {
            throw .windowTooSmall("a \(source) frame can't hold an even-sided window")
        }
        let width: Int, height: Int
        if Even.product(frameWidth, ratio.height, isLessThan: frameHeight, ratio.width) {
            (width, height) = (frameWidth, Even.nearest(frameWidth, times: ratio.height, over: ratio.width))
        } else {
            (width, height) = (Even.nearest(frameHeight, times: ratio.width, over: ratio.height), frameHeight)
        }
        guard width >= 2, height >= 2 else {
            throw .windowTooSmall("a \(source) frame can't hold an even-sided \(ratio) window")
        }
        let window = CropRect(
            x: offset(free: source.width - width, side: width, frame: source.width, anchor: anchor, horizontal: true),
            y: offset(free: source.height - height, side: height, frame: source.height, anchor: anchor, horizontal: false),
            width: width, height: height)
        let output = scaleTo.map {
            PixelSize(width: max(2, Even.nearest($0.width, times: 1, over: 1)), height: max(2, Even.nearest($0.height, times: 1, over: 1)))
        }
        return CropPlan(source: source, window: window, output: output ?? PixelSize(window))
    }

    /// Crops to an exact size's ratio and scales the window to that size.
    ///
    /// - Throws: as ``crop(_:to:anchor:scaleTo:)``; `CanvasError.invalidSize` when `size` is not positive.
    public static func crop(_ source: PixelSize, toSize size: PixelSize, anchor: Anchor = .center) throws(CanvasError) -> CropPlan {
        guard size.isValid else { throw .invalidSize("target size \(size) is not a positive size") }
        return try crop(source, to: size.ratio, anchor: anchor, scaleTo: size)
    }

    /// The size for scaling `size` to a resolution: short side = the resolution's lines, long side even, ratio kept.
    ///
    /// - Precondition: both sides of `size` are positive.
    public static func scaled(_ size: PixelSize, to resolution: Resolution) -> PixelSize {
        precondition(size.width > 0 && size.height > 0, "size must be positive")
        let lines = resolution.lines
        return size.width >= size.height
            ? PixelSize(width: Even.nearest(lines, times: size.width, over: size.height), height: lines)
            : PixelSize(width: lines, height: Even.nearest(lines, times: size.height, over: size.width))
    }

    /// The even offset of a window side inside a frame side, with `free` = frame − side pixels to share.
    private static func offset(free: Int, side: Int, frame: Int, anchor: Anchor, horizontal: Bool) -> Int {
        let position = anchor.position(horizontal: horizontal)
        let ideal = anchor.isFocus ? position * Double(frame) - Double(side) / 2 : position * Double(free)
        return min(max(Even.nearest(ideal), 0), Even.down(free))
    }
}
