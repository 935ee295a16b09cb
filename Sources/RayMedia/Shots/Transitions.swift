/// Turns the per-frame measures into cuts, dissolves and shots.
///
/// A cut is a jump into one frame, much larger than the steps either side, that does not come back (a flash
/// comes back to the picture before it). A dissolve, fade or wipe moves every sample of the picture straight
/// from one shot to the next, so the distances along it add up: the distance from its first to its last
/// picture through any frame inside is the sum of its steps. A pan, zoom, shake or an object crossing the frame
/// takes a longer road (its steps add up to far more than the distance it covers), and a flash, shake or
/// crossing comes back to where it started.
struct Transitions {
    /// Content change into each frame (``Thumbnail/change(from:)``), reported and used to rank frames.
    let changes: [Double]
    let distances: FrameDistances
    let options: ShotDetector.Options

    private var count: Int { distances.count }

    private func step(_ i: Int) -> Float { distances(i, i - 1) ?? 0 }

    /// Frames the picture jumps into: see ``ShotDetector/Options``.
    var cuts: [Int] {
        var found: [Int] = []
        for i in 1..<max(1, count) where step(i) >= options.cutDistance {
            let around = max(step(i - 1), step(i + 1))
            guard step(i) >= options.cutContrast * around, !isExcursion(at: i),
                  i - (found.last ?? 0) >= options.minimumShotFrames else { continue }
            found.append(i)
        }
        return found
    }

    /// Whether the jump into frame `i` is one end of a short excursion: the pictures after it come back to
    /// the one before it, or it comes back to a picture shortly before the jump before it.
    private func isExcursion(at i: Int) -> Bool {
        returnAfter(i) != nil || (1...options.excursionFrames).contains { k in
            (distances(i, i - 1 - k) ?? .infinity) < options.returnFraction * step(i)
        }
    }

    /// The largest step into the `excursionFrames` frames before frame `i`.
    private func stepsBefore(_ i: Int) -> Float {
        (1...options.excursionFrames).map { step(i - $0) }.max() ?? 0
    }

    /// The first frame after the jump into frame `i` that is back near the picture before it, if one is
    /// within `excursionFrames`.
    private func returnAfter(_ i: Int) -> Int? {
        (1...options.excursionFrames).lazy.map { i + $0 }.first { (distances($0, i - 1) ?? .infinity) < options.returnFraction * step(i) }
    }

    /// Jumps as large as a cut's, standing far out from the steps before them (`flashContrast`), whose pictures
    /// come back (a shake's jumps come back too, but do not stand out): the frames from the jump to the return, and on
    /// while the brightness is still `flashTail` of the jump's away from the brightness before it (a decaying
    /// flash's last frames).
    var flashes: [Flash] {
        var found: [Flash] = []
        for i in 1..<max(1, count) where step(i) >= options.cutDistance && step(i) >= options.flashContrast * stepsBefore(i)
            && i > (found.last?.lastFrame ?? -1) {
            guard var last = returnAfter(i).map({ $0 - 1 }) else { continue }
            let before = distances.brightness(i - 1), jump = abs(distances.brightness(i) - before)
            while last + 1 < min(count, i + options.excursionFrames), abs(distances.brightness(last + 1) - before) >= options.flashTail * jump { last += 1 }
            found.append(Flash(firstFrame: i, lastFrame: last))
        }
        return found
    }

    /// Gradual transitions: runs where the picture changes over the gradual window with no cut inside, split
    /// into the blends inside them (``blends(in:)``), each kept when it is a straight blend
    /// (``isBlend(from:to:)``), a fade out and fade in through black joined into one dip, and each carried out to
    /// its edges (``carriedToEdges(_:stoppingAt:)``).
    func dissolves(avoiding cuts: [Int], _ flashes: [Flash]) -> [Dissolve] {
        let w = options.gradualWindow
        var found: [Dissolve] = []
        var i = w
        while i < count {
            guard window(i) >= options.gradualDistance, !cuts.contains(where: { $0 > i - w && $0 <= i }) else { i += 1; continue }
            var end = i
            while end + 1 < count && window(end + 1) >= options.gradualDistance && !cuts.contains(end + 1) { end += 1 }
            // A run's first frames may be the last of the run before: a blend there was already measured.
            let start = max(1, i - w + 1, (found.last?.lastFrame ?? 0) + 2)
            for blend in start <= end ? blends(in: start...end).flatMap(splitAtBlack) : []
            where isBlend(from: blend.lowerBound - 1, to: blend.upperBound) && !cuts.contains(where: { blend.lowerBound <= $0 && $0 <= blend.upperBound })
                && !flashes.contains(where: { $0.firstFrame <= blend.upperBound && blend.lowerBound - 1 <= $0.lastFrame + 1 })
                && blend.lowerBound > (found.last?.lastFrame ?? 0) + 1 {
                found.append(Dissolve(firstFrame: blend.lowerBound, lastFrame: blend.upperBound - 1))
            }
            i = end + 1
        }
        return carriedToEdges(joiningDips(found), stoppingAt: Set(cuts + flashes.flatMap { ($0.firstFrame - 1)...($0.lastFrame + 1) }))
    }

    private func window(_ i: Int) -> Float { distances(i, i - options.gradualWindow) ?? 0 }

    /// The blends inside a run, largest step first: around the largest step not yet taken, the frames whose
    /// steps are at least `blendFraction` of it (one weaker frame between them allowed), until no step above
    /// `stillStep` is left, each ``widened(_:)``. Steps into first…last: first…last-1 are mixed, last is the
    /// new shot's first frame.
    private func blends(in run: ClosedRange<Int>) -> [ClosedRange<Int>] {
        var left = Set(run.filter { step($0) >= options.stillStep })
        var found: [ClosedRange<Int>] = []
        while let peak = left.max(by: { step($0) < step($1) }) {
            let floor = options.blendFraction * step(peak)
            func raised(_ i: Int) -> Bool { left.contains(i) && step(i) >= floor }
            var (first, last) = (peak, peak)
            while raised(first - 1) || raised(first - 2) { first -= raised(first - 1) ? 1 : 2 }
            while raised(last + 1) || raised(last + 2) { last += raised(last + 1) ? 1 : 2 }
            left.subtract(first...last)
            if last - first >= 2 { found.append(widened(first...last)) }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// A blend widened by the soft ends of a wipe: frames before it that are measurably (by `softEdgeStep`)
    /// farther from its end picture, and frames after it farther from its start.
    private func widened(_ blend: ClosedRange<Int>) -> ClosedRange<Int> {
        var (first, last) = (blend.lowerBound, blend.upperBound)
        while first > 1, let far = distances(first - 2, last), let near = distances(first - 1, last), far - near >= options.softEdgeStep { first -= 1 }
        while last + 1 < count, let far = distances(first - 1, last + 1), let near = distances(first - 1, last), far - near >= options.softEdgeStep { last += 1 }
        return first...last
    }

    /// Each transition carried out to its edges, never into a cut, a flash or the transitions either side.
    private func carriedToEdges(_ dissolves: [Dissolve], stoppingAt barriers: Set<Int>) -> [Dissolve] {
        var carried: [Dissolve] = []
        for (n, dissolve) in dissolves.enumerated() {
            let neighbours = [carried.last, n + 1 < dissolves.count ? dissolves[n + 1] : nil].compactMap { $0 }
            let blocked = barriers.union(neighbours.flatMap { $0.firstFrame...($0.lastFrame + 1) })
            let span = carriedToEdges(dissolve.firstFrame...(dissolve.lastFrame + 1), stoppingAt: blocked)
            carried.append(Dissolve(firstFrame: span.lowerBound, lastFrame: span.upperBound - 1))
        }
        return carried
    }

    /// A blend carried out to the ends of a wipe, whose first and last frames may change only a corner or a
    /// strip, too little for the distances: the frames next to it whose peak changes
    /// (``FrameDistances/peakStep(_:)``) all stand out, by `edgeContrast`, from those of the two frames beyond
    /// them, up to `excursionFrames` away and never into a cut or flash.
    private func carriedToEdges(_ blend: ClosedRange<Int>, stoppingAt barriers: Set<Int>) -> ClosedRange<Int> {
        func standOut(_ frames: ClosedRange<Int>, from beyond: [Int]) -> Bool {
            guard !frames.contains(where: barriers.contains) else { return false }
            let peaks = frames.compactMap(distances.peakStep), others = beyond.compactMap(distances.peakStep)
            guard peaks.count == frames.count, others.count == beyond.count, let most = others.max() else { return false }
            return peaks.allSatisfy { $0 >= options.edgeContrast * max(most, 1) }
        }
        let reach = options.excursionFrames
        let before = (blend.lowerBound - reach)..<blend.lowerBound
        let first = before.first { standOut($0...(blend.lowerBound - 1), from: [$0 - 1, $0 - 2]) } ?? blend.lowerBound
        let after = (blend.upperBound + 1)...(blend.upperBound + reach)
        let last = after.last { standOut((blend.upperBound + 1)...$0, from: [$0 + 1, $0 + 2]) } ?? blend.upperBound
        return first...last
    }

    /// A blend that passes through black between two pictures that are not split at its darkest frame, for each
    /// half to be measured as a fade: a fade out and a fade in whose black frames are too few or too alike to
    /// part them (one weak step is bridged) are one blend until then.
    private func splitAtBlack(_ blend: ClosedRange<Int>) -> [ClosedRange<Int>] {
        let black = options.blackBrightness
        guard blend.count >= 3, distances.brightness(blend.lowerBound - 1) > black, distances.brightness(blend.upperBound) > black,
              let darkest = blend.dropLast().min(by: { distances.brightness($0) < distances.brightness($1) }),
              distances.brightness(darkest) <= black, darkest > blend.lowerBound else { return [blend] }
        return [blend.lowerBound...darkest, (darkest + 1)...blend.upperBound]
    }

    /// Whether the frames from `a` to `b` are a straight blend between two different pictures: far enough
    /// apart (or, for a fade, far enough from black), not one picture in another light (layouts correlated),
    /// not a return to a picture just before `a`, the road through the quarter points no longer than
    /// `1 / mixEfficiency` times the road through the best of them, and the middle frame well on its way
    /// from each end (`blendBalance`).
    private func isBlend(from a: Int, to b: Int) -> Bool {
        guard b - a <= distances.reach, let apart = distances(a, b) else { return false }
        let fade = min(distances.brightness(a), distances.brightness(b)) <= options.blackBrightness
        guard apart >= options.transitionDistance || fade else { return false }
        guard fade || distances.layoutCorrelation(a, b) < options.sameLayout else { return false }
        let returns = (1...options.excursionFrames).contains { k in (distances(b, a - k) ?? .infinity) < options.blendReturnFraction * apart }
        guard !returns else { return false }
        let points = (0...4).map { a + ((b - a) * $0 + 2) / 4 }
        var road: Float = 0
        for (p, q) in zip(points, points.dropFirst()) { road += distances(p, q) ?? .infinity }
        let straight = points[1...3].map { (distances(a, $0) ?? 0) + (distances($0, b) ?? 0) }.max() ?? 0
        let balance = min(distances(a, points[2]) ?? 0, distances(points[2], b) ?? 0) / apart
        return road > 0 && straight >= options.mixEfficiency * road && balance >= options.blendBalance
    }

    /// A fade out and a fade in that meet at a black frame, at most `excursionFrames` + 2 frames apart, become one dip.
    private func joiningDips(_ spans: [Dissolve]) -> [Dissolve] {
        var joined: [Dissolve] = []
        for span in spans {
            if let last = joined.last, span.firstFrame - last.lastFrame - 1 <= options.excursionFrames + 2,
               (last.lastFrame...span.firstFrame).contains(where: { distances.brightness($0) <= options.blackBrightness }) {
                joined[joined.count - 1] = Dissolve(firstFrame: last.firstFrame, lastFrame: span.lastFrame)
            } else {
                joined.append(span)
            }
        }
        return joined
    }

    func report(file: String, frameStarts: [Double], duration: Double) -> ShotReport {
        let cuts = self.cuts
        let flashes = self.flashes
        let dissolves = self.dissolves(avoiding: cuts, flashes)
        var boundaries: [(first: Int, begins: Shot.Start)] = [(0, .clipStart)]
        boundaries += cuts.map { ($0, .cut) }
        boundaries += dissolves.map { ($0.lastFrame + 1, .dissolve) }
        boundaries.sort { $0.first < $1.first }
        let count = min(changes.count, frameStarts.count)
        var shots: [Shot] = []
        for (n, boundary) in boundaries.enumerated() where boundary.first < count {
            let nextStart = n + 1 < boundaries.count ? boundaries[n + 1].first : count
            let endsInDissolve = dissolves.first { $0.lastFrame + 1 == nextStart }
            let last = min(count, endsInDissolve?.firstFrame ?? nextStart) - 1
            guard last >= boundary.first else { continue }
            let end = last + 1 < count ? frameStarts[last + 1] : duration
            shots.append(Shot(firstFrame: boundary.first, lastFrame: last, start: frameStarts[boundary.first],
                              duration: end - frameStarts[boundary.first], representativeFrame: steadiest(boundary.first...last),
                              begins: boundary.begins))
        }
        return ShotReport(file: file, frameCount: count, shots: shots, cuts: cuts, dissolves: dissolves, flashes: flashes, changes: changes)
    }

    /// The frame whose picture changes least into and out of it, the one nearest the middle on ties.
    private func steadiest(_ frames: ClosedRange<Int>) -> Int {
        let middle = Double(frames.lowerBound + frames.upperBound) / 2
        func motion(_ i: Int) -> Double {
            let sides = [i > frames.lowerBound ? changes[i] : nil, i < frames.upperBound ? changes[i + 1] : nil].compactMap { $0 }
            return sides.isEmpty ? 0 : (sides.reduce(0, +) / Double(sides.count) * 2).rounded() / 2
        }
        return frames.min { (motion($0), abs(Double($0) - middle)) < (motion($1), abs(Double($1) - middle)) } ?? frames.lowerBound
    }
}
