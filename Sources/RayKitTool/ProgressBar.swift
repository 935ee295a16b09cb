import Foundation
import RayMedia

/// A one-line progress bar on stderr: frames done, speed and time left.
final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: CropProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let fps = progress.elapsed > 0 ? Double(progress.framesDone) / progress.elapsed : 0
        var line = "\r\(progress.framesDone)"
        if let total = progress.framesTotal, total > 0 {
            let done = min(1, Double(progress.framesDone) / Double(total))
            let filled = Int(done * 30)
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] \(progress.framesDone)/\(total)"
            if fps > 0 { line += String(format: "  ETA %.0fs", Double(max(0, total - progress.framesDone)) / fps) }
        }
        line += String(format: " frames  %.1f fps ", fps)
        Output.standardError(line)
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        Output.standardError("\r\u{1B}[K")
    }
}
