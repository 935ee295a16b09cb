internal import CFFmpeg

/// Owns one `AVPacket`, reused across reads.
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() {
        guard let packet = av_packet_alloc() else { fatalError("av_packet_alloc: out of memory") }
        pointer = packet
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }

    var streamIndex: Int32 { pointer.pointee.stream_index }
    var pts: Int64 { pointer.pointee.pts }
    var dts: Int64 { pointer.pointee.dts }
    var duration: Int64 { pointer.pointee.duration }
    var position: Int64 { pointer.pointee.pos }
    var size: Int32 { pointer.pointee.size }
    var isKey: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
    /// Set by demuxers on packets an edit list hides: decoded for reference, never shown.
    var isDiscarded: Bool { pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 }

    func unref() { av_packet_unref(pointer) }

    /// A new reference to the same data and timestamps, safe to keep while this packet is reused.
    func reference() -> Packet {
        let copy = Packet()
        guard av_packet_ref(copy.pointer, pointer) >= 0 else { fatalError("av_packet_ref: out of memory") }
        return copy
    }
}
