// Seeded pseudo-random numbers: SplitMix64 only, so that a seed gives the same
// stream on every platform and every run (no Foundation randomness, no clock).

/// SplitMix64 (Steele, Lea, Flood 2014): tiny state, full 2^64 period, good mixing.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.finalize(state)
    }

    /// The SplitMix64 output function, also used to derive independent seeds.
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (Lemire's multiply-high; the tiny bias is irrelevant here).
    mutating func int(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// Uniform in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `percent` / 100 (integer arithmetic only).
    mutating func percent(_ percent: Int) -> Bool { int(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// Index drawn with the given integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var roll = int(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// In-place Fisher-Yates shuffle.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(i + 1))
        }
    }

    /// A fresh independent seed drawn from this stream.
    mutating func fork() -> UInt64 { next() }
}

/// Derives a seed from several integers (order matters).
func deriveSeed(_ parts: UInt64...) -> UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3
    for part in parts {
        h = SplitMix64.finalize(h ^ SplitMix64.finalize(part &+ 0x9E37_79B9_7F4A_7C15))
    }
    return h
}
