// Pure-Swift SHA-256 (FIPS 180-4), modelled on swift-crypto's `SHA256` API.
//
// Whole 64-byte blocks are compressed straight from the caller's buffer; only a
// partial tail (< 64 bytes) is kept, inline, in the hasher. The compression
// function is fully unrolled with a rolling 16-word message schedule held in
// locals, so hashing allocates nothing.

/// An incremental SHA-256 hasher (FIPS 180-4).
///
/// Feed data with `update`, then call `finalize()`; or use `SHA256.hash` for
/// one-shot hashing. The hasher is a value type: copying it forks the state.
public struct SHA256: Sendable {
    /// The eight 32-bit chaining words.
    @usableFromInline
    struct State: Sendable {
        var h0: UInt32 = 0x6a09e667
        var h1: UInt32 = 0xbb67ae85
        var h2: UInt32 = 0x3c6ef372
        var h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f
        var h5: UInt32 = 0x9b05688c
        var h6: UInt32 = 0x1f83d9ab
        var h7: UInt32 = 0x5be0cd19
    }

    /// 64 bytes of inline storage for a partial block.
    typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private var state = State()
    private var tail: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Number of valid bytes in `tail`, always 0..<64.
    private var tailCount = 0
    /// Total message length in bytes.
    private var length: UInt64 = 0

    /// Creates a hasher with the SHA-256 initial state.
    public init() {}

    /// Adds the bytes of a raw buffer to the message.
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        length &+= UInt64(remaining)

        if tailCount > 0 {
            let take = min(64 - tailCount, remaining)
            let offset = tailCount
            withUnsafeMutableBytes(of: &tail) { buffer in
                (buffer.baseAddress! + offset).copyMemory(from: input, byteCount: take)
            }
            tailCount += take
            input += take
            remaining -= take
            guard tailCount == 64 else { return }
            var block = tail
            withUnsafeBytes(of: &block) { buffer in
                SHA256.compress(&state, buffer.baseAddress!, blocks: 1)
            }
            tailCount = 0
        }

        let wholeBlocks = remaining / 64
        if wholeBlocks > 0 {
            SHA256.compress(&state, input, blocks: wholeBlocks)
            input += wholeBlocks * 64
            remaining -= wholeBlocks * 64
        }

        if remaining > 0 {
            withUnsafeMutableBytes(of: &tail) { buffer in
                buffer.baseAddress!.copyMemory(from: input, byteCount: remaining)
            }
            tailCount = remaining
        }
    }

    /// Adds a sequence of bytes to the message (`[UInt8]`, `Data`, `String.UTF8View`, ...).
    ///
    /// Contiguous collections are hashed in place; other sequences are copied
    /// through a small stack buffer.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(bytes: UnsafeRawBufferPointer(buffer))
        }
        guard done == nil else { return }
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { chunk in
            var count = 0
            for byte in bytes {
                chunk[count] = byte
                count += 1
                if count == chunk.count {
                    update(bytes: UnsafeRawBufferPointer(chunk))
                    count = 0
                }
            }
            if count > 0 {
                update(bytes: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            }
        }
    }

    /// Returns the digest of everything added so far; the hasher itself is
    /// unchanged and can keep receiving data.
    public func finalize() -> SHA256Digest {
        var copy = self
        let bitLength = length &* 8
        // 0x80, zeros up to 56 mod 64, then the 64-bit big-endian bit length.
        let padCount = (tailCount < 56 ? 56 : 120) - tailCount
        var padding: (Block, Block) = ((0x80, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
        withUnsafeMutableBytes(of: &padding) { buffer in
            buffer.storeBytes(of: bitLength.bigEndian, toByteOffset: padCount, as: UInt64.self)
            copy.update(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<(padCount + 8)]))
        }
        return SHA256Digest(copy.state)
    }

    /// The SHA-256 digest of a sequence of bytes.
    public static func hash(_ bytes: some Sequence<UInt8>) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The SHA-256 digest of the bytes of a raw buffer.
    public static func hash(bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes: bytes)
        return hasher.finalize()
    }

    // MARK: - Compression

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    @inline(__always)
    private static func sigma0(_ x: UInt32) -> UInt32 {
        rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
    }

    @inline(__always)
    private static func sigma1(_ x: UInt32) -> UInt32 {
        rotr(x, 17) ^ rotr(x, 19) ^ (x &>> 10)
    }

    /// One round; the caller rotates the variable names instead of moving values.
    ///
    /// Maj(a, b, c) is computed as `b ^ ((a ^ b) & (b ^ c))`, where `b ^ c` is
    /// the previous round's `a ^ b`, carried in `bc`.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ bc: inout UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
        _ k: UInt32, _ w: UInt32
    ) {
        let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ k &+ w &+ bigSigma1 &+ choose
        let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let ab = a ^ b
        let majority = b ^ (ab & bc)
        bc = ab
        d = d &+ t1
        h = t1 &+ bigSigma0 &+ majority
    }

    /// Compresses `blocks` consecutive 64-byte blocks starting at `input`
    /// (no alignment required).
    static func compress(_ state: inout State, _ input: UnsafeRawPointer, blocks: Int) {
        var a = state.h0, b = state.h1, c = state.h2, d = state.h3
        var e = state.h4, f = state.h5, g = state.h6, h = state.h7
        var block = input
        for _ in 0..<blocks {
            let (a0, b0, c0, d0, e0, f0, g0, h0) = (a, b, c, d, e, f, g, h)
            var bc = b ^ c
            var w0 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            round(a, b, &bc, &d, e, f, g, &h, 0x428a2f98, w0)
            var w1 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            round(h, a, &bc, &c, d, e, f, &g, 0x71374491, w1)
            var w2 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            round(g, h, &bc, &b, c, d, e, &f, 0xb5c0fbcf, w2)
            var w3 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            round(f, g, &bc, &a, b, c, d, &e, 0xe9b5dba5, w3)
            var w4 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            round(e, f, &bc, &h, a, b, c, &d, 0x3956c25b, w4)
            var w5 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
            round(d, e, &bc, &g, h, a, b, &c, 0x59f111f1, w5)
            var w6 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            round(c, d, &bc, &f, g, h, a, &b, 0x923f82a4, w6)
            var w7 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
            round(b, c, &bc, &e, f, g, h, &a, 0xab1c5ed5, w7)
            var w8 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
            round(a, b, &bc, &d, e, f, g, &h, 0xd807aa98, w8)
            var w9 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
            round(h, a, &bc, &c, d, e, f, &g, 0x12835b01, w9)
            var w10 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
            round(g, h, &bc, &b, c, d, e, &f, 0x243185be, w10)
            var w11 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
            round(f, g, &bc, &a, b, c, d, &e, 0x550c7dc3, w11)
            var w12 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
            round(e, f, &bc, &h, a, b, c, &d, 0x72be5d74, w12)
            var w13 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
            round(d, e, &bc, &g, h, a, b, &c, 0x80deb1fe, w13)
            var w14 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
            round(c, d, &bc, &f, g, h, a, &b, 0x9bdc06a7, w14)
            var w15 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
            round(b, c, &bc, &e, f, g, h, &a, 0xc19bf174, w15)
            w0 = w0 &+ sigma1(w14) &+ w9 &+ sigma0(w1)
            round(a, b, &bc, &d, e, f, g, &h, 0xe49b69c1, w0)
            w1 = w1 &+ sigma1(w15) &+ w10 &+ sigma0(w2)
            round(h, a, &bc, &c, d, e, f, &g, 0xefbe4786, w1)
            w2 = w2 &+ sigma1(w0) &+ w11 &+ sigma0(w3)
            round(g, h, &bc, &b, c, d, e, &f, 0x0fc19dc6, w2)
            w3 = w3 &+ sigma1(w1) &+ w12 &+ sigma0(w4)
            round(f, g, &bc, &a, b, c, d, &e, 0x240ca1cc, w3)
            w4 = w4 &+ sigma1(w2) &+ w13 &+ sigma0(w5)
            round(e, f, &bc, &h, a, b, c, &d, 0x2de92c6f, w4)
            w5 = w5 &+ sigma1(w3) &+ w14 &+ sigma0(w6)
            round(d, e, &bc, &g, h, a, b, &c, 0x4a7484aa, w5)
            w6 = w6 &+ sigma1(w4) &+ w15 &+ sigma0(w7)
            round(c, d, &bc, &f, g, h, a, &b, 0x5cb0a9dc, w6)
            w7 = w7 &+ sigma1(w5) &+ w0 &+ sigma0(w8)
            round(b, c, &bc, &e, f, g, h, &a, 0x76f988da, w7)
            w8 = w8 &+ sigma1(w6) &+ w1 &+ sigma0(w9)
            round(a, b, &bc, &d, e, f, g, &h, 0x983e5152, w8)
            w9 = w9 &+ sigma1(w7) &+ w2 &+ sigma0(w10)
            round(h, a, &bc, &c, d, e, f, &g, 0xa831c66d, w9)
            w10 = w10 &+ sigma1(w8) &+ w3 &+ sigma0(w11)
            round(g, h, &bc, &b, c, d, e, &f, 0xb00327c8, w10)
            w11 = w11 &+ sigma1(w9) &+ w4 &+ sigma0(w12)
            round(f, g, &bc, &a, b, c, d, &e, 0xbf597fc7, w11)
            w12 = w12 &+ sigma1(w10) &+ w5 &+ sigma0(w13)
            round(e, f, &bc, &h, a, b, c, &d, 0xc6e00bf3, w12)
            w13 = w13 &+ sigma1(w11) &+ w6 &+ sigma0(w14)
            round(d, e, &bc, &g, h, a, b, &c, 0xd5a79147, w13)
            w14 = w14 &+ sigma1(w12) &+ w7 &+ sigma0(w15)
            round(c, d, &bc, &f, g, h, a, &b, 0x06ca6351, w14)
            w15 = w15 &+ sigma1(w13) &+ w8 &+ sigma0(w0)
            round(b, c, &bc, &e, f, g, h, &a, 0x14292967, w15)
            w0 = w0 &+ sigma1(w14) &+ w9 &+ sigma0(w1)
            round(a, b, &bc, &d, e, f, g, &h, 0x27b70a85, w0)
            w1 = w1 &+ sigma1(w15) &+ w10 &+ sigma0(w2)
            round(h, a, &bc, &c, d, e, f, &g, 0x2e1b2138, w1)
            w2 = w2 &+ sigma1(w0) &+ w11 &+ sigma0(w3)
            round(g, h, &bc, &b, c, d, e, &f, 0x4d2c6dfc, w2)
            w3 = w3 &+ sigma1(w1) &+ w12 &+ sigma0(w4)
            round(f, g, &bc, &a, b, c, d, &e, 0x53380d13, w3)
            w4 = w4 &+ sigma1(w2) &+ w13 &+ sigma0(w5)
            round(e, f, &bc, &h, a, b, c, &d, 0x650a7354, w4)
            w5 = w5 &+ sigma1(w3) &+ w14 &+ sigma0(w6)
            round(d, e, &bc, &g, h, a, b, &c, 0x766a0abb, w5)
            w6 = w6 &+ sigma1(w4) &+ w15 &+ sigma0(w7)
            round(c, d, &bc, &f, g, h, a, &b, 0x81c2c92e, w6)
            w7 = w7 &+ sigma1(w5) &+ w0 &+ sigma0(w8)
            round(b, c, &bc, &e, f, g, h, &a, 0x92722c85, w7)
            w8 = w8 &+ sigma1(w6) &+ w1 &+ sigma0(w9)
            round(a, b, &bc, &d, e, f, g, &h, 0xa2bfe8a1, w8)
            w9 = w9 &+ sigma1(w7) &+ w2 &+ sigma0(w10)
            round(h, a, &bc, &c, d, e, f, &g, 0xa81a664b, w9)
            w10 = w10 &+ sigma1(w8) &+ w3 &+ sigma0(w11)
            round(g, h, &bc, &b, c, d, e, &f, 0xc24b8b70, w10)
            w11 = w11 &+ sigma1(w9) &+ w4 &+ sigma0(w12)
            round(f, g, &bc, &a, b, c, d, &e, 0xc76c51a3, w11)
            w12 = w12 &+ sigma1(w10) &+ w5 &+ sigma0(w13)
            round(e, f, &bc, &h, a, b, c, &d, 0xd192e819, w12)
            w13 = w13 &+ sigma1(w11) &+ w6 &+ sigma0(w14)
            round(d, e, &bc, &g, h, a, b, &c, 0xd6990624, w13)
            w14 = w14 &+ sigma1(w12) &+ w7 &+ sigma0(w15)
            round(c, d, &bc, &f, g, h, a, &b, 0xf40e3585, w14)
            w15 = w15 &+ sigma1(w13) &+ w8 &+ sigma0(w0)
            round(b, c, &bc, &e, f, g, h, &a, 0x106aa070, w15)
            w0 = w0 &+ sigma1(w14) &+ w9 &+ sigma0(w1)
            round(a, b, &bc, &d, e, f, g, &h, 0x19a4c116, w0)
            w1 = w1 &+ sigma1(w15) &+ w10 &+ sigma0(w2)
            round(h, a, &bc, &c, d, e, f, &g, 0x1e376c08, w1)
            w2 = w2 &+ sigma1(w0) &+ w11 &+ sigma0(w3)
            round(g, h, &bc, &b, c, d, e, &f, 0x2748774c, w2)
            w3 = w3 &+ sigma1(w1) &+ w12 &+ sigma0(w4)
            round(f, g, &bc, &a, b, c, d, &e, 0x34b0bcb5, w3)
            w4 = w4 &+ sigma1(w2) &+ w13 &+ sigma0(w5)
            round(e, f, &bc, &h, a, b, c, &d, 0x391c0cb3, w4)
            w5 = w5 &+ sigma1(w3) &+ w14 &+ sigma0(w6)
            round(d, e, &bc, &g, h, a, b, &c, 0x4ed8aa4a, w5)
            w6 = w6 &+ sigma1(w4) &+ w15 &+ sigma0(w7)
            round(c, d, &bc, &f, g, h, a, &b, 0x5b9cca4f, w6)
            w7 = w7 &+ sigma1(w5) &+ w0 &+ sigma0(w8)
            round(b, c, &bc, &e, f, g, h, &a, 0x682e6ff3, w7)
            w8 = w8 &+ sigma1(w6) &+ w1 &+ sigma0(w9)
            round(a, b, &bc, &d, e, f, g, &h, 0x748f82ee, w8)
            w9 = w9 &+ sigma1(w7) &+ w2 &+ sigma0(w10)
            round(h, a, &bc, &c, d, e, f, &g, 0x78a5636f, w9)
            w10 = w10 &+ sigma1(w8) &+ w3 &+ sigma0(w11)
            round(g, h, &bc, &b, c, d, e, &f, 0x84c87814, w10)
            w11 = w11 &+ sigma1(w9) &+ w4 &+ sigma0(w12)
            round(f, g, &bc, &a, b, c, d, &e, 0x8cc70208, w11)
            w12 = w12 &+ sigma1(w10) &+ w5 &+ sigma0(w13)
            round(e, f, &bc, &h, a, b, c, &d, 0x90befffa, w12)
            w13 = w13 &+ sigma1(w11) &+ w6 &+ sigma0(w14)
            round(d, e, &bc, &g, h, a, b, &c, 0xa4506ceb, w13)
            w14 = w14 &+ sigma1(w12) &+ w7 &+ sigma0(w15)
            round(c, d, &bc, &f, g, h, a, &b, 0xbef9a3f7, w14)
            w15 = w15 &+ sigma1(w13) &+ w8 &+ sigma0(w0)
            round(b, c, &bc, &e, f, g, h, &a, 0xc67178f2, w15)
            a = a &+ a0
            b = b &+ b0
            c = c &+ c0
            d = d &+ d0
            e = e &+ e0
            f = f &+ f0
            g = g &+ g0
            h = h &+ h0
            block += 64
        }
        state.h0 = a
        state.h1 = b
        state.h2 = c
        state.h3 = d
        state.h4 = e
        state.h5 = f
        state.h6 = g
        state.h7 = h
    }
}

/// A 32-byte SHA-256 digest, stored inline as four big-endian 64-bit words.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    private let w0: UInt64
    private let w1: UInt64
    private let w2: UInt64
    private let w3: UInt64

    init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// The digest of the chaining words of a finished hash.
    init(_ s: SHA256.State) {
        self.init(
            UInt64(s.h0) << 32 | UInt64(s.h1),
            UInt64(s.h2) << 32 | UInt64(s.h3),
            UInt64(s.h4) << 32 | UInt64(s.h5),
            UInt64(s.h6) << 32 | UInt64(s.h7)
        )
    }

    /// The digest whose 32 bytes are all zero (hex: 64 `0` characters).
    public static let zero = SHA256Digest(0, 0, 0, 0)

    /// Parses exactly 64 hexadecimal characters (upper or lower case);
    /// anything else gives `nil`.
    public init?(hex: some StringProtocol) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        for unit in hex.utf8 {
            guard count < 64 else { return nil }
            let nibble: UInt8
            switch unit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = unit &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = unit &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = unit &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            switch count >> 4 {
            case 0: words.0 = words.0 << 4 | UInt64(nibble)
            case 1: words.1 = words.1 << 4 | UInt64(nibble)
            case 2: words.2 = words.2 << 4 | UInt64(nibble)
            default: words.3 = words.3 << 4 | UInt64(nibble)
            }
            count += 1
        }
        guard count == 64 else { return nil }
        self.init(words.0, words.1, words.2, words.3)
    }

    /// The 32 digest bytes, most significant first.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, initialized in
            for (index, word) in [w0, w1, w2, w3].enumerated() {
                UnsafeMutableRawBufferPointer(out).storeBytes(
                    of: word.bigEndian, toByteOffset: index * 8, as: UInt64.self)
            }
            initialized = 32
        }
    }

    /// The digest as 64 lowercase hexadecimal characters.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            @inline(__always)
            func emit(_ word: UInt64, at start: Int) {
                for index in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: word &>> UInt64(60 - 4 * index)) & 0xf
                    out[start + index] = nibble < 10 ? nibble &+ 48 : nibble &+ 87
                }
            }
            emit(w0, at: 0)
            emit(w1, at: 16)
            emit(w2, at: 32)
            emit(w3, at: 48)
            return 64
        }
    }

    /// Same as `hex`.
    public var description: String { hex }
}
