/// The on-disk form of a `LogIndex`, read lazily from the file's bytes.
///
/// Layout (integers little-endian): `CTGINDEX`, version (u32), reserved (u32), covered size (u64),
/// last seq (u64), last hash (64 ASCII bytes), last recorded (u32 length + UTF-8), the number of
/// conventions (u32) and for each its id (u32 length + UTF-8), its line count (u32) and its lines
/// (offset u64, length u32, seq u32); the number of ids (u64) and the id table sorted by hash
/// (FNV-1a hash u64, offset u64); a checksum of everything before it (u64).
struct LogIndexStorage {
    /// The format's version: an index of another version is rebuilt.
    static let version: UInt32 = 1
    static let magic = Array("CTGINDEX".utf8)

    private(set) var coveredSize = 0
    private(set) var lastSeq = 0
    private(set) var lastHash = LogScanner.zeroHash
    private(set) var lastRecorded: Timestamp?
    /// Conventions in order of first appearance.
    private(set) var order: [String] = []
    /// Each convention's entries: position in `bytes` and count.
    private(set) var conventions: [String: (position: Int, count: Int)] = [:]
    private var idTable = (position: 0, count: 0)
    private var bytes: [UInt8] = []

    /// `true` for the empty storage of an index built in memory.
    var isEmpty: Bool { bytes.isEmpty }

    /// Nothing stored.
    init() {}

    /// Decodes the header and the directory; `nil` when the bytes are not a whole index of this version.
    init?(bytes: [UInt8]) {
        guard bytes.count >= 8 + 8 + 16 + 64 + 4 + 4 + 8 + 8, Array(bytes[0..<8]) == LogIndexStorage.magic else { return nil }
        let checked = bytes.count - 8
        guard LogIndexStorage.checksum(bytes, count: checked) == LogIndexStorage.u64(bytes, checked) else { return nil }
        var reader = Reader(bytes: bytes, position: 8, end: checked)
        guard let version = reader.u32(), version == LogIndexStorage.version, reader.u32() != nil,
            let covered = reader.u64(), let seq = reader.u64(), let hash = reader.string(64),
            let recordedLength = reader.u32(), let recordedText = reader.string(Int(recordedLength)),
            let count = reader.u32()
        else { return nil }
        coveredSize = Int(covered)
        lastSeq = Int(seq)
        lastHash = hash
        if recordedLength > 0 {
            guard let recorded = Timestamp(rfc3339: recordedText) else { return nil }
            lastRecorded = recorded
        }
        for _ in 0..<count {
            guard let nameLength = reader.u32(), let name = reader.string(Int(nameLength)), let lines = reader.u32(),
                conventions[name] == nil, reader.skip(Int(lines) * 16)
            else { return nil }
            conventions[name] = (reader.position - Int(lines) * 16, Int(lines))
            order.append(name)
        }
        guard let ids = reader.u64(), ids < UInt64(Int.max / 16) else { return nil }
        let idPosition = reader.position
        guard reader.skip(Int(ids) * 16), reader.position == checked else { return nil }
        idTable = (idPosition, Int(ids))
        self.bytes = bytes
    }

    /// The stored entries of a convention.
    func entries(of convention: String) -> [LogIndex.Entry] {
        guard let (position, count) = conventions[convention] else { return [] }
        var entries: [LogIndex.Entry] = []
        entries.reserveCapacity(count)
        for i in 0..<count {
            let at = position + i * 16
            entries.append(
                LogIndex.Entry(
                    offset: Int(LogIndexStorage.u64(bytes, at)), length: Int(LogIndexStorage.u32(bytes, at + 8)),
                    seq: Int(LogIndexStorage.u32(bytes, at + 12))))
        }
        return entries
    }

    private func idHash(at i: Int) -> UInt64 { LogIndexStorage.u64(bytes, idTable.position + i * 16) }
    private func idOffset(at i: Int) -> Int { Int(LogIndexStorage.u64(bytes, idTable.position + i * 16 + 8)) }

    /// The offsets stored for an id hash (binary search).
    func offsets(forIDHash hash: UInt64) -> [Int] {
        var low = 0
        var high = idTable.count
        while low < high {
            let mid = (low + high) / 2
            if idHash(at: mid) < hash { low = mid + 1 } else { high = mid }
        }
        var result: [Int] = []
        while low < idTable.count, idHash(at: low) == hash {
            result.append(idOffset(at: low))
            low += 1
        }
        return result
    }

    /// The stored id table merged with sorted extra entries.
    func mergedIDs(with extra: [(hash: UInt64, offset: Int)]) -> [(hash: UInt64, offset: Int)] {
        var result: [(hash: UInt64, offset: Int)] = []
        result.reserveCapacity(idTable.count + extra.count)
        var i = 0
        var j = 0
        while i < idTable.count || j < extra.count {
            if j == extra.count || (i < idTable.count && (idHash(at: i), idOffset(at: i)) < (extra[j].hash, extra[j].offset)) {
                result.append((idHash(at: i), idOffset(at: i)))
                i += 1
            } else {
                result.append(extra[j])
                j += 1
            }
        }
        return result
    }

    /// The stored entry bytes of a convention, copied as they are.
    func rawEntries(of convention: String) -> ArraySlice<UInt8> {
        guard let (position, count) = conventions[convention] else { return [] }
        return bytes[position..<(position + count * 16)]
    }

    /// Encodes an index; `nil` contents never happen (an index holds only sealed, well-formed lines).
    static func encode(_ index: LogIndex) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(index.stored.bytes.count + index.unsavedLines * 40 + 4096)
        out += magic
        put32(version, &out)
        put32(0, &out)
        put64(UInt64(index.coveredSize), &out)
        put64(UInt64(index.lastSeq), &out)
        out += Array(index.lastHash.utf8.prefix(64)) + Array(repeating: 0x30, count: max(0, 64 - index.lastHash.utf8.count))
        let recorded = Array((index.lastRecorded?.description ?? "").utf8)
        put32(UInt32(recorded.count), &out)
        out += recorded
        let names = index.conventions
        put32(UInt32(names.count), &out)
        for name in names {
            let utf8 = Array(name.utf8)
            put32(UInt32(utf8.count), &out)
            out += utf8
            let stored = index.stored.rawEntries(of: name)
            let added = index.added[name] ?? []
            put32(UInt32(stored.count / 16 + added.count), &out)
            out += stored
            for entry in added {
                put64(UInt64(entry.offset), &out)
                put32(UInt32(truncatingIfNeeded: entry.length), &out)
                put32(UInt32(truncatingIfNeeded: entry.seq), &out)
            }
        }
        let ids = index.allIDs()
        put64(UInt64(ids.count), &out)
        for id in ids {
            put64(id.hash, &out)
            put64(UInt64(id.offset), &out)
        }
        put64(checksum(out, count: out.count), &out)
        return out
    }

    /// A fast 64-bit checksum, word by word, against torn or damaged index files.
    static func checksum(_ bytes: [UInt8], count: Int) -> UInt64 {
        bytes.withUnsafeBytes { buffer in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            var i = 0
            while i + 8 <= count {
                hash = (hash ^ buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
                hash ^= hash >> 29
                i += 8
            }
            while i < count {
                hash = (hash ^ UInt64(buffer[i])) &* 0x100_0000_01b3
                i += 1
            }
            return hash
        }
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }

    private static func put64(_ value: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func put32(_ value: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Bounds-checked reading of the header and directory.
    private struct Reader {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, count <= end - position else { return false }
            position += count
            return true
        }

        mutating func u32() -> UInt32? {
            guard skip(4) else { return nil }
            return LogIndexStorage.u32(bytes, position - 4)
        }

        mutating func u64() -> UInt64? {
            guard skip(8) else { return nil }
            return LogIndexStorage.u64(bytes, position - 8)
        }

        mutating func string(_ count: Int) -> String? {
            guard skip(count) else { return nil }
            return String(validating: bytes[(position - count)..<position], as: UTF8.self)
        }
    }
}
