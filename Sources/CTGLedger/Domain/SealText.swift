/// A line's `prev` or `hash` member as written (issue 5). The 64 lowercase hex digits of a sealed
/// line are kept as their 32 bytes, so that reading a log builds no string per link; any other text
/// (a damaged or hand-written member) is kept as written, to be reported. Two values are equal
/// exactly when their texts are.
struct SealText: Hashable, Sendable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        case digest(SHA256Digest)
        case text(String)
    }

    private let storage: Storage

    /// The previous-hash of a log's first line: 64 `0` digits.
    static let zero = SealText(SHA256Digest.zero)

    /// A digest, written as its 64 lowercase hex digits.
    init(_ digest: SHA256Digest) {
        storage = .digest(digest)
    }

    /// The text of a member.
    init(_ text: String) {
        var text = text
        let digest = text.withUTF8 { SHA256Digest(lowercaseHex: UnsafeRawBufferPointer($0)) }
        storage = digest.map(Storage.digest) ?? .text(text)
    }

    /// The UTF-8 bytes of a member's text.
    init(utf8 bytes: UnsafeRawBufferPointer) {
        storage = SHA256Digest(lowercaseHex: bytes).map(Storage.digest) ?? .text(String(decoding: bytes, as: UTF8.self))
    }

    /// `true` for 64 lowercase hex digits, the only form a sealed line's `prev` and `hash` take.
    var isHex64: Bool {
        if case .digest = storage { return true }
        return false
    }

    /// The text as written.
    var description: String {
        switch storage {
        case .digest(let digest): return digest.hex
        case .text(let text): return text
        }
    }
}

extension SHA256Digest {
    /// Parses exactly 64 lowercase hex digits (`ByteWords.isLowercaseHex64`), eight at a time;
    /// anything else gives `nil`.
    init?(lowercaseHex bytes: UnsafeRawBufferPointer) {
        guard ByteWords.isLowercaseHex64(bytes), let base = bytes.baseAddress else { return nil }
        @inline(__always)
        func word(_ at: Int) -> UInt64 {
            UInt64(Self.hexDigits(base.loadUnaligned(fromByteOffset: at, as: UInt64.self))) << 32
                | UInt64(Self.hexDigits(base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)))
        }
        self.init(word(0), word(16), word(32), word(48))
    }

    /// The value of eight lowercase hex digits read from memory in order (the first is the most
    /// significant), without a branch per digit.
    @inline(__always)
    static func hexDigits(_ raw: UInt64) -> UInt32 {
        let word = UInt64(littleEndian: raw)
        // Each byte's value: '0'...'9' have bit 6 clear, 'a'...'f' set (and low bits 1...6).
        let nibbles = (word & 0x0F0F_0F0F_0F0F_0F0F) &+ ((word >> 6) & 0x0101_0101_0101_0101) &* 9
        // The first digit in the top byte, then pairs, quads and the eight joined.
        let ordered = nibbles.byteSwapped
        let pairs = ((ordered >> 4) | ordered) & 0x00FF_00FF_00FF_00FF
        let quads = ((pairs >> 8) | pairs) & 0x0000_FFFF_0000_FFFF
        return UInt32(truncatingIfNeeded: (quads >> 16) | quads)
    }
}
