// Multi-buffer SHA-256: several independent messages hashed at once, one in each lane of a
// SIMD vector of 32-bit words (FIPS 180-4, same digests as `SHA256`).
//
// A lane takes its own blocks: the message's whole 64-byte blocks straight from the caller's
// buffer, then one or two padding blocks built in a small per-lane buffer. When a lane's last block
// is done its digest is taken and the next message starts in that lane; a lane with nothing left
// to hash compresses a dummy block whose result is dropped. When a single message is left it is
// finished by the scalar `SHA256`, which is faster than one busy lane out of four.

/// Hashes many independent messages side by side in SIMD lanes (multi-buffer SHA-256).
///
/// The digests are those of `SHA256.hash(bytes:)`; only the throughput differs: on x86-64 (SSE2)
/// four messages are hashed in the lanes of `SIMD4<UInt32>`, about twice as fast per message as
/// one at a time when there are many messages of a few hundred bytes or more.
public enum MultiBufferSHA256 {
    /// Writes the SHA-256 digest of `messages[i]` to `digests[i]` for every `i`.
    ///
    /// `digests` must have room for `messages.count` digests (it is initialized, not assigned).
    public static func hash(_ messages: UnsafeBufferPointer<UnsafeRawBufferPointer>, into digests: UnsafeMutablePointer<SHA256Digest>) {
        SHA256Lanes.hash(messages, into: digests)
    }

    /// The SHA-256 digests of `messages`, in order.
    public static func hash(_ messages: [[UInt8]]) -> [SHA256Digest] {
        hash(messages, scalarLast: true)
    }

    /// `hash(_:)`; without `scalarLast`, the last message is finished in the lanes too (tests).
    static func hash(_ messages: [[UInt8]], scalarLast: Bool) -> [SHA256Digest] {
        // Pin every message's storage for the duration of the call.
        let buffers = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: messages.count)
        defer { buffers.deallocate() }
        var storage: [UnsafeMutableRawBufferPointer] = []
        storage.reserveCapacity(messages.count)
        defer { for buffer in storage { buffer.deallocate() } }
        for (index, message) in messages.enumerated() {
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: message.count, alignment: 1)
            message.withUnsafeBytes { copy.copyMemory(from: $0) }
            storage.append(copy)
            buffers[index] = UnsafeRawBufferPointer(copy)
        }
        return [SHA256Digest](unsafeUninitializedCapacity: messages.count) { out, initialized in
            SHA256Lanes.hash(UnsafeBufferPointer(buffers), into: out.baseAddress!, scalarLast: scalarLast)
            initialized = messages.count
        }
    }
}

/// The multi-buffer engine.
///
/// Written for one concrete vector type on purpose: the standard library's SIMD `&+`, `^`, `&` are
/// single vector instructions only on concrete types (generic code, even specialized, gets loops
/// over the lanes that stay scalar: 5 times slower). `SIMD8<UInt32>` (two SSE2 registers) measured
/// the same as `SIMD4` on 800-byte messages, with twice the code.
enum SHA256Lanes {
    /// The lane vector: four lanes, one SSE2 register on x86-64.
    typealias Vector = SIMD4<UInt32>

    /// The eight chaining words of every lane.
    struct State {
        var a = Vector(repeating: 0x6a09e667)
        var b = Vector(repeating: 0xbb67ae85)
        var c = Vector(repeating: 0x3c6ef372)
        var d = Vector(repeating: 0xa54ff53a)
        var e = Vector(repeating: 0x510e527f)
        var f = Vector(repeating: 0x9b05688c)
        var g = Vector(repeating: 0x1f83d9ab)
        var h = Vector(repeating: 0x5be0cd19)

        /// The digest held in `lane`.
        @inline(__always)
        func digest(_ lane: Int) -> SHA256Digest {
            SHA256Digest(
                UInt64(a[lane]) << 32 | UInt64(b[lane]),
                UInt64(c[lane]) << 32 | UInt64(d[lane]),
                UInt64(e[lane]) << 32 | UInt64(f[lane]),
                UInt64(g[lane]) << 32 | UInt64(h[lane])
            )
        }

        /// Restarts `lane` with the initial chaining words.
        @inline(__always)
        mutating func reset(_ lane: Int) {
            a[lane] = 0x6a09e667
            b[lane] = 0xbb67ae85
            c[lane] = 0x3c6ef372
            d[lane] = 0xa54ff53a
            e[lane] = 0x510e527f
            f[lane] = 0x9b05688c
            g[lane] = 0x1f83d9ab
            h[lane] = 0x5be0cd19
        }

        /// The chaining words of `lane`, for the scalar hasher.
        @inline(__always)
        func scalar(_ lane: Int) -> SHA256.State {
            var state = SHA256.State()
            state.h0 = a[lane]
            state.h1 = b[lane]
            state.h2 = c[lane]
            state.h3 = d[lane]
            state.h4 = e[lane]
            state.h5 = f[lane]
            state.h6 = g[lane]
            state.h7 = h[lane]
            return state
        }
    }

    /// Hashes `messages` into `digests` (initialized); with `scalarLast`, a message left alone in
    /// the lanes is finished by the scalar compression.
    static func hash(
        _ messages: UnsafeBufferPointer<UnsafeRawBufferPointer>, into digests: UnsafeMutablePointer<SHA256Digest>, scalarLast: Bool = true
    ) {
        let laneCount = Vector.scalarCount
        let count = messages.count
        guard count > 0 else { return }
        // Per lane: the next block, the blocks left in the current run (the message's whole blocks,
        // then its padding blocks), the padding blocks still to come after the run, the message
        // (-1: idle), and 128 bytes for the padding blocks (a zero block when idle).
        withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: laneCount) { cursors in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * laneCount) { counters in
                withUnsafeTemporaryAllocation(byteCount: 128 * laneCount, alignment: 16) { padding in
                    let cursor = cursors.baseAddress!
                    let left = counters.baseAddress!
                    let paddingLeft = left + laneCount
                    let message = paddingLeft + laneCount
                    let pad = padding.baseAddress!
                    var state = State()
                    var next = 0
                    var active = 0

                    /// Starts message `next` in `lane`, or makes the lane idle when none is left.
                    @inline(__always)
                    func start(_ lane: Int) {
                        let tail = pad + 128 * lane
                        guard next < count else {
                            tail.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
                            cursor[lane] = UnsafeRawPointer(tail)
                            left[lane] = 0
                            paddingLeft[lane] = 0
                            message[lane] = -1
                            return
                        }
                        let bytes = messages[next]
                        let length = bytes.count
                        let whole = length / 64
                        let rest = length - whole * 64
                        let padBlocks = rest < 56 ? 1 : 2
                        // The rest, 0x80, zeros, then the bit length, big-endian, at the end.
                        tail.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
                        if rest > 0 {
                            tail.copyMemory(from: bytes.baseAddress! + whole * 64, byteCount: rest)
                        }
                        tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
                        tail.storeBytes(of: (UInt64(length) &* 8).bigEndian, toByteOffset: 64 * padBlocks - 8, as: UInt64.self)
                        if whole > 0 {
                            cursor[lane] = bytes.baseAddress!
                            left[lane] = whole
                            paddingLeft[lane] = padBlocks
                        } else {
                            cursor[lane] = UnsafeRawPointer(tail)
                            left[lane] = padBlocks
                            paddingLeft[lane] = 0
                        }
                        message[lane] = next
                        next += 1
                        active += 1
                    }

                    for lane in 0..<laneCount { start(lane) }
                    while active > 0 {
                        if scalarLast && active == 1 && next == count {
                            // One message left: finish it one block at a time.
                            for lane in 0..<laneCount where message[lane] >= 0 {
                                var scalar = state.scalar(lane)
                                SHA256.compress(&scalar, cursor[lane], blocks: left[lane])
                                if paddingLeft[lane] > 0 {
                                    SHA256.compress(&scalar, pad + 128 * lane, blocks: paddingLeft[lane])
                                }
                                (digests + message[lane]).initialize(to: SHA256Digest(scalar))
                            }
                            return
                        }
                        compress(&state, cursor)
                        for lane in 0..<laneCount where message[lane] >= 0 {
                            left[lane] -= 1
                            if left[lane] > 0 {
                                cursor[lane] += 64
                            } else if paddingLeft[lane] > 0 {
                                cursor[lane] = UnsafeRawPointer(pad + 128 * lane)
                                left[lane] = paddingLeft[lane]
                                paddingLeft[lane] = 0
                            } else {
                                (digests + message[lane]).initialize(to: state.digest(lane))
                                active -= 1
                                state.reset(lane)
                                start(lane)
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Compression

    // The standard library shifts SIMD vectors lane by lane, and LLVM's SLP vectorizer makes them
    // vector shifts again; but it lowers a rotate (`x >> n | x << (32 - n)`) lane by lane with scalar
    // `rol`s (SSE2 has no vector rotate), and it pairs up two right shifts of the same value xored
    // together with shuffles. So each function below xors its shifts alternately right and left,
    // never pairing two shifts that make a rotate (their bits overlap): checked in the assembly.

    @inline(__always)
    private static func shr(_ x: Vector, _ n: UInt32) -> Vector {
        x &>> Vector(repeating: n)
    }

    @inline(__always)
    private static func shl(_ x: Vector, _ n: UInt32) -> Vector {
        x &<< Vector(repeating: n)
    }

    /// σ0(x) = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3).
    @inline(__always)
    private static func sigma0(_ x: Vector) -> Vector {
        (((shr(x, 3) ^ shl(x, 14)) ^ shr(x, 7)) ^ shl(x, 25)) ^ shr(x, 18)
    }

    /// σ1(x) = rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10).
    @inline(__always)
    private static func sigma1(_ x: Vector) -> Vector {
        (((shr(x, 10) ^ shl(x, 13)) ^ shr(x, 17)) ^ shl(x, 15)) ^ shr(x, 19)
    }

    /// Σ1(e) = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25).
    @inline(__always)
    private static func bigSigma1(_ e: Vector) -> Vector {
        ((((shr(e, 6) ^ shl(e, 7)) ^ shr(e, 11)) ^ shl(e, 21)) ^ shr(e, 25)) ^ shl(e, 26)
    }

    /// Σ0(a) = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22).
    @inline(__always)
    private static func bigSigma0(_ a: Vector) -> Vector {
        ((((shr(a, 2) ^ shl(a, 10)) ^ shr(a, 13)) ^ shl(a, 19)) ^ shr(a, 22)) ^ shl(a, 30)
    }

    /// One round in every lane; as in `SHA256`, the caller rotates the names, and `bc` carries
    /// the previous round's `a ^ b` for the majority.
    @inline(__always)
    private static func round(
        _ a: Vector, _ b: Vector, _ bc: inout Vector, _ d: inout Vector,
        _ e: Vector, _ f: Vector, _ g: Vector, _ h: inout Vector,
        _ k: Vector, _ w: Vector
    ) {
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ k &+ w &+ bigSigma1(e) &+ choose
        let ab = a ^ b
        let majority = b ^ (ab & bc)
        bc = ab
        d = d &+ t1
        h = t1 &+ bigSigma0(a) &+ majority
    }

    /// The 64 round constants, each in every lane.
    /// (Written once, when first used, then only read.)
    nonisolated(unsafe) static let roundConstants: UnsafePointer<Vector> = {
        let constants: [UInt32] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ]
        let table = UnsafeMutablePointer<Vector>.allocate(capacity: 64)
        for (index, constant) in constants.enumerated() { table[index] = Vector(repeating: constant) }
        return UnsafePointer(table)
    }()

    /// Compresses one 64-byte block in every lane: lane `i`'s block starts at `blocks[i]`.
    ///
    /// A loop of 8 rounds (about 900 instructions) rather than the 64 rounds unrolled as in `SHA256`
    /// (5 300 instructions, too many for the CPU's micro-op cache): 20 to 25 % faster on 800-byte
    /// messages.
    @inline(never)
    static func compress(_ state: inout State, _ blocks: UnsafePointer<UnsafeRawPointer>) {
        let k = roundConstants
        withUnsafeTemporaryAllocation(of: Vector.self, capacity: 16) { words in
            let w = words.baseAddress!
            for index in 0..<16 {
                var vector = Vector()
                for lane in 0..<Vector.scalarCount {
                    vector[lane] = UInt32(bigEndian: blocks[lane].loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
                }
                w[index] = vector
            }
            /// Word `t` of the message schedule (from `t` = 16 on, computed in place of word `t - 16`).
            @inline(__always)
            func schedule(_ t: Int) -> Vector {
                guard t >= 16 else { return w[t] }
                let word = w[t & 15] &+ sigma1(w[(t - 2) & 15]) &+ w[(t - 7) & 15] &+ sigma0(w[(t - 15) & 15])
                w[t & 15] = word
                return word
            }
            var a = state.a, b = state.b, c = state.c, d = state.d
            var e = state.e, f = state.f, g = state.g, h = state.h
            var bc = b ^ c
            for base in stride(from: 0, to: 64, by: 8) {
                round(a, b, &bc, &d, e, f, g, &h, k[base + 0], schedule(base + 0))
                round(h, a, &bc, &c, d, e, f, &g, k[base + 1], schedule(base + 1))
                round(g, h, &bc, &b, c, d, e, &f, k[base + 2], schedule(base + 2))
                round(f, g, &bc, &a, b, c, d, &e, k[base + 3], schedule(base + 3))
                round(e, f, &bc, &h, a, b, c, &d, k[base + 4], schedule(base + 4))
                round(d, e, &bc, &g, h, a, b, &c, k[base + 5], schedule(base + 5))
                round(c, d, &bc, &f, g, h, a, &b, k[base + 6], schedule(base + 6))
                round(b, c, &bc, &e, f, g, h, &a, k[base + 7], schedule(base + 7))
            }
            state.a &+= a
            state.b &+= b
            state.c &+= c
            state.d &+= d
            state.e &+= e
            state.f &+= f
            state.g &+= g
            state.h &+= h
        }
    }
}
