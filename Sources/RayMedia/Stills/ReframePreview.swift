import RayCanvas

/// A picture of what Reframe will do: the source still placed on the target canvas, the area
/// the model will invent hatched, so a person sees the new framing before paying for a generation.
public enum ReframePreview {
    /// Draws `still` (the source's display picture) on `plan`'s canvas, shrunk so the longer side is at most `maxSide`.
    public static func render(_ still: RGBImage, plan: ReframePlan, maxSide: Int = 1280) -> RGBImage {
        let scale = min(1, Double(maxSide) / Double(max(plan.canvas.width, plan.canvas.height)))
        func px(_ v: Int) -> Int { Int((Double(v) * scale).rounded()) }
        var canvas = RGBImage(width: max(1, px(plan.canvas.width)), height: max(1, px(plan.canvas.height)))
        // Diagonal hatching, tinted blue: new pixels.
        let stripe = max(4, canvas.width / 60)
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let i = (y * canvas.width + x) * 3
                let dark = ((x + y) / stripe) % 2 == 0
                (canvas.pixels[i], canvas.pixels[i + 1], canvas.pixels[i + 2]) = dark ? (40, 60, 110) : (70, 100, 170)
            }
        }
        let placed = still.resized(width: max(1, px(plan.source.width)), height: max(1, px(plan.source.height)))
        let x = px(plan.sourceX), y = px(plan.sourceY)
        canvas.draw(placed, atX: x, y: y)
        // A thin outline where the source ends.
        let line = max(1, canvas.width / 400), yellow: (UInt8, UInt8, UInt8) = (255, 210, 0)
        canvas.fill(x: x - line, y: y - line, width: placed.width + 2 * line, height: line, color: yellow)
        canvas.fill(x: x - line, y: y + placed.height, width: placed.width + 2 * line, height: line, color: yellow)
        canvas.fill(x: x - line, y: y, width: line, height: placed.height, color: yellow)
        canvas.fill(x: x + placed.width, y: y, width: line, height: placed.height, color: yellow)
        return canvas
    }
}
