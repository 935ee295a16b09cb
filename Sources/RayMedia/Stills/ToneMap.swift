import Foundation

/// Turns HLG or PQ pictures (BT.2020) into 8-bit sRGB stills that do not look flat.
///
/// The method, in order, per pixel:
/// 1. signal → linear light: HLG's inverse OETF then its OOTF (system gamma 1.2, 1000 nit
///    display), or PQ's EOTF (ST 2084), scaled so HDR reference white (203 nits, BT.2408) = 1.0;
/// 2. BT.2020 → BT.709 primaries (3×3 matrix on linear light);
/// 3. highlights rolled off on luminance: linear up to 0.75, then a Reinhard shoulder that
///    reaches 1.0 only at infinity (colour ratios kept);
/// 4. sRGB encoding to 8 bits.
struct ToneMap: Sendable {
    let kind: HDRKind
    /// Linear light for each 16-bit signal value (before the OOTF for HLG).
    private let toLinear: [Float]
    /// sRGB-encoded 8-bit value for linear light in 0…1, in 4096 steps.
    private let toSRGB: [UInt8]

    private static let referenceWhiteNits: Float = 203
    private static let hlgPeakNits: Float = 1000
    private static let knee: Float = 0.75

    init(_ kind: HDRKind) {
        precondition(kind != .sdr, "tone mapping is for HLG and PQ")
        self.kind = kind
        toLinear = (0...65535).map { code in
            let e = Float(code) / 65535
            return kind == .hlg ? ToneMap.hlgInverseOETF(e) : ToneMap.pqEOTF(e) / ToneMap.referenceWhiteNits
        }
        toSRGB = (0..<4096).map { i in
            let l = Float(i) / 4095
            let v = l <= 0.0031308 ? 12.92 * l : 1.055 * powf(l, 1 / 2.4) - 0.055
            return UInt8(max(0, min(255, (v * 255).rounded())))
        }
    }

    /// Maps a whole RGB48 frame into an RGB24 frame of the same size.
    func apply(_ rgb48: Frame, into rgb: Frame) {
        for y in 0..<Int(rgb48.height) {
            apply(row: rgb48.row(y).assumingMemoryBound(to: UInt16.self), pixels: Int(rgb48.width), into: rgb.row(y))
        }
    }

    /// Maps one row of 16-bit BT.2020 R'G'B' (3 values a pixel) to 8-bit sRGB.
    func apply(row rgb48: UnsafePointer<UInt16>, pixels: Int, into out: UnsafeMutableRawPointer) {
        let out = out.assumingMemoryBound(to: UInt8.self)
        let hlgScale = ToneMap.hlgPeakNits / ToneMap.referenceWhiteNits
        for p in 0..<pixels {
            var r = toLinear[Int(rgb48[3 * p])], g = toLinear[Int(rgb48[3 * p + 1])], b = toLinear[Int(rgb48[3 * p + 2])]
            if kind == .hlg {
                // OOTF: display light = scene light × Ys^(γ−1), γ = 1.2, on a 1000 nit display.
                let ys = 0.2627 * r + 0.6780 * g + 0.0593 * b
                let gain = ys > 0 ? powf(ys, 0.2) * hlgScale : 0
                r *= gain; g *= gain; b *= gain
            }
            // BT.2020 → BT.709 primaries (ITU-R BT.2087).
            var r7 = 1.6605 * r - 0.5876 * g - 0.0728 * b
            var g7 = -0.1246 * r + 1.1329 * g - 0.0083 * b
            var b7 = -0.0182 * r - 0.1006 * g + 1.1187 * b
            let y = 0.2126 * r7 + 0.7152 * g7 + 0.0722 * b7
            if y > ToneMap.knee {
                let d = y - ToneMap.knee
                let mapped = ToneMap.knee + d * (1 - ToneMap.knee) / (d + 1 - ToneMap.knee)
                let s = mapped / y
                r7 *= s; g7 *= s; b7 *= s
            }
            out[3 * p] = encode(r7); out[3 * p + 1] = encode(g7); out[3 * p + 2] = encode(b7)
        }
    }

    private func encode(_ linear: Float) -> UInt8 {
        toSRGB[Int(max(0, min(1, linear)) * 4095)]
    }

    /// HLG signal (0…1) → normalised scene light (0…1), ITU-R BT.2100.
    static func hlgInverseOETF(_ e: Float) -> Float {
        let a: Float = 0.17883277, b: Float = 0.28466892, c: Float = 0.55991073
        return e <= 0.5 ? e * e / 3 : (expf((e - c) / a) + b) / 12
    }

    /// PQ signal (0…1) → light in nits (cd/m²), SMPTE ST 2084.
    static func pqEOTF(_ e: Float) -> Float {
        let m1: Float = 0.1593017578125, m2: Float = 78.84375
        let c1: Float = 0.8359375, c2: Float = 18.8515625, c3: Float = 18.6875
        let p = powf(e, 1 / m2)
        return 10000 * powf(max(p - c1, 0) / (c2 - c3 * p), 1 / m1)
    }
}
