import Foundation
import PropertyBased
import RayCanvas
import Testing

@Suite("RatioRecommendation")
struct RatioRecommendationTests {
    @Test("everyday ratios", arguments: [
        // wanted, ask, area lost, centred window in ask's 1080p frame
        ("2.39:1", SupportedRatio.cinema21x9, 0.0237, CropRect(x: 0, y: 12, width: 2520, height: 1054)),  // scope
        ("1.85:1", .landscape16x9, 0.0390, CropRect(x: 0, y: 20, width: 1920, height: 1038)),             // flat
        ("4:5", .portrait3x4, 0.0625, CropRect(x: 0, y: 44, width: 1080, height: 1350)),                   // feed
        ("2:3", .portrait3x4, 0.1111, CropRect(x: 60, y: 0, width: 960, height: 1440)),                    // poster
        ("1.91:1", .landscape16x9, 0.0692, CropRect(x: 0, y: 36, width: 1920, height: 1006)),              // link card
        ("2:1", .landscape16x9, 0.1111, CropRect(x: 0, y: 60, width: 1920, height: 960)),
    ])
    func everyday(_ wanted: String, _ ask: SupportedRatio, _ lost: Double, _ window: CropRect) throws {
        let ratio = try #require(AspectRatio(parsing: wanted))
        let recommendation = try RatioRecommendation.recommend(for: ratio)
        #expect(recommendation.wanted == ratio)
        #expect(recommendation.ask == ask)
        #expect(abs(recommendation.areaLost - lost) < 0.00005)
        let crop = try #require(recommendation.crop)
        #expect(crop.source == ask.outputSize(at: .p1080))
        #expect(crop.window == window)
        #expect(!crop.needsScaling)
    }

    @Test("2:1 loses less from 16:9 than from 21:9")
    func twoToOne() throws {
        let lostFrom16x9 = 1 - (16.0 / 9) / 2, lostFrom21x9 = 1 - 2 / (21.0 / 9)
        #expect(lostFrom16x9 < lostFrom21x9)  // 11.1% < 14.3%
        #expect(try RatioRecommendation.recommend(for: AspectRatio(2, 1)).ask == .landscape16x9)
    }

    @Test("supported ratios need no crop", arguments: SupportedRatio.allCases)
    func supported(_ ratio: SupportedRatio) throws {
        let recommendation = try RatioRecommendation.recommend(for: ratio.ratio, at: .p720)
        #expect(recommendation.ask == ratio && recommendation.areaLost == 0 && recommendation.crop == nil)
    }

    @Test("the crop follows the resolution")
    func resolution() throws {
        let recommendation = try RatioRecommendation.recommend(for: AspectRatio(parsing: "2.39")!, at: .p720)
        #expect(recommendation.crop?.source == PixelSize(width: 1680, height: 720))
        #expect(recommendation.crop?.window.width == 1680)
    }

    @Test("Codable round trip")
    func codable() throws {
        let recommendation = try RatioRecommendation.recommend(for: AspectRatio(4, 5))
        #expect(try JSONDecoder().decode(RatioRecommendation.self, from: JSONEncoder().encode(recommendation)) == recommendation)
    }

    /// For any wanted ratio: areaLost = 1 − min(t, s)/max(t, s) with t the ask and s the wanted ratio, no supported
    /// ratio loses less, and the crop is the centred one from the ask's delivered frame.
    @Test("area lost and choice (property)")
    func recommendationProperty() async {
        await propertyCheck(count: 500, input: Gens.ratio, Gen<Resolution>.case) { wanted, resolution in
            let recommendation = try RatioRecommendation.recommend(for: wanted, at: resolution)
            func lost(_ ratio: SupportedRatio) -> Double {
                let (t, s) = (ratio.ratio.value, wanted.value)
                return 1 - min(t, s) / max(t, s)
            }
            #expect(abs(recommendation.areaLost - lost(recommendation.ask)) < 1e-12)
            #expect(SupportedRatio.allCases.allSatisfy { lost($0) >= recommendation.areaLost - 1e-12 })
            if SupportedRatio(wanted) != nil {
                #expect(recommendation.areaLost == 0 && recommendation.crop == nil)
            } else {
                let crop = try #require(recommendation.crop)
                let expected = try CropPlan.crop(recommendation.ask.outputSize(at: resolution), to: wanted, anchor: .center)
                #expect(crop == expected)
            }
        }
    }
}
