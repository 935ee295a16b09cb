import Foundation

/// Finds the shots of a clip: each frame reduced to a 64x36 thumbnail, its distance to each of the frames up
/// to `Options.reach` before it measured, and the distances read for cuts (a jump that does not come back)
/// and gradual transitions (a straight blend from one picture to another): see `Transitions`. Every frame is
/// measured in one streaming pass, or only the frames around the places where the keyframes and reference
/// pictures show something could happen (`ShotScan`, `Options.decoding`).
///
/// The thresholds were chosen from the distributions of these measures on the even-numbered clips of the
/// labelled set (bench/shot_eval/README.md says how each was chosen); distances are mean absolute
/// differences of 64x36 Y, U and V block means, 0-255.
public enum ShotDetector {
    /// How sensitive the detector is.
    public struct Options: Sendable {
        /// Smallest distance from the frame before that makes a frame a cut.
        public var cutDistance: Float = 4
        /// A cut's step is at least this many times the larger of the steps into the frame before and after it.
        public var cutContrast: Float = 9
        /// A jump whose pictures come back, within `excursionFrames`, to less than this fraction of its size
        /// from the picture before it (a flash, a passing object) is no cut but a flash.
        public var returnFraction: Float = 0.63
        /// A blend whose end comes back to less than this fraction of its size from a picture up to
        /// `excursionFrames` before its start (a flash's decay) is no transition.
        public var blendReturnFraction: Float = 0.3
        /// A flash's jump is at least this many times the largest step into the `excursionFrames` frames before
        /// it (a shake's returning jumps are not).
        public var flashContrast: Float = 12
        /// A flash lasts while its brightness is still this fraction of its jump away from the picture's before it.
        public var flashTail: Float = 0.15
        /// Frames an excursion may last.
        public var excursionFrames = 6
        /// Shots shorter than this many frames are not split off by a cut.
        public var minimumShotFrames = 8
        /// Frames back the gradual comparison looks.
        public var gradualWindow = 6
        /// Distance over the gradual window that starts a run of possible gradual transition.
        public var gradualDistance: Float = 3
        /// Inside a run, the blend's frames are those whose step is at least this fraction of the run's
        /// largest step, and at least `stillStep`.
        public var blendFraction: Float = 0.4
        public var stillStep: Float = 0.5
        /// A frame next to a blend belongs to it when it is at least this much nearer the blend's far end
        /// than the frame beyond it (a wipe's soft edge entering or leaving).
        public var softEdgeStep: Float = 0.1
        /// Frames next to a blend belong to it when their peak changes are all at least this many times those
        /// of the two frames beyond them (taken as at least 1 level): a wipe's edge entering or leaving a corner.
        public var edgeContrast: Float = 2.3
        /// Smallest distance between a blend's two pictures (either may be black instead: a fade).
        public var transitionDistance: Float = 8
        /// A blend's straight distance through its best quarter point over the road through all of them.
        public var mixEfficiency: Float = 0.92
        /// The blend's middle frame is at least this fraction of its two pictures' distance from each (a mix
        /// moves evenly; the calm after a fast move, measured from inside the move, does not).
        public var blendBalance: Float = 0.35
        /// Layout correlation (16x9 Y) at or above which a blend's two pictures are one picture in another
        /// light (a light change, not a transition).
        public var sameLayout: Float = 0.54
        /// Mean Y (0-255) at or below which a picture is black.
        public var blackBrightness: Float = 24
        /// Frames apart the farthest two compared frames lie: the longest gradual transition found is two shorter.
        public var reach = 36
        /// Which frames are decoded.
        public var decoding = Decoding.automatic

        public init() {}
    }

    /// The shots of `clip`.
    ///
    /// - Throws: `MediaError` for a clip that cannot be read.
    public static func detect(_ clip: Clip, _ options: Options = Options()) throws(MediaError) -> ShotReport {
        let source = try clip.frameSource()
        source.roughPictures = true
        let measures = try ShotScan(clip, options).measures(source)
        let starts = source.index.frameStarts
        return Transitions(changes: measures.changes, distances: measures.distances, options: options)
            .report(file: clip.path, frameStarts: starts, duration: source.index.duration)
    }
}
