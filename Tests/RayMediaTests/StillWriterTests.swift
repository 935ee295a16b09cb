@testable import RayMedia
import Testing

@Suite("stills in flight")
struct StillWriterTests {
    @Test("big pictures keep fewer stills in flight than there are cores; small ones one per core and one more")
    func inFlightLimit() {
        let uhd = 3840 * 2160, hd = 1920 * 1080
        #expect(StillWriter.inFlightLimit(pixels: uhd, cores: 2) == 2)
        #expect(StillWriter.inFlightLimit(pixels: uhd, cores: 8) == 2)
        #expect(StillWriter.inFlightLimit(pixels: 7680 * 4320, cores: 8) == 1)
        #expect(StillWriter.inFlightLimit(pixels: hd, cores: 2) == 3)
        #expect(StillWriter.inFlightLimit(pixels: hd, cores: 8) == 9)
        #expect(StillWriter.inFlightLimit(pixels: 0, cores: 1) == 2)
    }
}
