/// The per-frame data `Transitions` classifies: each frame's content change from the one before, and the
/// distances between nearby frames.
struct ShotMeasures {
    var changes: [Double]
    var distances: FrameDistances
}

/// Reads a clip's ``ShotMeasures`` for `ShotDetector`: from every frame, or sparsely.
///
/// The sparse scan looks at the keyframes and packet sizes first (`KeyframeLook`), then at the reference
/// pictures between the keyframes where something could happen (`ReferenceLook`), then decodes every frame
/// only in runs around the places where they show a cut, flash or gradual transition could lie, each run grown
/// until it begins and ends in quiet frames (`DenseRuns`). Outside the runs nothing is measured, so
/// `Transitions` finds nothing there, and inside them it reads exactly what a full decode gives it.
struct ShotScan {
    let clip: Clip
    let options: ShotDetector.Options

    /// Clips shorter than this many frames are decoded fully when the choice is automatic: the look at the
    /// reference pictures and the decodes around its candidates would save little.
    static let shortestSparseClip = 900

    init(_ clip: Clip, _ options: ShotDetector.Options) {
        (self.clip, self.options) = (clip, options)
    }

    /// The measures of the frames `source` (rough pictures, not yet read from) gives, decoded as
    /// `options.decoding` asks. A sparse scan starts over with every frame when it meets a frame it cannot
    /// decode, and, when the choice is automatic, when the keyframes show the picture moving everywhere or
    /// as soon as the reference pictures show candidates nearly everywhere.
    func measures(_ source: FrameSource) throws(MediaError) -> ShotMeasures {
        let index = source.index
        let sparse = switch options.decoding {
        case .full: false
        case .sparse: index.identifiesByTimestamp
        case .automatic: index.identifiesByTimestamp && index.count >= Self.shortestSparseClip
        }
        guard sparse else { return try full(source) }
        do {
            let keys = try KeyframeLook(source, options)
            let automatic = options.decoding == .automatic
            if !(automatic && keys.movesEverywhere), let look = try ReferenceLook(source, keys, options, givingUp: automatic) {
                var runs = DenseRuns(source, options, estimates: look.changes)
                return try runs.measures(around: look.candidates)
            }
        } catch {}
        let fresh = try clip.frameSource()
        fresh.roughPictures = true
        return try full(fresh)
    }

    /// Every frame decoded and measured, in the order the source gives them.
    private func full(_ source: FrameSource) throws(MediaError) -> ShotMeasures {
        let thumbnailer = Thumbnailer()
        var measures = ShotMeasures(changes: [], distances: FrameDistances(reach: options.reach))
        var previous: Thumbnail?
        while let (_, frame) = try source.next() {
            let thumbnail = thumbnailer.thumbnail(frame)
            measures.changes.append(previous.map { thumbnail.change(from: $0) } ?? 0)
            measures.distances.append(thumbnail)
            previous = thumbnail
        }
        return measures
    }
}
