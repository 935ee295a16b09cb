import PropertyBased
import RayCanvas

/// Shared generators and reference helpers for the property tests.
enum Gens {
    /// Ratios people name, beyond the supported six.
    static let namedRatios: [AspectRatio] = [
        "2.39:1", "2.35:1", "2.76:1", "1.85:1", "1.66:1", "1.43:1", "1.91:1", "2:1", "3:2", "5:4", "4:5", "2:3",
        "16:9", "9:16", "21:9", "4:3", "3:4", "1:1", "32:9", "1:2",
    ].map { AspectRatio(parsing: $0)! }

    /// One side of a source frame, 16…8000 pixels.
    static let side = Gen.int(in: 16...8000)

    /// A ratio from a random small integer pair or from the named list.
    static let ratio = Gen.oneOf(
        zip(Gen.int(in: 1...32), Gen.int(in: 1...32)).map { AspectRatio($0, $1) },
        Gen.element(of: namedRatios).map { $0! }
    )

    /// An edge anchor, the centre, or a random focus point.
    static let anchor = Gen.oneOf(
        Gen.element(of: [Anchor.center, .left, .right, .top, .bottom]).map { $0! },
        zip(Gen.double(in: 0...1), Gen.double(in: 0...1)).map { Anchor.focus(x: $0, y: $1) }
    )

    static func evenDown(_ n: Int) -> Int { n - n % 2 }
    static func evenUp(_ n: Int) -> Int { n + n % 2 }
}
