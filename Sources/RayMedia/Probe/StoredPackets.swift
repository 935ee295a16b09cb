internal import CFFmpeg

/// One packet as a file stores it: what a stream copy must keep.
public struct StoredPacket: Sendable, Equatable {
    /// Presentation and decode time in seconds, nil when the file gives none.
    public let presentationTime: Double?
    public let decodeTime: Double?
    /// Seconds the packet lasts.
    public let duration: Double
    public let isKeyframe: Bool
    /// The packet's bytes.
    public let data: [UInt8]
}

/// Lists a stream's packets without decoding them (to check a remux or a stream copy).
public enum StoredPackets {
    /// The kind of stream to list.
    public enum Kind: Sendable { case video, audio }

    /// Every packet of the first stream of `kind` in `path`, in file order, with its bytes (meant for short clips).
    ///
    /// - Throws: `MediaError` naming the file when it cannot be read or has no such stream.
    public static func read(_ path: String, _ kind: Kind) throws(MediaError) -> [StoredPacket] {
        let file = try MediaFile(path: path, fullStreamInfo: false)
        let type = kind == .video ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO
        guard let index = (0..<file.streamCount).first(where: { file.stream($0).pointee.codecpar.pointee.codec_type == type }) else {
            throw MediaError(.invalidRequest, file: path, "has no \(kind) stream")
        }
        file.keepOnly(stream: index)
        let tick = av_q2d(file.stream(index).pointee.time_base)
        let seconds: (Int64) -> Double? = { $0 == rk_AV_NOPTS_VALUE() ? nil : Double($0) * tick }
        let packet = Packet()
        var packets: [StoredPacket] = []
        try reportingMediaErrors(file: path) {
            while try file.read(into: packet) {
                guard packet.streamIndex == index else { continue }
                let bytes = packet.pointer.pointee.data.map { [UInt8](UnsafeBufferPointer(start: $0, count: Int(packet.size))) } ?? []
                packets.append(StoredPacket(presentationTime: seconds(packet.pts), decodeTime: seconds(packet.dts),
                                            duration: Double(packet.duration) * tick, isKeyframe: packet.isKey, data: bytes))
            }
        }
        return packets
    }
}
