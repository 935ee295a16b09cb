import Foundation
import RayMedia
import RayVersion

/// Holds a run's manifest for all its threads and writes it to disk after every change
/// (a temporary file renamed over the old one, so a crash leaves the previous or the new state, never half).
///
/// A new run's manifest stays in memory until ``save()``, which the run calls before its first upload or
/// submit: a request that fails validation or local preparation leaves no state behind to trip the next command.
final class ManifestStore: @unchecked Sendable {
    let path: String
    private var manifest: Manifest
    private var written: Bool
    private let lock = NSLock()

    /// - Parameter written: whether the file already holds this manifest (a resumed run).
    init(_ manifest: Manifest, path: String, written: Bool) {
        self.manifest = manifest
        self.path = path
        self.written = written
    }

    /// Whether the manifest is on disk.
    var isWritten: Bool { lock.withLock { written } }

    /// Reads a manifest written by an earlier run.
    static func load(_ path: String) throws(PipelineError) -> Manifest {
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw PipelineError("\(path): not a RayKit manifest: \(PipelineError.describe(error))")
        }
    }

    /// A copy of the current state.
    var snapshot: Manifest { lock.withLock { manifest } }

    /// Changes the manifest and, once it is on disk, writes it before returning.
    @discardableResult
    func update<T>(_ change: (inout Manifest) -> T) throws(PipelineError) -> T {
        lock.lock()
        defer { lock.unlock() }
        let result = change(&manifest)
        if written { try write() }
        return result
    }

    /// Changes one step of one item.
    func updateStep(item: Int, step: Int, _ change: (inout StepRecord) -> Void) throws(PipelineError) {
        try update { change(&$0.items[item].steps[step]) }
    }

    /// Writes the manifest now, and after every change from now on.
    func save() throws(PipelineError) {
        lock.lock()
        defer { lock.unlock() }
        try write()
        written = true
    }

    private func write() throws(PipelineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        manifest.raykitVersion = RayKitVersion.current
        do {
            let data = try encoder.encode(manifest)
            try AtomicFile.write(data, to: path, overwrite: true)
        } catch {
            throw PipelineError("\(path): cannot write the manifest: \(error.localizedDescription)")
        }
    }
}
