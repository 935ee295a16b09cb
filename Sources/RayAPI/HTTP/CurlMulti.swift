internal import CCurl
import Foundation

/// Runs libcurl transfers for async callers: one multi handle driven by a thread of its own, so no caller
/// blocks a thread of Swift's pool while bytes move, and connections stay open between exchanges (one
/// connection serves a whole run's polls). Easy handles are kept and reused.
final class CurlMulti: @unchecked Sendable {
    /// The process's one engine: its connections are shared by every client.
    static let shared = CurlMulti()

    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    /// Transfers handed in and not yet added to the multi handle.
    private var waiting: [InFlight] = []
    /// Transfers libcurl is running, by easy handle.
    private var running: [UnsafeMutableRawPointer: InFlight] = [:]
    /// Easy handles free for the next exchange.
    private var idle: [CurlEasy] = []

    private init() {
        _ = CurlEasy()  // curl_global_init, once, before the multi handle.
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init: out of memory") }
        self.multi = multi
        let thread = Thread { [unowned self] in loop() }
        thread.name = "raykit-curl"
        thread.start()
    }

    /// Performs one exchange.
    ///
    /// Cancelling the calling task stops the transfer within about a second (libcurl's progress callback).
    /// - Throws: `TransferError` when no complete HTTP answer arrived (an HTTP error status is not thrown).
    func perform(_ request: HTTPRequest) async throws(TransferError) -> HTTPResponse {
        let stop = StopFlag()
        let result: Result<HTTPResponse, TransferError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let easy = lock.withLock { idle.popLast() } ?? CurlEasy()
                let exchange: Exchange
                do throws(TransferError) {
                    exchange = try easy.begin(request) { stop.isSet }
                } catch {
                    lock.withLock { idle.append(easy) }
                    return continuation.resume(returning: .failure(error))
                }
                lock.withLock { waiting.append(InFlight(easy: easy, exchange: exchange, continuation: continuation)) }
                curl_multi_wakeup(multi)
            }
        } onCancel: {
            stop.set()
        }
        return try result.get()
    }

    /// Adds what is waiting, lets libcurl move bytes, completes what finished, and sleeps until there is work.
    private func loop() {
        while true {
            let added = lock.withLock { () -> [InFlight] in
                defer { waiting.removeAll() }
                for transfer in waiting { running[transfer.easy.handle] = transfer }
                return waiting
            }
            for transfer in added { curl_multi_add_handle(multi, transfer.easy.handle) }
            var active: Int32 = 0
            curl_multi_perform(multi, &active)
            completeFinished()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private func completeFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard rk_curl_msg_done(message) != 0, let handle = message.pointee.easy_handle else { continue }
            let code = rk_curl_msg_result(message)
            curl_multi_remove_handle(multi, handle)
            guard let transfer = lock.withLock({ running.removeValue(forKey: handle) }) else { continue }
            let result = Result { () throws(TransferError) in try transfer.easy.finish(transfer.exchange, code: code) }
            lock.withLock { idle.append(transfer.easy) }
            transfer.continuation.resume(returning: result)
        }
    }
}

/// One exchange in flight: its handle, its callbacks' state and who waits for it.
private struct InFlight {
    let easy: CurlEasy
    let exchange: Exchange
    let continuation: CheckedContinuation<Result<HTTPResponse, TransferError>, Never>
}

/// Set once, from any thread: a cancelled task's transfer.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
