import ArgumentParser
import RayCanvas
import RayMedia
import RayPipeline

// Domain values parsed once, when the argument is read: `run()` receives the value.

extension AspectRatio: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension PixelSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension Anchor: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension CropJob.Target: ExpressibleByArgument {}

extension ShotDetector.Decoding: ExpressibleByArgument {}

/// `START-END` in seconds (`2.5-20`), for `--trim`.
struct SecondsSpan: ExpressibleByArgument {
    let range: ClosedRange<Double>

    init?(argument: String) {
        let parts = argument.split(separator: "-").compactMap { Double($0) }
        guard parts.count == 2, parts[0] >= 0, parts[1] > parts[0] else { return nil }
        range = parts[0]...parts[1]
    }
}
