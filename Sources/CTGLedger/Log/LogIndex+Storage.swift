#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The on-disk form of a `LogIndex`, read lazily: a query reads the header, the directory, the
/// journal, one convention bucket and that convention's entries; only an append reads the id table.
///
/// Three parts (integers little-endian):
///
/// - **Header** (160 bytes at offset 0, the only part ever rewritten in place): `CTGINDEX`, version
///   (u32), reserved (u32), covered size (u64), last seq (u64), last hash (64 ASCII bytes), last
///   recorded (seconds i64, nanoseconds u32, present u32), directory end (u64), base end (u64),
///   base checksum (u64), journal length in bytes (u64), journal checksum (u64), and a checksum of
///   these 152 bytes (u64).
/// - **Base** (written whole, by a full read or a compaction, never changed afterwards): the
///   directory (id table position u64, id count u64, number of conventions u32, then for each of 256
///   convention buckets, by the top 8 bits of the FNV-1a hash of the convention id, its length in
///   bytes u32 and checksum u64), whose checksum is the header's base checksum; the convention
///   records, bucket after bucket (hash u64, number u32 in order of first appearance, line count
///   u32, position of its entries u64, their checksum u64, id as u32 length + UTF-8); the entries
///   (offset u64, length u32, seq u32 per line); then the id table: for each of 4096 buckets (the
///   hash's top 12 bits) its count (u32) and checksum (u64), a checksum of that directory (u64),
///   then the (FNV-1a hash u64, offset u64) pairs sorted by hash.
/// - **Journal** (from the base end; appends add to it): records of whole 8-byte words, either a
///   line (tag 1 u32, convention number u32, offset u64, id hash u64, length u32, seq u32) or a
///   convention first met in the journal (tag 2 u32, UTF-8 length u32, the id padded with zeros),
///   numbered after the base's conventions in order of appearance. The header vouches for the
///   journal's first `length` bytes through a checksum that each append continues: an append
///   writes its records first and the header after, so a reader (which takes no lock) sees either
///   the old header, which ignores the new records, or the new one, whose records are all written;
///   a torn header fails its checksum and is read again, then ignored.
struct LogIndexStorage {
    /// The format's version: an index of another version is rebuilt.
    static let version: UInt32 = 3
    static let magic = Array("CTGINDEX".utf8)
    /// The fixed header's size, checksum included.
    static let headerSize = 160
    /// The journal checksum of an empty journal.
    static let journalSeed: UInt64 = 0x6A09_E667_F3BC_C908
    /// The tag of a journal record for one line.
    static let lineTag: UInt32 = 1
    /// The tag of a journal record naming a convention first met in the journal.
    static let conventionTag: UInt32 = 2
    /// The size of a line record.
    static let lineRecordSize = 32

    /// The open index file.
    final class File: Sendable {
        let fd: Int32
        /// Opened for writing: an append may add to its journal.
        let writable: Bool
        init(fd: Int32, writable: Bool) {
            self.fd = fd
            self.writable = writable
        }
        deinit { close(fd) }
    }

    /// A part of the base: where it starts, how many entries it holds, their checksum.
    struct Section {
        var position: Int
        var count: Int
        var checksum: UInt64
        /// The convention's number, as journal records name it.
        var number: Int
    }

    /// What the header says about the base and the journal: rewritten as a whole.
    struct Header {
        var coveredSize: Int
        var lastSeq: Int
        var lastHash: String
        var lastRecorded: Timestamp?
        var directoryEnd: Int
        var baseEnd: Int
        var baseChecksum: UInt64
        var journalLength: Int
        var journalChecksum: UInt64

        /// The header's 160 bytes, checksum included.
        var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(LogIndexStorage.headerSize)
            out += LogIndexStorage.magic
            put32(LogIndexStorage.version, &out)
            put32(0, &out)
            put64(UInt64(coveredSize), &out)
            put64(UInt64(lastSeq), &out)
            out += Array(lastHash.utf8.prefix(64)) + Array(repeating: 0x30, count: max(0, 64 - lastHash.utf8.count))
            put64(UInt64(bitPattern: lastRecorded?.seconds ?? 0), &out)
            put32(UInt32(bitPattern: lastRecorded?.nanoseconds ?? 0), &out)
            put32(lastRecorded == nil ? 0 : 1, &out)
            put64(UInt64(directoryEnd), &out)
            put64(UInt64(baseEnd), &out)
            put64(baseChecksum, &out)
            put64(UInt64(journalLength), &out)
            put64(journalChecksum, &out)
            put64(checksum(out, from: 0, count: out.count), &out)
            return out
        }

        /// Decodes and checks a header; `nil` when it is not a whole header of this version.
        init?(_ bytes: [UInt8]) {
            let size = LogIndexStorage.headerSize
            guard bytes.count == size, Array(bytes[0..<8]) == LogIndexStorage.magic, u32(bytes, 8) == LogIndexStorage.version,
                checksum(bytes, from: 0, count: size - 8) == u64(bytes, size - 8),
                let hash = String(validating: bytes[32..<96], as: UTF8.self)
            else { return nil }
            func int(_ at: Int) -> Int? {
                let value = u64(bytes, at)
                return value <= UInt64(Int.max) ? Int(value) : nil
            }
            guard let covered = int(16), let seq = int(24), let directoryEnd = int(112), let baseEnd = int(120), let journalLength = int(136)
            else { return nil }
            coveredSize = covered
            lastSeq = seq
            lastHash = hash
            let nanoseconds = Int32(bitPattern: u32(bytes, 104))
            switch u32(bytes, 108) {
            case 0: lastRecorded = nil
            case 1 where nanoseconds >= 0 && nanoseconds < 1_000_000_000:
                lastRecorded = Timestamp(seconds: Int64(bitPattern: u64(bytes, 96)), nanoseconds: nanoseconds)
            default: return nil
            }
            self.directoryEnd = directoryEnd
            self.baseEnd = baseEnd
            baseChecksum = u64(bytes, 128)
            self.journalLength = journalLength
            journalChecksum = u64(bytes, 144)
        }

        init(
            coveredSize: Int, lastSeq: Int, lastHash: String, lastRecorded: Timestamp?, directoryEnd: Int, baseEnd: Int, baseChecksum: UInt64,
            journalLength: Int, journalChecksum: UInt64
        ) {
            self.coveredSize = coveredSize
            self.lastSeq = lastSeq
            self.lastHash = lastHash
            self.lastRecorded = lastRecorded
            self.directoryEnd = directoryEnd
            self.baseEnd = baseEnd
            self.baseChecksum = baseChecksum
            self.journalLength = journalLength
            self.journalChecksum = journalChecksum
        }
    }

    private(set) var coveredSize = 0
    private(set) var lastSeq = 0
    private(set) var lastHash = LogScanner.zeroHash
    private(set) var lastRecorded: Timestamp?
    /// The number of conventions in the base.
    private(set) var baseConventions = 0
    /// Where the base's convention records are, and each bucket's start (in bytes from there) and checksum.
    private var conventionRecords = 0
    private var conventionBucketStarts: [Int] = []
    private var conventionBucketChecksums: [UInt64] = []
    /// The conventions first met in the journal, in order, and their numbers.
    private(set) var journalConventions: [String] = []
    private(set) var journalNumbers: [ExactID: Int] = [:]
    /// The journal's records, as read and checked.
    private(set) var journal: [UInt8] = []
    /// The number of line records in the journal.
    private(set) var journalLines = 0
    /// The header as read (the base's place and checksum, the journal's length and checksum).
    private(set) var header: Header?
    private var idTable = Section(position: 0, count: 0, checksum: 0, number: 0)
    private var idPosition: Int { idTable.position }
    private var bucketStarts: [Int] = []
    private var bucketChecksums: [UInt64] = []
    private(set) var file: File?

    /// `true` for the empty storage of an index built in memory.
    var isEmpty: Bool { file == nil }

    /// The number of lines in the base.
    var baseLines: Int { idTable.count }

    /// Nothing stored.
    init() {}

    /// Opens an index file and decodes its header, directory and journal; `nil` when it is missing,
    /// not a whole index of this version, or any checksum fails.
    ///
    /// - Parameter writable: open it for writing too, so that an append can add to its journal
    ///   (falls back to reading only).
    init?(path: String, writable: Bool = false) {
        var fd = writable ? open(path, O_RDWR | O_CLOEXEC) : -1
        let openedForWriting = fd >= 0
        if fd < 0 { fd = open(path, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        let file = File(fd: fd, writable: openedForWriting)
        guard let size = try? FileIO.size(fd, path: path), size >= LogIndexStorage.headerSize else { return nil }
        // An append may be rewriting the header right now: a torn read fails the checksum; read again.
        var decoded: Header?
        for attempt in 0..<3 where decoded == nil {
            if attempt > 0 { usleep(1_000) }
            guard let bytes = LogIndex.pread(fd, at: 0, count: LogIndexStorage.headerSize) else { return nil }
            decoded = Header(bytes)
        }
        guard let header = decoded else { return nil }
        let directoryStart = LogIndexStorage.headerSize
        guard header.directoryEnd >= directoryStart + 20, header.directoryEnd <= header.baseEnd, header.baseEnd <= size,
            header.journalLength % 8 == 0, header.journalLength <= size - header.baseEnd,
            let bytes = LogIndex.pread(fd, at: directoryStart, count: header.directoryEnd - directoryStart),
            LogIndexStorage.checksum(bytes, from: 0, count: bytes.count) == header.baseChecksum
        else { return nil }
        var reader = Reader(bytes: bytes, position: 0, end: bytes.count)
        guard let idPosition64 = reader.u64(), let idCount64 = reader.u64(), let count = reader.u32(), idPosition64 <= UInt64(header.baseEnd),
            idCount64 < UInt64(size / 16), bytes.count == LogIndexStorage.fixedDirectorySize
        else { return nil }
        let idPosition = Int(idPosition64)
        let idCount = Int(idCount64)
        guard idPosition >= header.directoryEnd, idPosition + LogIndexStorage.bucketDirectorySize + idCount * 16 == header.baseEnd else { return nil }
        var starts: [Int] = []
        var checksums: [UInt64] = []
        starts.reserveCapacity(LogIndexStorage.conventionBucketCount + 1)
        checksums.reserveCapacity(LogIndexStorage.conventionBucketCount)
        var total = 0
        for _ in 0..<LogIndexStorage.conventionBucketCount {
            guard let length = reader.u32(), let checksum = reader.u64() else { return nil }
            starts.append(total)
            checksums.append(checksum)
            total += Int(length)
        }
        starts.append(total)
        guard header.directoryEnd + total <= idPosition, Int(count) <= total / 36 else { return nil }
        coveredSize = header.coveredSize
        lastSeq = header.lastSeq
        lastHash = header.lastHash
        lastRecorded = header.lastRecorded
        baseConventions = Int(count)
        conventionRecords = header.directoryEnd
        conventionBucketStarts = starts
        conventionBucketChecksums = checksums
        idTable = Section(position: idPosition, count: idCount, checksum: 0, number: 0)
        self.file = file
        if header.journalLength > 0 {
            guard let records = LogIndex.pread(fd, at: header.baseEnd, count: header.journalLength),
                LogIndexStorage.continueJournalChecksum(LogIndexStorage.journalSeed, records) == header.journalChecksum
            else { return nil }
            journal = records
            guard readJournal() else { return nil }
        } else {
            guard header.journalChecksum == LogIndexStorage.journalSeed else { return nil }
        }
        self.header = header
    }

    /// Checks the journal's records and learns its conventions; `false` when they do not hold together.
    private mutating func readJournal() -> Bool {
        var names: [String] = []
        var numbers: [ExactID: Int] = [:]
        var lines = 0
        var lastEnd = 0
        var lastSeq = 0
        let known = baseConventions
        let valid = journal.withUnsafeBytes { buffer -> Bool in
            var at = 0
            while at < buffer.count {
                guard buffer.count - at >= 8 else { return false }
                let tag = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self))
                let value = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)))
                if tag == LogIndexStorage.lineTag {
                    guard buffer.count - at >= LogIndexStorage.lineRecordSize, value < known + names.count else { return false }
                    let offset = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
                    let length = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 24, as: UInt32.self)))
                    let seq = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 28, as: UInt32.self)))
                    guard offset < UInt64(Int.max / 2), Int(offset) >= lastEnd, length > 0, seq > lastSeq else { return false }
                    lastEnd = Int(offset) + length + 1
                    lastSeq = seq
                    lines += 1
                    at += LogIndexStorage.lineRecordSize
                } else if tag == LogIndexStorage.conventionTag {
                    let padded = (value + 7) / 8 * 8
                    guard value > 0, buffer.count - at - 8 >= padded,
                        let name = String(validating: UnsafeRawBufferPointer(rebasing: buffer[(at + 8)..<(at + 8 + value)]), as: UTF8.self),
                        numbers[ExactID(name)] == nil
                    else { return false }
                    numbers[ExactID(name)] = known + names.count
                    names.append(name)
                    at += 8 + padded
                } else {
                    return false
                }
            }
            return true
        }
        // The header speaks for the last journal line. (That a convention of the journal is not one
        // of the base is checked when it is looked up: here it would read most of the directory.)
        guard valid, lines == 0 || (lastEnd == coveredSize && lastSeq == self.lastSeq) else { return false }
        journalConventions = names
        journalNumbers = numbers
        journalLines = lines
        return true
    }

    /// The number of conventions in the base and the journal (the next one's number).
    var conventionCount: Int { baseConventions + journalConventions.count }

    /// What the base says of a convention.
    enum BaseLookup {
        /// Its lines are there.
        case found(Section)
        /// It has no line in the base.
        case absent
        /// The bucket that would hold it is damaged.
        case damaged
    }

    /// Conventions are spread over this many buckets (by their hash's top bits), each checksummed,
    /// so that finding one reads a bucket rather than the whole directory.
    static let conventionBucketBits = 8
    static var conventionBucketCount: Int { 1 << conventionBucketBits }
    /// The directory: id table position, id count, convention count, and each convention bucket's
    /// length in bytes and checksum.
    static var fixedDirectorySize: Int { 20 + conventionBucketCount * 12 }

    /// The bucket of a convention id.
    static func conventionBucket(_ name: String) -> Int { Int(LogIndex.idHash(name) >> UInt64(64 - conventionBucketBits)) }

    /// The records of one convention bucket, checked: (number, name, section); `nil` when damaged.
    private func conventionBucket(_ bucket: Int) -> [(name: String, section: Section)]? {
        guard let file else { return [] }
        let start = conventionBucketStarts[bucket]
        let count = conventionBucketStarts[bucket + 1] - start
        guard count > 0 else { return conventionBucketChecksums[bucket] == LogIndexStorage.checksum([], from: 0, count: 0) ? [] : nil }
        guard let bytes = LogIndex.pread(file.fd, at: conventionRecords + start, count: count),
            LogIndexStorage.checksum(bytes, from: 0, count: count) == conventionBucketChecksums[bucket]
        else { return nil }
        var reader = Reader(bytes: bytes, position: 0, end: count)
        var records: [(name: String, section: Section)] = []
        while reader.position < count {
            guard let hash = reader.u64(), let number = reader.u32(), let lines = reader.u32(), let position = reader.u64(),
                let checksum = reader.u64(), let nameLength = reader.u32(), let name = reader.string(Int(nameLength)),
                hash == LogIndex.idHash(name), Int(number) < baseConventions, Int(hash >> UInt64(64 - LogIndexStorage.conventionBucketBits)) == bucket,
                position <= UInt64(idPosition), Int(position) >= conventionRecords + conventionBucketStarts.last!,
                Int(position) + Int(lines) * 16 <= idPosition
            else { return nil }
            records.append((name, Section(position: Int(position), count: Int(lines), checksum: checksum, number: Int(number))))
        }
        return records
    }

    /// Finds a convention in the base (reads one bucket). A convention both in the base and named
    /// again by the journal counts as damage.
    func baseSection(of convention: String) -> BaseLookup {
        guard file != nil else { return .absent }
        guard let records = conventionBucket(LogIndexStorage.conventionBucket(convention)) else { return .damaged }
        guard let record = records.first(where: { $0.name.hasSameBytes(as: convention) }) else { return .absent }
        return journalNumbers[ExactID(convention)] == nil ? .found(record.section) : .damaged
    }

    /// Every convention of the base and the journal in order of first appearance, with the base's
    /// sections (reads the whole directory); `nil` when damaged.
    func allConventions() -> [(name: String, section: Section?)]? {
        guard file != nil else { return [] }
        var base: [(name: String, section: Section?)] = Array(repeating: ("", nil), count: baseConventions)
        var seen = 0
        for bucket in 0..<LogIndexStorage.conventionBucketCount {
            guard let records = conventionBucket(bucket) else { return nil }
            for record in records {
                guard base[record.section.number].section == nil else { return nil }
                base[record.section.number] = (record.name, record.section)
                seen += 1
            }
        }
        guard seen == baseConventions, Set((base.map(\.name) + journalConventions).map(ExactID.init)).count == base.count + journalConventions.count
        else { return nil }
        return base + journalConventions.map { ($0, nil) }
    }

    /// The number journal records give a convention of the base or the journal; `nil` when it has
    /// none, or `.none` inside when the directory is damaged.
    func number(of convention: String) -> Int?? {
        switch baseSection(of: convention) {
        case .found(let section): return section.number
        case .absent: return .some(journalNumbers[ExactID(convention)])
        case .damaged: return nil
        }
    }

    /// Calls `body` with each line record of the journal, in file order: convention number, entry, id hash.
    func forEachJournalLine(_ body: (Int, LogIndex.Entry, UInt64) -> Void) {
        journal.withUnsafeBytes { buffer in
            var at = 0
            while at < buffer.count {
                let tag = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self))
                let value = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)))
                if tag == LogIndexStorage.conventionTag {
                    at += 8 + (value + 7) / 8 * 8
                    continue
                }
                let entry = LogIndex.Entry(
                    offset: Int(UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))),
                    length: Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 24, as: UInt32.self))),
                    seq: Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 28, as: UInt32.self))))
                body(value, entry, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self)))
                at += LogIndexStorage.lineRecordSize
            }
        }
    }

    /// A line record of the journal.
    static func lineRecord(number: Int, entry: LogIndex.Entry, idHash: UInt64, into out: inout [UInt8]) {
        put32(lineTag, &out)
        put32(UInt32(truncatingIfNeeded: number), &out)
        put64(UInt64(entry.offset), &out)
        put64(idHash, &out)
        put32(UInt32(truncatingIfNeeded: entry.length), &out)
        put32(UInt32(truncatingIfNeeded: entry.seq), &out)
    }

    /// The record of a convention first met in the journal.
    static func conventionRecord(_ name: String, into out: inout [UInt8]) {
        let utf8 = Array(name.utf8)
        put32(conventionTag, &out)
        put32(UInt32(utf8.count), &out)
        out += utf8
        out += [UInt8](repeating: 0, count: (utf8.count + 7) / 8 * 8 - utf8.count)
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
    func bucket(_ bucket: Int) -> [(hash: UInt64, offset: Int)]? {
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

    /// The offsets stored for an id hash, in the base and the journal; `nil` when its bucket is
    /// damaged. Call `loadIDs()` first.
    func offsets(forIDHash hash: UInt64) -> [Int]? {
        guard file != nil else { return [] }
        guard let pairs = bucket(Int(hash >> UInt64(64 - LogIndexStorage.bucketBits))) else { return nil }
        var offsets = pairs.filter { $0.hash == hash }.map(\.offset)
        forEachJournalLine { _, entry, idHash in
            if idHash == hash { offsets.append(entry.offset) }
        }
        return offsets
    }

    /// The entry bytes of a convention in the base, checked; `nil` when damaged.
    func rawEntries(of section: Section?) -> [UInt8]? {
        guard let section else { return [] }
        guard let file, let bytes = LogIndex.pread(file.fd, at: section.position, count: section.count * 16),
            LogIndexStorage.checksum(bytes, from: 0, count: bytes.count) == section.checksum
        else { return nil }
        return bytes
    }

    /// The stored entries of a convention, base then journal; `nil` when damaged.
    func entries(of convention: String) -> [LogIndex.Entry]? {
        let section: Section?
        switch baseSection(of: convention) {
        case .found(let found): section = found
        case .absent: section = nil
        case .damaged: return nil
        }
        guard let bytes = rawEntries(of: section) else { return nil }
        var entries = stride(from: 0, to: bytes.count, by: 16).map { at in
            LogIndex.Entry(
                offset: Int(LogIndexStorage.u64(bytes, at)), length: Int(LogIndexStorage.u32(bytes, at + 8)),
                seq: Int(LogIndexStorage.u32(bytes, at + 12)))
        }
        if journalLines > 0, let number = section?.number ?? journalNumbers[ExactID(convention)] {
            forEachJournalLine { n, entry, _ in
                if n == number { entries.append(entry) }
            }
        }
        return entries
    }

    /// Continues the journal's checksum over more records (whole 8-byte words): an append checks
    /// only what it adds.
    static func continueJournalChecksum(_ state: UInt64, _ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { buffer in
            var hash = state
            var i = 0
            while i + 8 <= buffer.count {
                hash = (hash ^ UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x100_0000_01b3
                hash ^= hash >> 29
                i += 8
            }
            return hash
        }
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

    static func put64(_ value: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    static func set64(_ value: UInt64, at: Int, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { for (i, byte) in $0.enumerated() { out[at + i] = byte } }
    }

    static func put32(_ value: UInt32, _ out: inout [UInt8]) {
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
