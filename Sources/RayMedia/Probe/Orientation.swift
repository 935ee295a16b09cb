internal import CFFmpeg
import RayCanvas

/// How a player turns the coded picture upright: rotation and mirror from the stream's display matrix.
struct Orientation: Equatable {
    /// Clockwise degrees, one of 0, 90, 180, 270.
    var clockwiseDegrees: Int
    var horizontalFlip: Bool

    static let upright = Orientation(clockwiseDegrees: 0, horizontalFlip: false)

    init(clockwiseDegrees: Int, horizontalFlip: Bool) {
        self.clockwiseDegrees = clockwiseDegrees
        self.horizontalFlip = horizontalFlip
    }

    /// Reads the stream's display matrix; upright when there is none.
    init(_ stream: UnsafeMutablePointer<AVStream>) {
        guard let matrix = rk_stream_display_matrix(stream) else {
            self = .upright
            return
        }
        var m = Array(UnsafeBufferPointer(start: matrix, count: 9))
        // A negative determinant mirrors the picture; unmirror before reading the angle.
        let flipped = Int64(m[0]) * Int64(m[4]) - Int64(m[1]) * Int64(m[3]) < 0
        if flipped { av_display_matrix_flip(&m, 1, 0) }
        let counterClockwise = av_display_rotation_get(m)
        let degrees = counterClockwise.isNaN ? 0 : Int((-counterClockwise / 90).rounded()) * 90
        self.init(clockwiseDegrees: ((degrees % 360) + 360) % 360, horizontalFlip: flipped)
    }

    /// Whether the picture turns a quarter (width and height swap).
    var swapsAxes: Bool { clockwiseDegrees == 90 || clockwiseDegrees == 270 }

    /// The size a player shows: anamorphic pixels stretched to square, then rotated.
    func displaySize(codedWidth: Int, codedHeight: Int, sar: AspectRatio) -> (width: Int, height: Int) {
        let width = Int((Double(codedWidth) * Double(sar.width) / Double(sar.height)).rounded())
        return swapsAxes ? (codedHeight, width) : (width, codedHeight)
    }
}
