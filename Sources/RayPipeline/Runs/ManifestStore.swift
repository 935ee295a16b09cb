import Foundation
import RayMedia

/// Holds a run's manifest for all its threads and writes it to disk after every change
/// (a temporary file renamed over the old one, so a crash leaves the previous or the new state, never half).
final class ManifestStore: @unchecked Sendable {
    let path: String
    private var manifest: Manifest
    private let lock = NSLock()

    init(_ manifest: Manifest, path: String) {
        self.manifest = manifest
        self.path = path
    }

    /// Reads a manifest written by an earlier run.
    static func load(_ path: String) throws(PipelineError) -> Manifest {
        do {
            return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw PipelineError("\(path): not a RayKit manifest: \(PipelineError.describe(error))")
        }
    }

    /// A copy of the current state.
    var snapshot: Manifest { lock.withLock { manifest } }

    /// Changes the manifest and writes it before returning.
    @discardableResult
    func update<T>(_ change: (inout Manifest) -> T) throws(PipelineError) -> T {
        lock.lock()
        defer { lock.unlock() }
        let result = change(&manifest)
        try write()
        return result
    }

    /// Changes one step of one item.
    func updateStep(item: Int, step: Int, _ change: (inout StepRecord) -> Void) throws(PipelineError) {
        try update { change(&$0.items[item].steps[step]) }
    }

    /// Writes the manifest now.
    func save() throws(PipelineError) {
        lock.lock()
        defer { lock.unlock() }
        try write()
    }

    private func write() throws(PipelineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(manifest)
            try AtomicFile.write(data, to: path, overwrite: true)
        } catch {
            throw PipelineError("\(path): cannot write the manifest: \(error.localizedDescription)")
        }
    }
}
