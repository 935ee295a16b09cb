import Foundation

extension ScenarioClient {
    /// Downloads an asset to `path`: its signed URL from `GET /assets/{assetId}`, redirects followed, streamed
    /// to a temporary file beside `path`, length checked against `Content-Length`, renamed into place.
    ///
    /// Nothing is left at `path` or beside it when the download fails.
    /// - Returns: the bytes written.
    @discardableResult
    public func download(_ assetId: String, to path: String) async throws(ScenarioError) -> Int64 {
        try await download(assetId, to: path, progress: { _ in })
    }

    /// ``download(_:to:)`` with the bytes received as a stream.
    public func downloading(_ assetId: String, to path: String) -> Transfer<Int64> {
        Transfer { [self] report async throws(ScenarioError) in try await download(assetId, to: path, progress: report) }
    }

    private func download(_ assetId: String, to path: String,
                          progress: @escaping @Sendable (TransferProgress) -> Void) async throws(ScenarioError) -> Int64 {
        let endpoint = "download of \(assetId)"
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw ScenarioError(.download, "\(path): cannot write there: \(String(cString: strerror(errno)))")
        }
        let temporary = Self.temporaryPath(for: path)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var attempt = 1
        while true {
            do throws(ScenarioError) {
                let url = try await signedURL(assetId)
                let began = Date()
                let request = HTTPRequest(method: "GET", url: url, followRedirects: true, downloadTo: temporary,
                                          timeouts: configuration.transferTimeouts) { received, total in
                    progress(TransferProgress(bytes: received, total: total, elapsed: Date().timeIntervalSince(began)))
                }
                let response = try await exchange(request, endpoint: endpoint) { _ in false }
                if let expected = response.contentLength, expected != response.bytesReceived {
                    throw ScenarioError(.download, "\(endpoint): got \(response.bytesReceived) of \(expected) bytes")
                }
                guard rename(temporary, path) == 0 else {
                    throw ScenarioError(.download, "\(path): cannot write: \(String(cString: strerror(errno)))")
                }
                return response.bytesReceived
            } catch {
                // A signed URL may expire between tries (403): each try asks for a fresh one.
                let retry = error.isTransient || error.kind == .download && error.status == nil || error.status == 403
                guard retry, attempt < configuration.retry.maxAttempts, !Task.isCancelled else { throw error }
                let pause = configuration.retry.delay(after: attempt, retryAfter: error.retryAfter)
                log("\(error.message); retry \(attempt) of \(configuration.retry.maxAttempts - 1) in \(String(format: "%.1f", pause)) s")
                try await pauseOrStop(pause, endpoint)
                attempt += 1
            }
        }
    }

    /// The asset's signed download URL.
    public func signedURL(_ assetId: String) async throws(ScenarioError) -> String {
        let path = "/assets/\(assetId)"
        return try decode(AssetURLAnswer.self, from: await call("GET", path), endpoint: "GET \(path)").asset.url
    }

    /// A hidden sibling name for the file being downloaded: `.NAME.partial-PID-RANDOM`, RayMedia's
    /// `AtomicFile` naming. Partials of the same file whose process is gone (killed mid-download) are removed.
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).partial-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, let pid = pid_t(rest[0]), pid > 0, UInt32(rest[1]) != nil, pid != getpid(),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
        return folder.appendingPathComponent("\(prefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
    }
}
