/// Integer helpers for the even (4:2:0 chroma) sizes every plan produces.
enum Even {
    /// The largest even number ≤ `n` (n ≥ 0).
    static func down(_ n: Int) -> Int { n - n % 2 }

    /// The smallest even number ≥ `n` (n ≥ 0).
    static func up(_ n: Int) -> Int { n + n % 2 }

    /// The even number nearest to `n · a / b` (ties up), exact for any positive `Int`s; `Int.max` when that does not fit.
    static func nearest(_ n: Int, times a: Int, over b: Int) -> Int {
        precondition(n >= 0 && a > 0 && b > 0)
        // 2 · ⌊(n·a + b) / 2b⌋, in 128-bit arithmetic.
        let (high, low) = UInt(n).multipliedFullWidth(by: UInt(a))
        let (sumLow, carry) = low.addingReportingOverflow(UInt(b))
        let sumHigh = high + (carry ? 1 : 0)
        let divisor = UInt(b) * 2
        guard sumHigh < divisor else { return .max }
        let quotient = divisor.dividingFullWidth((sumHigh, sumLow)).quotient
        return quotient > UInt(Int.max / 2) ? .max : Int(quotient) * 2
    }

    /// The even number nearest to `x` (ties down), for offsets.
    static func nearest(_ x: Double) -> Int {
        guard x.isFinite else { return 0 }
        return Int((x / 2 - 0.5).rounded(.up)) * 2
    }

    /// Whether `a · b < c · d`, exact for any non-negative `Int`s.
    static func product(_ a: Int, _ b: Int, isLessThan c: Int, _ d: Int) -> Bool {
        let left = UInt(a).multipliedFullWidth(by: UInt(b))
        let right = UInt(c).multipliedFullWidth(by: UInt(d))
        return (left.high, left.low) < (right.high, right.low)
    }
}
