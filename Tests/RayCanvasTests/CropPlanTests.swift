import Foundation
import PropertyBased
import RayCanvas
import Testing

@Suite("CropPlan")
struct CropPlanTests {
    static let hd = PixelSize(width: 1920, height: 1080)

    @Test("anchors place the 9:16 window in a 1920x1080 frame", arguments: [
        (Anchor.center, 656), (.left, 0), (.right, 1312), (.top, 656), (.bottom, 656),
        (.focus(x: 0.5, y: 0.1), 656), (.focus(x: 0.1, y: 0.5), 0), (.focus(x: 0.9, y: 0.5), 1312), (.focus(x: 0.25, y: 0), 176),
    ])
    func anchors(_ anchor: Anchor, _ x: Int) throws {
        // 1080 × 9/16 = 607.5 → 608 (nearest even); free width 1312.
        let plan = try CropPlan.crop(Self.hd, to: AspectRatio(9, 16), anchor: anchor)
        #expect(plan.window == CropRect(x: x, y: 0, width: 608, height: 1080))
        #expect(plan.output == PixelSize(width: 608, height: 1080))
        #expect(!plan.needsScaling)
    }

    @Test("vertical anchors in a portrait frame")
    func vertical() throws {
        let frame = PixelSize(width: 1080, height: 1920)
        #expect(try CropPlan.crop(frame, to: AspectRatio(1, 1), anchor: .top).window == CropRect(x: 0, y: 0, width: 1080, height: 1080))
        #expect(try CropPlan.crop(frame, to: AspectRatio(1, 1), anchor: .bottom).window.y == 840)
        #expect(try CropPlan.crop(frame, to: AspectRatio(1, 1)).window.y == 420)
        #expect(try CropPlan.crop(frame, to: AspectRatio(1, 1), anchor: .left).window.y == 420)
        // Focus 0.3 down: centre at 576, window top 36.
        #expect(try CropPlan.crop(frame, to: AspectRatio(1, 1), anchor: .focus(x: 0, y: 0.3)).window.y == 36)
    }

    @Test("odd frames: the window stays inside, offsets even")
    func oddFrame() throws {
        let plan = try CropPlan.crop(PixelSize(width: 1921, height: 1081), to: AspectRatio(16, 9), anchor: .right)
        #expect(plan.window == CropRect(x: 0, y: 0, width: 1920, height: 1080))
        let centred = try CropPlan.crop(PixelSize(width: 1920, height: 1080), to: AspectRatio(parsing: "2.39")!)
        // 1920 / 2.39 = 803.3 → 804; free 276 → 138, already even.
        #expect(centred.window == CropRect(x: 0, y: 138, width: 1920, height: 804))
    }

    @Test("crop to a size scales to it")
    func toSize() throws {
        let plan = try CropPlan.crop(PixelSize(width: 3840, height: 2160), toSize: PixelSize(width: 1080, height: 1920))
        // 2160 × 9/16 = 1215 exactly: odd, rounds up to 1216; free 2624 → 1312.
        #expect(plan.window == CropRect(x: 1312, y: 0, width: 1216, height: 2160))
        #expect(plan.output == PixelSize(width: 1080, height: 1920))
        #expect(plan.needsScaling)
    }

    @Test("odd scale sizes become even")
    func oddScale() throws {
        let plan = try CropPlan.crop(Self.hd, to: AspectRatio(9, 16), scaleTo: PixelSize(width: 1081, height: 1921))
        #expect(plan.output == PixelSize(width: 1082, height: 1922))
        let same = try CropPlan.crop(Self.hd, to: AspectRatio(9, 16), scaleTo: PixelSize(width: 608, height: 1080))
        #expect(!same.needsScaling)
    }

    @Test("scaled to a resolution", arguments: [
        ("1216x2160", Resolution.p720, "720x1278"), ("1080x1080", .p720, "720x720"), ("1920x1080", .p1080, "1920x1080"),
        ("1920x804", .p540, "1290x540"), ("400x300", .p1080, "1440x1080"),
    ])
    func scaled(_ size: String, _ resolution: Resolution, _ expected: String) throws {
        #expect(CropPlan.scaled(try #require(PixelSize(parsing: size)), to: resolution).description == expected)
    }

    @Test("refusals")
    func refusals() throws {
        #expect(throws: CanvasError.self) { try CropPlan.crop(PixelSize(width: 0, height: 1080), to: AspectRatio(1, 1)) }
        #expect { try CropPlan.crop(PixelSize(width: -4, height: 1080), to: AspectRatio(1, 1)) } throws: { error in
            if case .invalidSize = error as? CanvasError { true } else { false }
        }
        #expect { try CropPlan.crop(Self.hd, toSize: PixelSize(width: 0, height: 0)) } throws: { error in
            if case .invalidSize = error as? CanvasError { true } else { false }
        }
        #expect { try CropPlan.crop(Self.hd, to: AspectRatio(1, 1), scaleTo: PixelSize(width: 10, height: -2)) } throws: { error in
            if case .invalidSize = error as? CanvasError { true } else { false }
        }
        // 1 pixel wide: no even window at all; 2x2 can't hold 21:9 (height 2 × 9/21 < 1).
        for (source, ratio) in [(PixelSize(width: 1, height: 1080), AspectRatio(1, 1)), (PixelSize(width: 2, height: 2), AspectRatio(21, 9))] {
            #expect { try CropPlan.crop(source, to: ratio) } throws: { error in
                if case .windowTooSmall = error as? CanvasError { true } else { false }
            }
        }
        #expect(try CropPlan.crop(PixelSize(width: 2, height: 2), to: AspectRatio(1, 1)).window == CropRect(x: 0, y: 0, width: 2, height: 2))
        #expect(CanvasError.windowTooSmall("a 1x1080 frame can't hold an even-sided window").localizedDescription
            == "a 1x1080 frame can't hold an even-sided window")
    }

    @Test("Codable round trip")
    func codable() throws {
        let plan = try CropPlan.crop(Self.hd, to: AspectRatio(4, 5), anchor: .focus(x: 0.2, y: 0.5), scaleTo: PixelSize(width: 1080, height: 1350))
        #expect(try JSONDecoder().decode(CropPlan.self, from: JSONEncoder().encode(plan)) == plan)
    }

    /// Invariants for any source 16…8000 per side, any ratio, any anchor. With W₀, H₀ the source's sides rounded down
    /// to even and r = a:b:
    /// - the window is inside the frame, every value even, both sides ≥ 2;
    /// - maximal: width = W₀ or height = H₀;
    /// - ratio: the other side is within 1 px of exact — height = H₀ and |w·b − h·a| ≤ b (|w − h·r| ≤ 1),
    ///   or width = W₀ and |w·b − h·a| ≤ a (|h − w/r| ≤ 1);
    /// - anchors: left/top at 0, right/bottom at the last even offset, centre within 1 px of the middle,
    ///   focus within 1 px of the point-centred offset clamped inside the frame;
    /// - windowTooSmall only when the exact derived side is under 1 px.
    @Test("window invariants (property)")
    func windowProperty() async {
        await propertyCheck(count: 1000, input: Gens.side, Gens.side, Gens.ratio, Gens.anchor) { width, height, ratio, anchor in
            let source = PixelSize(width: width, height: height)
            let (frameWidth, frameHeight) = (Gens.evenDown(width), Gens.evenDown(height))
            let (a, b) = (ratio.width, ratio.height)
            let plan: CropPlan
            do throws(CanvasError) {
                plan = try CropPlan.crop(source, to: ratio, anchor: anchor)
            } catch {
                guard case .windowTooSmall = error else { Issue.record("unexpected \(error)"); return }
                let derived = min(Double(frameWidth) * Double(b) / Double(a), Double(frameHeight) * Double(a) / Double(b))
                #expect(derived < 1, "\(source) → \(ratio) refused with a derived side of \(derived)")
                return
            }
            let w = plan.window
            #expect(plan.source == source && plan.output == PixelSize(w) && !plan.needsScaling)
            #expect([w.x, w.y, w.width, w.height].allSatisfy { $0 % 2 == 0 }, "\(w) has an odd value")
            #expect(w.x >= 0 && w.y >= 0 && w.width >= 2 && w.height >= 2)
            #expect(w.x + w.width <= width && w.y + w.height <= height, "\(w) leaves \(source)")
            #expect(w.width == frameWidth || w.height == frameHeight, "\(w) is not maximal in \(source)")
            let error = abs(w.width * b - w.height * a)
            #expect((w.height == frameHeight && error <= b) || (w.width == frameWidth && error <= a),
                    "\(w) is not \(ratio) within a pixel")

            for (offset, side, frame, horizontal) in [(w.x, w.width, width, true), (w.y, w.height, height, false)] {
                let free = frame - side
                switch (anchor, horizontal) {
                case (.left, true), (.top, false):
                    #expect(offset == 0)
                case (.right, true), (.bottom, false):
                    #expect(offset == Gens.evenDown(free))
                case (.focus(let x, let y), _):
                    let ideal = min(max((horizontal ? x : y) * Double(frame) - Double(side) / 2, 0), Double(free))
                    #expect(abs(Double(offset) - ideal) <= 1, "focus \(anchor) put \(w) off the point in \(source)")
                default:
                    #expect(abs(Double(offset) - Double(free) / 2) <= 1, "\(w) is not centred in \(source)")
                }
            }
        }
    }

    @Test("scaled keeps the ratio within a pixel (property)")
    func scaledProperty() async {
        await propertyCheck(count: 300, input: Gens.side, Gens.side, Gen<Resolution>.case) { width, height, resolution in
            let size = CropPlan.scaled(PixelSize(width: width, height: height), to: resolution)
            #expect(min(size.width, size.height) == resolution.lines)
            #expect(size.width % 2 == 0 && size.height % 2 == 0)
            // Orientation kept (a nearly square size may round to square).
            #expect(size.width == size.height || (size.width > size.height) == (width > height))
            // Long side within 1 px of lines × long/short.
            let exactLong = Double(resolution.lines) * Double(max(width, height)) / Double(min(width, height))
            #expect(abs(Double(max(size.width, size.height)) - exactLong) <= 1)
        }
    }
}
