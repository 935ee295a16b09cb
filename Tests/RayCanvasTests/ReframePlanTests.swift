import Foundation
import PropertyBased
import RayCanvas
import Testing

@Suite("ReframePlan")
struct ReframePlanTests {
    static let hd = PixelSize(width: 1920, height: 1080)

    @Test("1920x1080 to 9:16: the seed's example")
    func landscapeToPortrait() throws {
        let plan = try ReframePlan.plan(source: Self.hd, target: .portrait9x16)
        // Rule: the width stays (1920, already even); height = 1920 × 16/9 = 3413.3 → nearest even 3414.
        #expect(plan.canvas == PixelSize(width: 1920, height: 3414))
        #expect(plan.sourceX == 0 && plan.marginLeft == 0 && plan.marginRight == 0)
        #expect(plan.sourceY == 1167 && plan.marginTop == 1167 && plan.marginBottom == 1167)
        #expect(abs(plan.outpaintedFraction - (1 - 2_073_600.0 / (1920 * 3414))) < 1e-12)
        #expect(plan.outpaintedFraction > 0.68)
        #expect(plan.warnings.contains("68% of the canvas is new pixels: Reframe will invent most of the picture"))
        #expect(plan.delivered.map(\.resolution) == [.p540, .p720, .p1080])
        let full = try #require(plan.delivered.last)
        #expect(full.size == PixelSize(width: 1080, height: 1920))
        #expect(full.sourceScale == 0.5625)
        #expect(full.sourceSize == PixelSize(width: 1080, height: 608))
        #expect(plan.delivered[0].size == PixelSize(width: 540, height: 960) && plan.delivered[0].sourceScale == 0.28125)
        #expect(!plan.warnings.contains { $0.contains("enlarge") })
    }

    @Test("already the target ratio: nothing to outpaint", arguments: [
        (PixelSize(width: 1920, height: 1080), SupportedRatio.landscape16x9),
        (PixelSize(width: 853, height: 480), .landscape16x9),  // 854x480 canvas: 0.1% new
        (PixelSize(width: 17, height: 17), .square),           // 18x18 canvas is 11% new, but the ratio is already 1:1
        (PixelSize(width: 1080, height: 1920), .portrait9x16),
    ])
    func nothingToOutpaint(_ source: PixelSize, _ target: SupportedRatio) {
        #expect { try ReframePlan.plan(source: source, target: target) } throws: { error in
            if case .nothingToOutpaint = error as? CanvasError { true } else { false }
        }
    }

    @Test("non-positive sources are refused")
    func invalid() {
        #expect { try ReframePlan.plan(source: PixelSize(width: 0, height: 1080), target: .square) } throws: { error in
            if case .invalidSize = error as? CanvasError { true } else { false }
        }
    }

    @Test("placement on a canvas that grows in width", arguments: [
        (Anchor.center, 1167, 1167), (.left, 0, 2334), (.right, 2334, 0), (.top, 1167, 1167), (.bottom, 1167, 1167),
        (.focus(x: 0.3, y: 0.9), 700, 1634), (.focus(x: 0, y: 0), 0, 2334), (.focus(x: 1, y: 1), 2334, 0),
    ])
    func widthPlacement(_ anchor: Anchor, _ left: Int, _ right: Int) throws {
        // 1080x1920 to 16:9: height stays 1920, width 1920 × 16/9 = 3413.3 → 3414, 2334 new columns.
        let plan = try ReframePlan.plan(source: PixelSize(width: 1080, height: 1920), target: .landscape16x9, placement: anchor)
        #expect(plan.canvas == PixelSize(width: 3414, height: 1920))
        #expect(plan.marginLeft == left && plan.marginRight == right && plan.sourceX == left)
        #expect(plan.marginTop == 0 && plan.marginBottom == 0)
    }

    @Test("placement on a canvas that grows in height", arguments: [
        (Anchor.center, 1167, 1167), (.top, 0, 2334), (.bottom, 2334, 0), (.left, 1167, 1167), (.right, 1167, 1167),
        (.focus(x: 0.9, y: 0.25), 583, 1751),  // 0.25 × 2334 = 583.5: ties go before, like the centre's odd pixel
    ])
    func heightPlacement(_ anchor: Anchor, _ top: Int, _ bottom: Int) throws {
        let plan = try ReframePlan.plan(source: Self.hd, target: .portrait9x16, placement: anchor)
        #expect(plan.marginTop == top && plan.marginBottom == bottom && plan.sourceY == top)
        #expect(plan.marginLeft == 0 && plan.marginRight == 0)
    }

    @Test("centre: the odd pixel goes right")
    func oddCentre() throws {
        let plan = try ReframePlan.plan(source: PixelSize(width: 1081, height: 1920), target: .landscape16x9)
        #expect(plan.canvas == PixelSize(width: 3414, height: 1920))
        #expect(plan.marginLeft == 1166 && plan.marginRight == 1167)
    }

    @Test("a small source warns that delivery enlarges it")
    func enlargement() throws {
        let plan = try ReframePlan.plan(source: PixelSize(width: 640, height: 360), target: .portrait9x16)
        #expect(plan.canvas == PixelSize(width: 640, height: 1138))
        #expect(plan.delivered.map { $0.sourceScale > 1 } == [false, true, true])
        #expect(plan.warnings.contains("720p, 1080p enlarge the 640x360 source (up to 1.69×): detail will be soft"))
    }

    @Test("a mild reframe has no warnings")
    func mild() throws {
        let plan = try ReframePlan.plan(source: Self.hd, target: .cinema21x9)
        #expect(plan.canvas == PixelSize(width: 2520, height: 1080))
        #expect(plan.marginLeft == 300 && plan.marginRight == 300)
        #expect(plan.warnings.isEmpty)
        #expect(plan.delivered.last?.sourceScale == 1 && plan.delivered.last?.sourceSize == Self.hd)
    }

    @Test("Codable round trip")
    func codable() throws {
        let plan = try ReframePlan.plan(source: Self.hd, target: .square, placement: .focus(x: 0.5, y: 0.2))
        #expect(try JSONDecoder().decode(ReframePlan.self, from: JSONEncoder().encode(plan)) == plan)
    }

    /// Invariants for any source 16…8000 per side, any supported ratio, any anchor (a:b the target):
    /// - the canvas holds the source and has even sides;
    /// - minimal: the side that doesn't grow is the source's side rounded up to even;
    /// - ratio: the side that grows is within 1 px of exact (|w·b − h·a| ≤ b when the height is the source's,
    ///   ≤ a when the width is);
    /// - margins are non-negative and add up to canvas − source on each axis; the anchor places the source on the
    ///   axis that grows (edges flush, centre within half a pixel, focus within half a pixel of x · free);
    /// - outpainted fraction = 1 − source area / canvas area, in [0.01, 1); the >50% warning iff over half;
    /// - deliveries ascend, have `outputSize(at:)` and scale = delivered width / canvas width;
    /// - nothingToOutpaint only when the source is (almost) the target ratio.
    @Test("canvas invariants (property)")
    func canvasProperty() async {
        await propertyCheck(count: 1000, input: Gens.side, Gens.side, Gen<SupportedRatio>.case, Gens.anchor) { width, height, target, anchor in
            let source = PixelSize(width: width, height: height)
            let (a, b) = (target.ratio.width, target.ratio.height)
            let plan: ReframePlan
            do throws(CanvasError) {
                plan = try ReframePlan.plan(source: source, target: target, placement: anchor)
            } catch {
                guard case .nothingToOutpaint = error else { Issue.record("unexpected \(error)"); return }
                let (s, t) = (source.ratio.value, target.ratio.value)
                #expect(1 - min(s, t) / max(s, t) < 0.01 + 2 / Double(min(width, height)), "\(source) → \(target) refused")
                return
            }
            let canvas = plan.canvas
            #expect(canvas.width % 2 == 0 && canvas.height % 2 == 0)
            #expect(canvas.width >= width && canvas.height >= height)
            let keepsWidth = canvas.width == Gens.evenUp(width), keepsHeight = canvas.height == Gens.evenUp(height)
            #expect(keepsWidth || keepsHeight, "\(canvas) is not minimal for \(source)")
            let error = abs(canvas.width * b - canvas.height * a)
            #expect((keepsHeight && error <= b) || (keepsWidth && error <= a), "\(canvas) is not \(target.rawValue) within a pixel")

            let margins = [plan.marginLeft, plan.marginRight, plan.marginTop, plan.marginBottom]
            #expect(margins.allSatisfy { $0 >= 0 })
            #expect(plan.marginLeft + plan.marginRight == canvas.width - width)
            #expect(plan.marginTop + plan.marginBottom == canvas.height - height)
            #expect(plan.sourceX == plan.marginLeft && plan.sourceY == plan.marginTop)
            let freeX = canvas.width - width, freeY = canvas.height - height
            for (before, free, horizontal) in [(plan.marginLeft, freeX, true), (plan.marginTop, freeY, false)] where free > 1 {
                switch (anchor, horizontal) {
                case (.left, true), (.top, false): #expect(before == 0)
                case (.right, true), (.bottom, false): #expect(before == free)
                case (.focus(let x, let y), _): #expect(abs(Double(before) - (horizontal ? x : y) * Double(free)) <= 0.5)
                default: #expect(before == free / 2)
                }
            }

            #expect(abs(plan.outpaintedFraction - (1 - Double(source.area) / Double(canvas.area))) < 1e-12)
            #expect(plan.outpaintedFraction >= 0.01 && plan.outpaintedFraction < 1)
            #expect(plan.warnings.contains { $0.contains("of the canvas is new pixels") } == (plan.outpaintedFraction > 0.5))

            #expect(plan.delivered.map(\.resolution) == [.p540, .p720, .p1080])
            for delivery in plan.delivered {
                #expect(delivery.size == target.outputSize(at: delivery.resolution))
                #expect(delivery.sourceScale == Double(delivery.size.width) / Double(canvas.width))
                #expect(abs(Double(delivery.sourceSize.width) - Double(width) * delivery.sourceScale) <= 0.5)
                #expect(delivery.sourceSize.width <= delivery.size.width + 1)
            }
        }
    }
}
