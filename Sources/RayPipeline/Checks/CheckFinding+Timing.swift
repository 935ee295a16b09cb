import RayMedia

extension CheckFinding {
    /// Edit and Reframe keep motion and timing: the result's frame count, duration and rate must match the source's.
    static func timing(source before: VideoInfo, result after: VideoInfo) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        if before.frameCount != after.frameCount {
            findings.append(CheckFinding(verdict: .fail, message: "the result has \(after.frameCount) frames, the source \(before.frameCount): timing drifted"))
        }
        let frame = 1 / (before.averageFrameRate ?? 30)
        if let d0 = before.duration, let d1 = after.duration, abs(d0 - d1) >= frame {
            findings.append(CheckFinding(verdict: .warn, message: String(format: "the result lasts %.3f s, the source %.3f s", d1, d0)))
        }
        if let r0 = before.averageFrameRate, let r1 = after.averageFrameRate, abs(r0 - r1) > 0.01 {
            findings.append(CheckFinding(verdict: .warn, message: String(format: "the result runs at %.3f fps, the source at %.3f fps", r1, r0)))
        }
        return findings
    }
}
