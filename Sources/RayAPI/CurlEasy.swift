import CCurl
import Foundation

/// A failed libcurl transfer: the curl code and libcurl's words for it.
public struct TransferError: Error, LocalizedError, Sendable {
    public let url: String
    public let message: String
    public var errorDescription: String? { "\(url): \(message)" }
}

/// Owns one libcurl easy handle and runs blocking transfers on it.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init() {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Fetches `url` and returns the status code (0 for non-HTTP URLs) and the body.
    func get(_ url: String) throws(TransferError) -> (status: Int, body: Data) {
        final class Sink { var data = Data() }
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        rk_curl_setopt_string(handle, CURLOPT_URL, url)
        rk_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        rk_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        rk_curl_setopt_write_function(handle) { pointer, size, count, context in
            let bytes = size * count
            if let pointer, let context {
                Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue().data.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: bytes)
            }
            return bytes
        }
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw TransferError(url: url, message: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        rk_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return (status, sink.data)
    }
}
