#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sidecar index of a sealed log (`LOG.ctgindex`, issue 5): where each convention's lines are,
/// and a table of event ids, so that a query about one convention and an append read a few lines
/// instead of the whole file. Conventions and ids are filed by hashes of their UTF-8 bytes and
/// compared by their bytes (`ExactID`), as every other part of `ctg` compares them.
///
/// It is a cache, never trusted over the log: it names the log's size it covers and the hash of the
/// line ending there, and is used only when the log still has that line at that place (the hash
/// chain makes that line stand for everything before it). Lines after the covered size (another
/// writer, or appends not yet written into the index) are scanned and added. Every line read
/// through it is parsed and checked again; on any disagreement the caller reads the whole log.
struct LogIndex {
    /// Where one line of the log is: 16 bytes, as in the file.
    struct Entry: Equatable {
        /// Byte offset of the line's first byte.
        var offset: Int
        private var storedLength: UInt32
        private var storedSeq: UInt32

        /// An entry; a length or `seq` beyond 2³² − 1 is kept as 2³² − 1 (never a line's: lines are
        /// at most 8 MiB, and a log with such a `seq` is not indexed), so it matches no line read.
        init(offset: Int, length: Int, seq: Int) {
            self.offset = offset
            storedLength = UInt32(clamping: length)
            storedSeq = UInt32(clamping: seq)
        }

        /// The line's length without its `\n`.
        var length: Int { Int(storedLength) }
        /// The line's `seq` (its line number in a well-formed log).
        var seq: Int { Int(storedSeq) }
    }

    /// Bytes of the log covered: the end of the last indexed line, `\n` included.
    private(set) var coveredSize = 0
    /// The last indexed line's `seq`.
    private(set) var lastSeq = 0
    /// The last indexed line's hash.
    private(set) var lastHash = LogScanner.zeroHash
    /// The last `recorded` time of the covered lines.
    private(set) var lastRecorded: Timestamp?
    /// Lines added since the index was last read from or written to disk.
    private(set) var unsavedLines = 0

    // The part read from disk, decoded lazily: at a million events most of it is never looked at.
    var stored = LogIndexStorage()
    // What was added since.
    /// The conventions first met among the added lines, in order (numbered after the stored ones).
    private(set) var addedOrder: [String] = []
    /// The added lines, in file order, each with its convention's number (as the journal and the
    /// rewritten index number them): 16 bytes a line, the bulk of a full read's index.
    private(set) var addedLines = IndexedLines()
    /// The journal records of what was added, when the index was read from disk (an append writes them).
    private(set) var pendingJournal: [UInt8] = []
    /// The numbers of the conventions of the lines added since (by their bytes, as the stored part
    /// files them).
    private var addedNumbers: [ExactID: Int] = [:]
    /// A convention's number could not be read (a damaged bucket): no journal can be written.
    private(set) var journalBroken = false

    /// An empty index, for a log read from its start.
    init() {}

    /// An index read from disk.
    init(stored: LogIndexStorage) {
        self.stored = stored
        coveredSize = stored.coveredSize
        lastSeq = stored.lastSeq
        lastHash = stored.lastHash
        lastRecorded = stored.lastRecorded
    }

    /// The 64-bit FNV-1a hash of an event id: ids are kept as hashes, each match confirmed by reading the line.
    static func idHash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// Records one well-formed sealed line at the end of the covered part.
    mutating func add(convention: String, id: String, seq: Int, hash: String, recorded: Timestamp, offset: Int, length: Int) {
        let entry = Entry(offset: offset, length: length, seq: seq)
        let idHash = LogIndex.idHash(id)
        let key = ExactID(convention)
        if stored.isEmpty {
            if addedNumbers[key] == nil {
                addedNumbers[key] = addedOrder.count
                addedOrder.append(convention)
            }
        } else {
            if addedNumbers[key] == nil {
                switch stored.number(of: convention) {
                case .some(.some(let number)):
                    addedNumbers[key] = number
                case .some(.none):
                    addedNumbers[key] = stored.conventionCount + addedOrder.count
                    LogIndexStorage.conventionRecord(convention, into: &pendingJournal)
                    addedOrder.append(convention)
                case .none:
                    journalBroken = true
                    addedNumbers[key] = -1
                }
            }
            LogIndexStorage.lineRecord(number: addedNumbers[key] ?? -1, entry: entry, idHash: idHash, into: &pendingJournal)
        }
        addedLines.append(number: addedNumbers[key] ?? -1, offset: offset, length: length, seq: seq, idHash: idHash)
        coveredSize = offset + length + 1
        lastSeq = seq
        lastHash = hash
        lastRecorded = max(lastRecorded ?? recorded, recorded)
        unsavedLines += 1
    }

    /// Records a well-formed event read from the log.
    mutating func add(_ event: Event, offset: Int, length: Int) {
        add(convention: event.convention, id: event.id, seq: event.seq, hash: event.hash ?? "", recorded: event.recorded, offset: offset, length: length)
    }

    /// The conventions in order of first appearance (reads the whole directory); `nil` when the
    /// stored part is damaged.
    var conventions: [String]? {
        guard let stored = stored.allConventions() else { return nil }
        return stored.map(\.name) + addedOrder
    }

    /// Where the lines of one convention are, in file order; `nil` when the stored part is damaged.
    func entries(of convention: String) -> [Entry]? {
        guard var entries = stored.entries(of: convention) else { return nil }
        if let number = addedNumbers[ExactID(convention)] {
            addedLines.forEach { _, n, entry, _ in
                if n == number { entries.append(entry) }
            }
        }
        return entries
    }

    /// The offsets of the lines whose id has the same hash as `id` (each to be confirmed); the
    /// index must have been loaded with its ids.
    func offsets(forID id: String) -> [Int]? {
        let hash = LogIndex.idHash(id)
        guard var offsets = stored.offsets(forIDHash: hash) else { return nil }
        addedLines.forEach { _, _, entry, idHash in
            if idHash == hash { offsets.append(entry.offset) }
        }
        return offsets
    }

    /// Marks the index as matching what is on disk.
    mutating func markSaved() {
        unsavedLines = 0
        pendingJournal = []
    }
}

extension LogIndex {
    /// The sidecar's path for a log.
    static func path(for log: String) -> String { log + ".ctgindex" }

    /// Lines beyond the covered part above which a query rewrites the index (below it, the next
    /// command scans those few lines instead). Such lines are there only when an append could not
    /// write its journal records, or the log was written by something else.
    static let rewriteThreshold = 64

    /// Journal lines above which `state`, `history` or `diff` compact the index (rewrite it whole,
    /// with an empty journal): an eighth of the base, and at least 64.
    static func queryCompactionLimit(baseLines: Int) -> Int { max(64, baseLines / 8) }

    /// Journal lines above which an append compacts the index itself: a quarter of the base, and at
    /// least 256. Reached only when no query compacted it meanwhile (every query reads the whole
    /// journal, so it must stay small next to the base).
    static func appendCompactionLimit(baseLines: Int) -> Int { max(256, baseLines / 4) }

    /// Bytes beyond the covered part above which the index is not brought up to date but rebuilt.
    static let maximumTail = 4 << 20

    /// Reads the index of the log open at `fd` and checks it against the log: the line ending at
    /// the covered size must carry the recorded hash. Lines after it are scanned (envelope and chain
    /// links, hashes when `checkHashes`) and added.
    ///
    /// - Returns: `nil` when there is no usable index, or anything about the log or the index is in
    ///   doubt (the caller then reads the whole log); never throws.
    /// - Parameter needIDs: read the id table too (to look ids up), not only the directory.
    /// - Parameter writable: open the index for writing too (an append, which holds the log's lock,
    ///   adds its lines to the journal).
    static func load(log path: String, fd: Int32, checkHashes: Bool, needIDs: Bool = false, writable: Bool = false) -> LogIndex? {
        guard let stored = LogIndexStorage(path: LogIndex.path(for: path), writable: writable) else { return nil }
        var index = LogIndex(stored: stored)
        guard let size = try? FileIO.size(fd, path: path), size >= index.coveredSize, index.coveredSize > 0 else { return nil }
        if needIDs || size > index.coveredSize {
            guard index.stored.loadIDs() else { return nil }
        }
        // The covered part must end with the line whose hash was recorded.
        let suffix = Array(",\"hash\":\"\(index.lastHash)\"}\n".utf8)
        guard index.coveredSize >= suffix.count, let end = pread(fd, at: index.coveredSize - suffix.count, count: suffix.count),
            end == suffix
        else { return nil }
        guard size > index.coveredSize else { return index }
        // Far behind (another writer appended much without it): a full read rebuilds it at less cost.
        guard size - index.coveredSize <= LogIndex.maximumTail else { return nil }
        // Lines written after the index: check them as the full read would, and add them.
        var scanner = LogScanner(
            file: path, checkHashes: checkHashes, continuingAfter: index.lastSeq, lastHash: index.lastHash, lastRecorded: index.lastRecorded)
        var doubt = false
        do {
            try LineReader.forEachLine(fd: fd, path: path, chunkSize: 1 << 16, startOffset: index.coveredSize, firstLine: index.lastSeq + 1) {
                (raw: RawLine) throws(LedgerError) in
                guard !doubt, let event = scanner.scan(raw), !scanner.hasErrors else {
                    doubt = true
                    return
                }
                // An id used before the covered end is an error the full read reports: leave it to it.
                guard case .absent = index.storedEvent(id: event.id, fd: fd) else {
                    doubt = true
                    return
                }
                index.add(event, offset: raw.offset, length: raw.bytes.count)
            }
        } catch {
            return nil
        }
        guard !doubt, !scanner.hasErrors, index.coveredSize == size else { return nil }
        return index
    }

    /// Reads `count` bytes at `offset`, or `nil`.
    static func pread(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        guard count > 0 else { return count == 0 ? [] : nil }
        var complete = true
        // Not zeroed first: at a megabyte of journal, clearing it cost as much as reading it.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let done = FileIO.read(fd, into: buffer.baseAddress!, count: count, at: offset)
            complete = done == count
            // Only what was read counts as initialized.
            initialized = max(done, 0)
        }
        return complete ? bytes : nil
    }

    /// Reads and checks the line at `entry`: it must be a whole line, a well-formed event with the
    /// recorded `seq`. `nil` when it is not.
    static func event(at entry: Entry, fd: Int32) -> Event? {
        // One read for the line and the `\n`s around it (the one before, unless it is the first line).
        let before = entry.offset > 0 ? 1 : 0
        guard entry.length > 0, let bytes = pread(fd, at: entry.offset - before, count: entry.length + 1 + before), bytes.last == 0x0A,
            before == 0 || bytes[0] == 0x0A
        else { return nil }
        guard let event = bytes.withUnsafeBytes({ Event.read(line: UnsafeRawBufferPointer(rebasing: $0[before..<($0.count - 1)]), number: entry.seq) }),
            event.seq == entry.seq
        else { return nil }
        return event
    }

    /// The events of one convention read through the index, each checked (`nil` on any disagreement).
    func events(of convention: String, fd: Int32) -> [Event]? {
        var events: [Event] = []
        var lastSeq = 0
        guard let entries = entries(of: convention) else { return nil }
        for entry in entries {
            guard let event = LogIndex.event(at: entry, fd: fd), event.convention.hasSameBytes(as: convention), event.seq > lastSeq,
                event.seq <= self.lastSeq
            else { return nil }
            lastSeq = event.seq
            events.append(event)
        }
        return events
    }

    /// What the index knows of an event id.
    enum Lookup {
        /// The stored event with this id (confirmed by reading its line).
        case found(Event)
        /// No line of the covered part has this id.
        case absent
        /// The index or the log disagree with each other: read the whole log.
        case doubt
    }

    /// Looks an id up (the index must have been loaded with its ids).
    func storedEvent(id: String, fd: Int32) -> Lookup {
        guard let offsets = offsets(forID: id) else { return .doubt }
        for offset in offsets {
            guard let length = lineLength(at: offset, fd: fd),
                let event = LogIndex.event(at: Entry(offset: offset, length: length, seq: 0), fd: fd, anySeq: true)
            else { return .doubt }
            if event.id.hasSameBytes(as: id) { return .found(event) }
        }
        return .absent
    }

    private func lineLength(at offset: Int, fd: Int32) -> Int? {
        // Lines are at most 8 MiB; read in growing steps until the `\n`.
        var step = 4096
        while step <= LineReader.maximumLineLength * 2 {
            let available = min(step, coveredSize - offset)
            guard available > 0, let bytes = LogIndex.pread(fd, at: offset, count: available) else { return nil }
            if let newline = bytes.firstIndex(of: 0x0A) { return newline }
            guard available == step else { return nil }
            step *= 4
        }
        return nil
    }

    private static func event(at entry: Entry, fd: Int32, anySeq: Bool) -> Event? {
        guard entry.length > 0, let bytes = pread(fd, at: entry.offset, count: entry.length) else { return nil }
        guard let event = bytes.withUnsafeBytes({ Event.read(line: $0, number: nil) }) else { return nil }
        return event
    }

    /// Writes the index beside the log, atomically; any failure is ignored (the index is only a cache).
    ///
    /// The file is written piece by piece into a temporary file, then renamed over the index: at
    /// no time is the whole file in memory (32 MB at a million lines).
    mutating func save(log path: String) {
        guard lastSeq <= Int(UInt32.max), coveredSize > 0 else { return }
        let target = LogIndex.path(for: path)
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var sink = LogIndexStorage.FileSink(fd: fd)
        let outcome = LogIndexStorage.write(self, to: &sink)
        close(fd)
        switch outcome {
        case .written where rename(temporary, target) == 0:
            markSaved()
        case .damaged:
            // A damaged part cannot be carried over: remove the index, the next full read rebuilds it.
            unlink(temporary)
            unlink(target)
        default:
            unlink(temporary)
        }
    }

    /// After a query: rewrites the index when many lines lie beyond its covered part, or when its
    /// journal has grown past an eighth of the base (compaction, at the cost of writing the whole
    /// index: about as long as a full read's write of it). Queries take no lock, so they never
    /// write in place; a rename cannot disturb an append (which writes to the file it opened, then
    /// ignored) nor a reader.
    mutating func compactIfWorthIt(log path: String) {
        if unsavedLines > LogIndex.rewriteThreshold || (stored.isEmpty && unsavedLines > 0)
            || stored.journalLines > LogIndex.queryCompactionLimit(baseLines: stored.baseLines)
        {
            save(log: path)
        }
    }

    /// After an append, under the log's lock: adds the new lines to the journal (writing O(new
    /// lines) bytes), or writes the index whole when there was none on disk or the journal would
    /// pass a quarter of the base.
    mutating func saveAfterAppend(log path: String) {
        guard unsavedLines > 0 else { return }
        if stored.isEmpty || stored.journalLines + unsavedLines > LogIndex.appendCompactionLimit(baseLines: stored.baseLines) {
            save(log: path)
        } else if writeJournal(log: path) {
            markSaved()
        }
    }

    /// Writes the pending records after the journal, then the header that vouches for them, in
    /// place. Only under the log's lock (one writer at a time). Never flushed: a crash may leave
    /// records the header does not count (ignored, overwritten by the next append) or a torn header
    /// (its checksum fails: the index is ignored and rebuilt).
    ///
    /// - Returns: `false` when nothing could be written (the next command scans these lines).
    mutating func writeJournal(log path: String) -> Bool {
        guard let file = stored.file, file.writable, let header = stored.header, !pendingJournal.isEmpty, !journalBroken, lastSeq <= Int(UInt32.max)
        else {
            return false
        }
        // The file at the path must still be the one read: a query may have replaced it meanwhile
        // (then these lines are beyond its covered part, and the next command adds them).
        var opened = stat()
        var current = stat()
        guard fstat(file.fd, &opened) == 0, stat(LogIndex.path(for: path), &current) == 0, opened.st_ino == current.st_ino,
            opened.st_dev == current.st_dev
        else { return false }
        guard LogIndex.pwrite(file.fd, pendingJournal, at: header.baseEnd + header.journalLength) else { return false }
        let updated = LogIndexStorage.Header(
            coveredSize: coveredSize, lastSeq: lastSeq, lastHash: lastHash, lastRecorded: lastRecorded, directoryEnd: header.directoryEnd,
            baseEnd: header.baseEnd, baseChecksum: header.baseChecksum, journalLength: header.journalLength + pendingJournal.count,
            journalChecksum: LogIndexStorage.continueJournalChecksum(header.journalChecksum, pendingJournal))
        return LogIndex.pwrite(file.fd, updated.bytes, at: 0)
    }

    /// Writes all of `bytes` at `offset`; `false` on any failure.
    static func pwrite(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                systemPwrite(fd, buffer.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}

private func systemPwrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ offset: off_t) -> Int {
    pwrite(fd, buffer, count, offset)
}
