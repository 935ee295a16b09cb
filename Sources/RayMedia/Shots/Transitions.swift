/// Turns the per-frame change measures into cuts, dissolves and shots.
struct Transitions {
    let changes: [Double]
    let gradual: [Double]
    let options: ShotDetector.Options

    /// Frames the picture jumps into: a change as large as the threshold and at least twice the change
    /// into the frames either side (the last step of a fast fade is not a cut).
    var cuts: [Int] {
        var found: [Int] = []
        for i in changes.indices.dropFirst() where changes[i] >= options.threshold {
            let around = max(changes[i - 1], i + 1 < changes.count ? changes[i + 1] : 0)
            if changes[i] >= 2 * around && i - (found.last ?? 0) >= options.minimumShotFrames { found.append(i) }
        }
        return found
    }

    /// Runs of frames whose change over the gradual window is as large as a cut with no cut inside,
    /// narrowed to the frames that change most steadily (the blend itself).
    func dissolves(avoiding cuts: [Int]) -> [Dissolve] {
        let w = options.gradualWindow
        var found: [Dissolve] = []
        var i = w
        while i < gradual.count {
            guard gradual[i] >= options.threshold, !cuts.contains(where: { $0 > i - w && $0 <= i }) else { i += 1; continue }
            var end = i
            while end + 1 < gradual.count && gradual[end + 1] >= options.threshold && !cuts.contains(end + 1) { end += 1 }
            if let dissolve = blend(in: max(1, i - w + 1)...end), !cuts.contains(where: { dissolve.firstFrame <= $0 && $0 <= dissolve.lastFrame + 1 }) {
                found.append(dissolve)
            }
            i = end + 1
        }
        return found
    }

    /// The blend inside a window: the frames whose step change is at least 40% of the window's largest.
    private func blend(in window: ClosedRange<Int>) -> Dissolve? {
        let peak = window.map { changes[$0] }.max() ?? 0
        let core = window.filter { changes[$0] >= max(1, 0.4 * peak) }
        guard let first = core.first, let last = core.last, last - first >= 2 else { return nil }
        // Steps into frames first…last are raised: frames first…last-1 are blends, `last` is the new shot's first.
        return Dissolve(firstFrame: first, lastFrame: last - 1)
    }

    func report(file: String, frameStarts: [Double], duration: Double) -> ShotReport {
        let cuts = self.cuts
        let dissolves = self.dissolves(avoiding: cuts)
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
        return ShotReport(file: file, frameCount: count, shots: shots, cuts: cuts, dissolves: dissolves, changes: changes)
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
