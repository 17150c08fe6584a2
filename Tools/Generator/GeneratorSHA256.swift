// Temporary SHA-256 (FIPS 180-4) used to seal generated lines until the
// library's `SHA256` lands on main. Same API shape as the library's, so the
// swap is a one-line change in `sealHash`.

/// Lowercase hex SHA-256 of a sealed line's bytes (everything before `,"hash":`).
/// The only entry point the generator uses for hashing.
func sealHash(_ bytes: UnsafeRawBufferPointer) -> String {
    GeneratorSHA256.hash(bytes).hex
}

struct GeneratorSHA256 {
    struct Digest {
        let words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

        var hex: String {
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            let w = [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
            return String(unsafeUninitializedCapacity: 64) { out in
                var i = 0
                for word in w {
                    for shift in stride(from: 28, through: 0, by: -4) {
                        out[i] = digits[Int((word >> UInt32(shift)) & 0xF)]
                        i += 1
                    }
                }
                return 64
            }
        }
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init() { pending.reserveCapacity(64) }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var hasher = GeneratorSHA256()
        hasher.update(bytes: bytes)
        return hasher.finalize()
    }

    static func hash(_ bytes: [UInt8]) -> Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    mutating func update(bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compress($0, 0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while bytes.count - offset >= 64 {
            compress(bytes, offset)
            offset += 64
        }
        if offset < bytes.count {
            pending.append(contentsOf: bytes[offset...])
        }
    }

    mutating func finalize() -> Digest {
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bits = length &* 8
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
        tail.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                compress(raw, offset)
                offset += 64
            }
        }
        pending.removeAll()
        return Digest(words: h)
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    private mutating func compress(_ block: UnsafeRawBufferPointer, _ offset: Int) {
        let state = h
        let result = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { s in
            for i in 0..<16 {
                s[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))
            }
            for i in 16..<64 {
                let x = s[i - 15], y = s[i - 2]
                let s0 = GeneratorSHA256.rotr(x, 7) ^ GeneratorSHA256.rotr(x, 18) ^ (x >> 3)
                let s1 = GeneratorSHA256.rotr(y, 17) ^ GeneratorSHA256.rotr(y, 19) ^ (y >> 10)
                s[i] = s[i - 16] &+ s0 &+ s[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = state
            GeneratorSHA256.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let S1 = GeneratorSHA256.rotr(e, 6) ^ GeneratorSHA256.rotr(e, 11) ^ GeneratorSHA256.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ S1 &+ ch &+ k[i] &+ s[i]
                    let S0 = GeneratorSHA256.rotr(a, 2) ^ GeneratorSHA256.rotr(a, 13) ^ GeneratorSHA256.rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = S0 &+ maj
                    hh = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            return (a, b, c, d, e, f, g, hh)
        }
        h = (state.0 &+ result.0, state.1 &+ result.1, state.2 &+ result.2, state.3 &+ result.3,
             state.4 &+ result.4, state.5 &+ result.5, state.6 &+ result.6, state.7 &+ result.7)
    }
}
