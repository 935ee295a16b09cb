internal import CCurl
import Foundation
import RayVersion

/// Owns one libcurl easy handle: sets it up for one exchange and reads the answer off it once libcurl is
/// done (``CurlMulti`` runs the transfer). A handle is reused exchange after exchange, one at a time.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init() {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init: out of memory") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// What every request says it comes from: `raykit/VERSION`.
    static let userAgent = "raykit/\(RayKitVersion.current)"

    /// Sets the handle up for `request` (as ``userAgent``) and opens the files it streams from or into. TLS peers are always verified.
    ///
    /// - Parameter isCancelled: polled during the transfer; true stops it.
    /// - Throws: `TransferError` (never sent) when a local file cannot be opened.
    func begin(_ request: HTTPRequest, isCancelled: @escaping @Sendable () -> Bool) throws(TransferError) -> Exchange {
        curl_easy_reset(handle)
        let exchange = Exchange(request: request, isCancelled: isCancelled)
        for line in request.headers + ["Expect:"] { exchange.headerList = curl_slist_append(exchange.headerList, line) }
        configure(request, context: Unmanaged.passUnretained(exchange).toOpaque())
        rk_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, exchange.headerList)
        do {
            try exchange.open(request)
        } catch {
            throw TransferError(url: Self.redacted(request.url), code: -1, message: error.localizedDescription, neverSent: true, cancelled: false)
        }
        return exchange
    }

    /// The answer of the exchange libcurl finished with `code`.
    ///
    /// - Throws: `TransferError` when no complete HTTP answer arrived (an HTTP error status is not thrown).
    func finish(_ exchange: Exchange, code: CURLcode) throws(TransferError) -> HTTPResponse {
        exchange.close()
        let request = exchange.request
        guard code == CURLE_OK else {
            var failure = TransferError(url: Self.redacted(request.url), code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)),
                                        neverSent: [CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY].contains(code),
                                        cancelled: code == CURLE_ABORTED_BY_CALLBACK)
            failure.redirectLoop = code == CURLE_TOO_MANY_REDIRECTS
            throw failure
        }
        var status = 0
        rk_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var body = exchange.body
        if let path = request.downloadTo, !(200..<300).contains(status) {
            // An error answer went to the file: its start is what the server said (S3's XML, say).
            body = (FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 4096) }) ?? Data()
        }
        return HTTPResponse(status: status, headers: exchange.headers, body: body, bytesReceived: exchange.received)
    }

    private func configure(_ request: HTTPRequest, context: UnsafeMutableRawPointer) {
        rk_curl_setopt_string(handle, CURLOPT_URL, request.url)
        rk_curl_setopt_string(handle, CURLOPT_USERAGENT, Self.userAgent)
        rk_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        rk_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        rk_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        rk_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        rk_curl_setopt_long(handle, CURLOPT_FRESH_CONNECT, request.freshConnection ? 1 : 0)
        rk_curl_setopt_long(handle, CURLOPT_MAXREDIRS, 5)
        rk_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(request.timeouts.connect * 1000))
        if let total = request.timeouts.total { rk_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(total * 1000)) }
        rk_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1000)
        rk_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, request.timeouts.stalledSeconds)
        rk_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        if request.method == "HEAD" { rk_curl_setopt_long(handle, CURLOPT_NOBODY, 1) }

        rk_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        rk_curl_setopt_write_function(handle) { pointer, size, count, context in
            Exchange.from(context).write(pointer, size * count)
        }
        rk_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        rk_curl_setopt_header_function(handle) { pointer, size, count, context in
            Exchange.from(context).header(pointer, size * count)
        }
        rk_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        rk_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
        rk_curl_setopt_xferinfo_function(handle) { context, downloadTotal, downloaded, uploadTotal, uploaded in
            let exchange = Exchange.from(context)
            exchange.report(sent: Int64(uploaded), of: Int64(uploadTotal), received: Int64(downloaded), of: Int64(downloadTotal))
            return exchange.isCancelled() ? 1 : 0
        }

        switch request.body {
        case .none:
            break
        case .data(let data):
            rk_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count))
            data.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies the bytes, so the buffer need not outlive this call.
                _ = rk_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        case .file(_, _, let length):
            rk_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
            rk_curl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(length))
            rk_curl_setopt_pointer(handle, CURLOPT_READDATA, context)
            rk_curl_setopt_read_function(handle) { pointer, size, count, context in
                Exchange.from(context).read(into: pointer, size * count)
            }
        }
    }

    /// `url` without its query, which may hold a signature.
    static func redacted(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}

/// A local file a transfer streams from or into could not be opened: the path and `strerror`'s words.
private struct FileError: LocalizedError {
    let path: String
    let code: Int32

    var errorDescription: String? { "\(path): \(String(cString: strerror(code)))" }
}

/// The state of one transfer that libcurl's callbacks reach through their user pointer.
final class Exchange {
    let request: HTTPRequest
    let isCancelled: @Sendable () -> Bool
    /// The request's header lines as libcurl holds them, freed with the exchange.
    var headerList: UnsafeMutablePointer<curl_slist>?
    var headers: [String: String] = [:]
    var body = Data()
    var received: Int64 = 0
    private var upload: (file: UnsafeMutablePointer<FILE>, remaining: Int64)?
    private var download: UnsafeMutablePointer<FILE>?
    private let progress: (@Sendable (Int64, Int64?) -> Void)?
    private let uploading: Bool
    private var lastReport = 0.0

    init(request: HTTPRequest, isCancelled: @escaping @Sendable () -> Bool) {
        (self.request, self.isCancelled) = (request, isCancelled)
        (progress, uploading) = (request.progress, request.body.isFile)
    }

    deinit {
        close()
        curl_slist_free_all(headerList)
    }

    /// Passes libcurl's counts on to `progress`, at most four times a second, and always the last bytes.
    func report(sent: Int64, of sendTotal: Int64, received: Int64, of receiveTotal: Int64) {
        guard let progress else { return }
        let (done, total) = uploading ? (sent, sendTotal) : (received, receiveTotal)
        let now = Date.timeIntervalSinceReferenceDate
        guard now - lastReport >= 0.25 || total > 0 && done == total else { return }
        lastReport = now
        progress(done, total > 0 ? total : nil)
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> Exchange {
        Unmanaged<Exchange>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Opens the file to stream up from and the one to stream down into.
    func open(_ request: HTTPRequest) throws {
        if case .file(let path, let offset, let length) = request.body {
            guard let file = fopen(path, "rb") else { throw FileError(path: path, code: errno) }
            fseeko(file, off_t(offset), SEEK_SET)
            upload = (file, length)
        }
        if let path = request.downloadTo {
            guard let file = fopen(path, "wb") else { throw FileError(path: path, code: errno) }
            download = file
        }
    }

    func close() {
        if let upload { fclose(upload.file) }
        if let download { fclose(download) }
        (upload, download) = (nil, nil)
    }

    func write(_ pointer: UnsafeMutablePointer<CChar>?, _ bytes: Int) -> Int {
        guard let pointer else { return 0 }
        received += Int64(bytes)
        if let download { return fwrite(pointer, 1, bytes, download) }
        body.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: bytes)
        return bytes
    }

    func read(into pointer: UnsafeMutablePointer<CChar>?, _ capacity: Int) -> Int {
        guard let pointer, let current = upload else { return 0 }
        let wanted = Int(min(Int64(capacity), current.remaining))
        let got = fread(pointer, 1, wanted, current.file)
        upload?.remaining -= Int64(got)
        return got
    }

    /// One header line; a new status line (after a redirect or `100 Continue`) starts a fresh set.
    func header(_ pointer: UnsafeMutablePointer<CChar>?, _ bytes: Int) -> Int {
        guard let pointer else { return 0 }
        HTTPResponse.take(headerLine: String(decoding: UnsafeRawBufferPointer(start: pointer, count: bytes), as: UTF8.self),
                          into: &headers)
        return bytes
    }
}
