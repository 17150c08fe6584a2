#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The on-disk form of a `LogIndex`, read lazily: a query reads the header, the directory and one
/// convention's entries; only an append reads the id table.
///
/// Layout (integers little-endian): `CTGINDEX`, version (u32), reserved (u32), covered size (u64),
/// last seq (u64), last hash (64 ASCII bytes), directory end (u64), id table position (u64), id
/// count (u64); last recorded (u32 length + UTF-8); the number of conventions (u32) and for each its
/// id (u32 length + UTF-8), its line count (u32), the position of its entries (u64) and their
/// checksum (u64); a checksum of everything before (u64). Then the entries (offset u64, length u32,
/// seq u32 per line), then the id table: for each of 4096 buckets (the hash's top 12 bits) its count
/// (u32) and checksum (u64), a checksum of that directory (u64), then the (FNV-1a hash u64, offset u64)
/// pairs sorted by hash.
struct LogIndexStorage {
    /// The format's version: an index of another version is rebuilt.
    static let version: UInt32 = 2
    static let magic = Array("CTGINDEX".utf8)

    /// The open index file.
    final class File {
        let fd: Int32
        init(fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    struct Section {
        var position: Int
        var count: Int
        var checksum: UInt64
    }

    private(set) var coveredSize = 0
    private(set) var lastSeq = 0
    private(set) var lastHash = LogScanner.zeroHash
    private(set) var lastRecorded: Timestamp?
    /// Conventions in order of first appearance.
    private(set) var order: [String] = []
    /// Where each convention's entries are.
    private(set) var conventions: [String: Section] = [:]
    private var idTable = Section(position: 0, count: 0, checksum: 0)
    private var bucketStarts: [Int] = []
    private var bucketChecksums: [UInt64] = []
    private var file: File?

    /// `true` for the empty storage of an index built in memory.
    var isEmpty: Bool { file == nil }

    /// Nothing stored.
    init() {}

    /// Opens an index file and decodes its header and directory; `nil` when it is missing or not a
    /// whole index of this version.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let file = File(fd: fd)
        guard let size = try? FileIO.size(fd, path: path), size >= 136,
            let head = LogIndex.pread(fd, at: 0, count: 136), Array(head[0..<8]) == LogIndexStorage.magic,
            LogIndexStorage.u32(head, 8) == LogIndexStorage.version
        else { return nil }
        let directoryEnd = Int(truncatingIfNeeded: LogIndexStorage.u64(head, 96))
        let idPosition = Int(truncatingIfNeeded: LogIndexStorage.u64(head, 104))
        let idCount = Int(truncatingIfNeeded: LogIndexStorage.u64(head, 112))
        guard directoryEnd >= 136 + 8, directoryEnd <= size, idPosition >= directoryEnd, idCount >= 0, idCount < size / 16,
            idPosition + LogIndexStorage.bucketDirectorySize + idCount * 16 == size, let bytes = LogIndex.pread(fd, at: 0, count: directoryEnd),
            LogIndexStorage.checksum(bytes, from: 0, count: directoryEnd - 8) == LogIndexStorage.u64(bytes, directoryEnd - 8)
        else { return nil }
        var reader = Reader(bytes: bytes, position: 16, end: directoryEnd - 8)
        guard let covered = reader.u64(), let seq = reader.u64(), let hash = reader.string(64), reader.skip(24),
            let recordedLength = reader.u32(), let recordedText = reader.string(Int(recordedLength)), let count = reader.u32()
        else { return nil }
        coveredSize = Int(truncatingIfNeeded: covered)
        lastSeq = Int(truncatingIfNeeded: seq)
        lastHash = hash
        if recordedLength > 0 {
            guard let recorded = Timestamp(rfc3339: recordedText) else { return nil }
            lastRecorded = recorded
        }
        conventions.reserveCapacity(Int(count))
        order.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let nameLength = reader.u32(), let name = reader.string(Int(nameLength)), let lines = reader.u32(),
                let position = reader.u64(), let checksum = reader.u64(), conventions[name] == nil,
                Int(position) >= directoryEnd, Int(position) + Int(lines) * 16 <= idPosition
            else { return nil }
            conventions[name] = Section(position: Int(position), count: Int(lines), checksum: checksum)
            order.append(name)
        }
        guard reader.position == directoryEnd - 8 else { return nil }
        idTable = Section(position: idPosition, count: idCount, checksum: 0)
        self.file = file
    }

    /// Id hashes are spread over this many buckets (by their top bits), each checksummed on its own,
    /// so that a look-up reads one bucket rather than the whole table.
    static let bucketBits = 12
    static var bucketCount: Int { 1 << bucketBits }
    /// The id table's directory: each bucket's count and checksum, then a checksum of the directory.
    static var bucketDirectorySize: Int { bucketCount * 12 + 8 }

    /// Reads and checks the id table's directory (needed to look ids up); `false` when it is damaged.
    mutating func loadIDs() -> Bool {
        guard let file else { return true }
        guard bucketStarts.isEmpty else { return true }
        let size = LogIndexStorage.bucketDirectorySize
        guard let bytes = LogIndex.pread(file.fd, at: idTable.position, count: size),
            LogIndexStorage.checksum(bytes, from: 0, count: size - 8) == LogIndexStorage.u64(bytes, size - 8)
        else { return false }
        var starts: [Int] = []
        var checksums: [UInt64] = []
        starts.reserveCapacity(LogIndexStorage.bucketCount + 1)
        var total = 0
        for bucket in 0..<LogIndexStorage.bucketCount {
            starts.append(total)
            total += Int(LogIndexStorage.u32(bytes, bucket * 12))
            checksums.append(LogIndexStorage.u64(bytes, bucket * 12 + 4))
        }
        starts.append(total)
        guard total == idTable.count else { return false }
        bucketStarts = starts
        bucketChecksums = checksums
        return true
    }

    /// The (hash, offset) pairs of one bucket, checked; `nil` when damaged.
    private func bucket(_ bucket: Int) -> [(hash: UInt64, offset: Int)]? {
        guard let file else { return [] }
        let count = bucketStarts[bucket + 1] - bucketStarts[bucket]
        let position = idTable.position + LogIndexStorage.bucketDirectorySize + bucketStarts[bucket] * 16
        guard let bytes = LogIndex.pread(file.fd, at: position, count: count * 16),
            LogIndexStorage.checksum(bytes, from: 0, count: bytes.count) == bucketChecksums[bucket]
        else { return nil }
        return stride(from: 0, to: bytes.count, by: 16).map {
            (LogIndexStorage.u64(bytes, $0), Int(truncatingIfNeeded: LogIndexStorage.u64(bytes, $0 + 8)))
        }
    }

    /// The offsets stored for an id hash; `nil` when its bucket is damaged. Call `loadIDs()` first.
    func offsets(forIDHash hash: UInt64) -> [Int]? {
        guard file != nil else { return [] }
        guard let pairs = bucket(Int(hash >> UInt64(64 - LogIndexStorage.bucketBits))) else { return nil }
        return pairs.filter { $0.hash == hash }.map(\.offset)
    }

    /// The stored id table merged with sorted extra entries; `nil` when damaged. Call `loadIDs()` first.
    func mergedIDs(with extra: [(hash: UInt64, offset: Int)]) -> [(hash: UInt64, offset: Int)]? {
        var stored: [(hash: UInt64, offset: Int)] = []
        if file != nil {
            stored.reserveCapacity(idTable.count)
            for b in 0..<LogIndexStorage.bucketCount {
                guard let pairs = bucket(b) else { return nil }
                stored += pairs
            }
        }
        var result: [(hash: UInt64, offset: Int)] = []
        result.reserveCapacity(stored.count + extra.count)
        var i = 0
        var j = 0
        while i < stored.count || j < extra.count {
            if j == extra.count || (i < stored.count && (stored[i].hash, stored[i].offset) < (extra[j].hash, extra[j].offset)) {
                result.append(stored[i])
                i += 1
            } else {
                result.append(extra[j])
                j += 1
            }
        }
        return result
    }

    /// The stored entry bytes of a convention, checked; `nil` when damaged.
    func rawEntries(of convention: String) -> [UInt8]? {
        guard let section = conventions[convention] else { return [] }
        guard let file, let bytes = LogIndex.pread(file.fd, at: section.position, count: section.count * 16),
            LogIndexStorage.checksum(bytes, from: 0, count: bytes.count) == section.checksum
        else { return nil }
        return bytes
    }

    /// The stored entries of a convention; `nil` when damaged.
    func entries(of convention: String) -> [LogIndex.Entry]? {
        guard let bytes = rawEntries(of: convention) else { return nil }
        return stride(from: 0, to: bytes.count, by: 16).map { at in
            LogIndex.Entry(
                offset: Int(LogIndexStorage.u64(bytes, at)), length: Int(LogIndexStorage.u32(bytes, at + 8)),
                seq: Int(LogIndexStorage.u32(bytes, at + 12)))
        }
    }

    /// Encodes an index; `nil` when a stored part cannot be read back intact.
    static func encode(_ index: LogIndex) -> [UInt8]? {
        var stored = index.stored
        guard stored.loadIDs() else { return nil }
        let names = index.conventions
        var entryBlocks: [[UInt8]] = []
        entryBlocks.reserveCapacity(names.count)
        for name in names {
            guard var block = stored.rawEntries(of: name) else { return nil }
            for entry in index.added[name] ?? [] {
                put64(UInt64(entry.offset), &block)
                put32(UInt32(truncatingIfNeeded: entry.length), &block)
                put32(UInt32(truncatingIfNeeded: entry.seq), &block)
            }
            entryBlocks.append(block)
        }
        var head: [UInt8] = []
        head += magic
        put32(version, &head)
        put32(0, &head)
        put64(UInt64(index.coveredSize), &head)
        put64(UInt64(index.lastSeq), &head)
        head += Array(index.lastHash.utf8.prefix(64)) + Array(repeating: 0x30, count: max(0, 64 - index.lastHash.utf8.count))
        let fixups = head.count
        put64(0, &head)  // directory end
        put64(0, &head)  // id table position
        put64(0, &head)  // id count
        let recorded = Array((index.lastRecorded?.description ?? "").utf8)
        put32(UInt32(recorded.count), &head)
        head += recorded
        put32(UInt32(names.count), &head)
        var directorySize = head.count + 8
        for name in names { directorySize += 4 + name.utf8.count + 4 + 8 + 8 }
        var position = directorySize
        for (name, block) in zip(names, entryBlocks) {
            let utf8 = Array(name.utf8)
            put32(UInt32(utf8.count), &head)
            head += utf8
            put32(UInt32(block.count / 16), &head)
            put64(UInt64(position), &head)
            put64(checksum(block, from: 0, count: block.count), &head)
            position += block.count
        }
        guard let ids = index.allIDs(stored: stored) else { return nil }
        set64(UInt64(directorySize), at: fixups, &head)
        set64(UInt64(position), at: fixups + 8, &head)
        set64(UInt64(ids.count), at: fixups + 16, &head)
        put64(checksum(head, from: 0, count: head.count), &head)
        var out = head
        out.reserveCapacity(position + bucketDirectorySize + ids.count * 16)
        for block in entryBlocks { out += block }
        var directory: [UInt8] = []
        directory.reserveCapacity(bucketDirectorySize)
        var data: [UInt8] = []
        data.reserveCapacity(ids.count * 16)
        var next = 0
        for bucket in 0..<bucketCount {
            let start = data.count
            var count = 0
            while next < ids.count, Int(ids[next].hash >> UInt64(64 - bucketBits)) == bucket {
                put64(ids[next].hash, &data)
                put64(UInt64(ids[next].offset), &data)
                next += 1
                count += 1
            }
            put32(UInt32(count), &directory)
            put64(checksum(data, from: start, count: data.count - start), &directory)
        }
        put64(checksum(directory, from: 0, count: directory.count), &directory)
        out += directory
        out += data
        return out
    }

    /// A fast 64-bit checksum, word by word, against torn or damaged index files.
    static func checksum(_ bytes: [UInt8], from start: Int, count: Int) -> UInt64 {
        bytes.withUnsafeBytes { buffer in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            var i = start
            let end = start + count
            while i + 8 <= end {
                hash = (hash ^ buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
                hash ^= hash >> 29
                i += 8
            }
            while i < end {
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

    private static func set64(_ value: UInt64, at: Int, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { for (i, byte) in $0.enumerated() { out[at + i] = byte } }
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
