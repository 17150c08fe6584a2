/// Increasing byte offsets of lines, kept as variable-length differences (LEB128): about 3 bytes a
/// line instead of 8, for the passes that remember where every line of a convention is (issue 5).
struct OffsetList: Sequence {
    private var bytes: [UInt8] = []
    private var last = 0
    /// The number of offsets held.
    private(set) var count = 0

    /// An empty list.
    init() {}

    /// `true` when no offset is held.
    var isEmpty: Bool { count == 0 }

    /// Appends an offset, at or after the last one appended.
    mutating func append(_ offset: Int) {
        precondition(offset >= last, "offsets are appended in file order")
        var delta = UInt64(offset - last)
        while delta >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: delta) | 0x80)
            delta >>= 7
        }
        bytes.append(UInt8(delta))
        last = offset
        count += 1
    }

    /// The offsets in the order appended.
    func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    /// Decodes the differences one after the other.
    struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0
        var value = 0

        /// The next offset, or `nil` after the last.
        mutating func next() -> Int? {
            guard position < bytes.count else { return nil }
            var delta: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = bytes[position]
                position += 1
                delta |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            value += Int(delta)
            return value
        }
    }
}
