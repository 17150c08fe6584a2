extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes: in place when they are contiguous, else from a copy.
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) } ?? Array(utf8).withUnsafeBytes(body)
    }
}

/// Byte tests that read eight bytes at a time (SWAR), for the checks made on every line of a log.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` (all below 0x80) that lies in `low...high`.
    @inline(__always)
    private static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let atLeastLow = word &+ ones &* UInt64(0x80 &- low)
        let aboveHigh = word &+ ones &* UInt64(0x7F &- high)
        return atLeastLow & ~aboveHigh & highBits
    }

    /// `true` when `bytes` are exactly 64 lowercase hexadecimal digits (`0-9`, `a-f`).
    static func isLowercaseHex64(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 64, let base = bytes.baseAddress else { return false }
        for offset in stride(from: 0, to: 64, by: 8) {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard word & highBits == 0, inRange(word, 0x30, 0x39) | inRange(word, 0x61, 0x66) == highBits else { return false }
        }
        return true
    }

    /// A 64-bit hash of a string's UTF-8 bytes, eight bytes a step (a multiply and a shift each,
    /// then a final mix so that every bit of the result depends on every byte), and whether they
    /// are all ASCII. For in-memory tables whose matches are confirmed on the ids themselves
    /// (`IDTable`, `ConventionGroups`); not stored anywhere.
    static func wordHash(_ text: String) -> (hash: UInt64, isASCII: Bool) {
        var text = text
        return text.withUTF8 { utf8 in
            let count = utf8.count
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            var high: UInt64 = 0
            var at = 0
            if let base = utf8.baseAddress {
                let raw = UnsafeRawPointer(base)
                while at + 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                    high |= word
                    hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
                    hash ^= hash >> 29
                    at += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while at < count {
                    tail |= UInt64(raw.load(fromByteOffset: at, as: UInt8.self)) << shift
                    shift += 8
                    at += 1
                }
                high |= tail
                hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            }
            // The finalizer of MurmurHash3 (fmix64).
            hash ^= hash >> 33
            hash &*= 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 33
            hash &*= 0xC4CE_B9FE_1A85_EC53
            hash ^= hash >> 33
            return (hash, high & highBits == 0)
        }
    }

    /// `true` when `bytes` are exactly the UTF-8 of `text`.
    static func equal(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && (bytes.isEmpty || equal(bytes.baseAddress!, text.utf8Start, bytes.count))
    }

    /// `true` when the `count` bytes at `a` and `b` are equal.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else {
                return false
            }
            offset += 8
        }
        while offset < count {
            guard a.load(fromByteOffset: offset, as: UInt8.self) == b.load(fromByteOffset: offset, as: UInt8.self) else { return false }
            offset += 1
        }
        return true
    }
}
