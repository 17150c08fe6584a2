/// Where a line is in a log: its first byte and its length (without the `\n`).
struct LinePlace: Equatable {
    /// The byte offset of the line's first byte.
    var offset: Int
    /// The line's length in bytes, without its `\n`.
    var length: Int
}

/// The places of lines in increasing order, kept as variable-length numbers (LEB128): the
/// difference from the previous offset, then the length; about 5 bytes a line instead of 16, for
/// the passes that remember where every line of a convention is (issue 5). The length lets a line
/// be read back with a single `pread` of exactly its bytes.
struct OffsetList: Sequence {
    private var bytes: [UInt8] = []
    private var last = 0
    /// The number of places held.
    private(set) var count = 0

    /// An empty list.
    init() {}

    /// `true` when no place is held.
    var isEmpty: Bool { count == 0 }

    /// Appends a line's place, at or after the last one appended.
    mutating func append(_ offset: Int, length: Int) {
        precondition(offset >= last && length >= 0, "lines are appended in file order")
        Self.appendNumber(UInt64(offset - last), to: &bytes)
        Self.appendNumber(UInt64(length), to: &bytes)
        last = offset
        count += 1
    }

    /// Appends a line's place.
    mutating func append(_ place: LinePlace) { append(place.offset, length: place.length) }

    private static func appendNumber(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The places in the order appended.
    func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    /// Decodes the numbers one after the other.
    struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0
        var offset = 0

        /// The next place, or `nil` after the last.
        mutating func next() -> LinePlace? {
            guard position < bytes.count else { return nil }
            offset += Int(number())
            return LinePlace(offset: offset, length: Int(number()))
        }

        private mutating func number() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
    }
}
