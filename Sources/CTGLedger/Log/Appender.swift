#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `ctg append` did.
public struct AppendResult: Sendable, Equatable {
    /// The `seq`s written, in order.
    public var appended: [Int]
    /// Ids already in the log with the same content: idempotent retries, nothing written.
    public var alreadyPresent: [String]
    /// The log's last `seq` afterwards.
    public var lastSeq: Int
    /// The log's last hash afterwards (the head of the chain).
    public var head: String?
}

/// Appends events to a sealed (or empty) log: all or nothing, under an exclusive
/// lock, validated against the log as it stands, flushed to disk before success.
public enum Appender {
    /// The most input one `ctg append` reads (64 MiB): standard input is read whole, so it is bounded.
    public static let maximumInputLength = 64 << 20

    /// Members `ctg append` computes itself.
    static let computedMembers: Set<String> = ["prev", "hash"]

    /// Appends the JSON Lines in `input` to the log at `path`.
    ///
    /// - Parameters:
    ///   - input: the new events, one JSON object per line (`seq`, `prev`, `hash` left out; `recorded` optional).
    ///   - inputName: how to name the input in errors (`<stdin>`).
    ///   - path: the log; created when it does not exist.
    ///   - expectSeq: refuse unless the log's last `seq` is this (optimistic concurrency).
    ///   - now: the time written as `recorded` where the input gives none.
    ///   - writer: the seam through which bytes reach the file (tests inject failures).
    /// - Returns: what was written.
    /// - Throws: `LedgerError`; the log is then byte-for-byte as it was.
    public static func append(
        input: [UInt8], inputName: String = "<stdin>", to path: String, expectSeq: Int? = nil, now: Timestamp,
        lockTimeout: Double = 30, writer: LogWriter = .system
    ) throws(LedgerError) -> AppendResult {
        let candidates = try parseInput(input, name: inputName)
        let file = try LockedFile(path: path, timeout: lockTimeout)
        do {
            return try appendLocked(candidates, inputName: inputName, file: file, expectSeq: expectSeq, now: now, writer: writer)
        } catch {
            file.removeIfCreatedAndEmpty()
            throw error
        }
    }

    /// One input line, parsed.
    struct Candidate {
        var line: Int
        var object: JSONObject
    }

    static func parseInput(_ input: [UInt8], name: String) throws(LedgerError) -> [Candidate] {
        var candidates: [Candidate] = []
        var lineNumber = 0
        var start = 0
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw LedgerError(.invalid, file: name, line: 1, "the input starts with a UTF-8 byte order mark (BOM); send plain UTF-8 JSON Lines.")
        }
        if bytes.last != 0x0A { bytes.append(0x0A) }
        for index in bytes.indices where bytes[index] == 0x0A {
            lineNumber += 1
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }  // CRLF accepted on input; the log gets LF.
            defer { start = index + 1 }
            if bytes[start..<end].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard end - start <= LineReader.maximumLineLength else {
                throw LedgerError(.invalid, file: name, line: lineNumber, "the line is longer than \(LineReader.maximumLineLength) bytes.")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(Array(bytes[start..<end]))
            } catch {
                throw LedgerError(.invalid, file: name, line: lineNumber, member: error.member, "the line is not valid JSON: \(error.description).")
            }
            guard case .object(let object) = value else {
                throw LedgerError(.invalid, file: name, line: lineNumber, "expected one JSON object per line; found \(value.typeName).")
            }
            candidates.append(Candidate(line: lineNumber, object: object))
        }
        if candidates.isEmpty {
            throw LedgerError(.usage, file: name, "no event to append: standard input is empty. Send one JSON object per line.")
        }
        return candidates
    }

    private static func appendLocked(
        _ candidates: [Candidate], inputName: String, file: borrowing LockedFile, expectSeq: Int?, now: Timestamp, writer: LogWriter
    ) throws(LedgerError) -> AppendResult {
        let path = file.path
        var basis: Basis
        if let indexed = indexedBasis(candidates, file: file) {
            basis = indexed
        } else {
            basis = try fullBasis(candidates, file: file)
        }
        if let expectSeq, expectSeq != basis.lastSeq {
            throw LedgerError(
                .invalid, file: path, member: "--expect-seq",
                "expected the log's last seq to be \(expectSeq), but it is \(basis.lastSeq): someone appended meanwhile. Read the log again and retry.")
        }
        var validator = basis.validator
        let storedByID = basis.storedByID
        var seq = basis.lastSeq
        var prev = basis.lastHash ?? LogScanner.zeroHash
        var lastRecorded = basis.lastRecorded
        var index = basis.index
        var indexLines: [(convention: String, id: String, seq: Int, hash: String, recorded: Timestamp, length: Int)] = []
        var output: [UInt8] = []
        var appended: [Int] = []
        var alreadyPresent: [String] = []
        var batchIDs: Set<ExactID> = []
        for candidate in candidates {
            func refuse(_ member: String?, _ message: String) -> LedgerError {
                LedgerError(.invalid, file: inputName, line: candidate.line, member: member, message)
            }
            var object = candidate.object
            for key in computedMembers where object[key] != nil {
                throw refuse(key, "`\(key)` is computed by ctg append; leave it out of the input.")
            }
            guard case .string(let id)? = object["id"], !id.isEmpty else {
                throw refuse("id", "expected a non-empty string id for the event.")
            }
            if !batchIDs.insert(ExactID(id)).inserted {
                throw refuse("id", "the id \"\(id)\" appears twice in the input.")
            }
            let givenRecorded = object["recorded"] != nil
            if let stored = storedByID[ExactID(id)] {
                if sameContent(stored.object, object, ignoringRecorded: !givenRecorded) {
                    alreadyPresent.append(id)
                    continue
                }
                throw refuse(
                    "id",
                    "the id \"\(id)\" is already used by seq \(stored.seq) with different content; an event is never changed: use a new id (or event.corrected to correct it)."
                )
            }
            seq += 1
            if let given = object["seq"] {
                guard given.intValue == seq else {
                    throw refuse("seq", "seq is assigned by ctg append; expected it absent or \(seq), found \(JSONWriter.string(given)).")
                }
            }
            var recorded = max(now, lastRecorded ?? now)
            if givenRecorded {
                guard case .string(let text)? = object["recorded"], let stamp = Timestamp(rfc3339: text) else {
                    throw refuse("recorded", "expected an RFC 3339 timestamp such as 2025-12-19T10:00:00Z.")
                }
                if let lastRecorded, stamp < lastRecorded {
                    throw refuse(
                        "recorded", "expected a time at or after the log's last recorded time \(lastRecorded) (recorded never decreases); found \(stamp).")
                }
                recorded = stamp
            }
            lastRecorded = recorded
            object = envelopeOrdered(object, seq: seq, recorded: recorded)
            let event: Event
            do {
                event = try Event(object: object, line: candidate.line)
            } catch {
                throw LedgerError(.invalid, file: inputName, line: candidate.line, member: error.member, error.message)
            }
            if let problem = validator.check(event).first {
                throw LedgerError(.invalid, file: inputName, line: candidate.line, member: problem.member, problem.message)
            }
            let sealed = SealFormat.seal(object, prev: prev)
            guard sealed.line.count <= LineReader.maximumLineLength else {
                throw refuse(nil, "the event is longer than \(LineReader.maximumLineLength) bytes once written.")
            }
            output.append(contentsOf: sealed.line)
            indexLines.append((event.convention, event.id, seq, sealed.hash, recorded, sealed.line.count - 1))
            prev = sealed.hash
            appended.append(seq)
        }
        if !output.isEmpty {
            try write(output, to: file, writer: writer)
        }
        if index != nil {
            // The index follows the log (best effort: a later command rescans what it lacks).
            var offset = index!.coveredSize
            for line in indexLines {
                index!.add(
                    convention: line.convention, id: line.id, seq: line.seq, hash: line.hash, recorded: line.recorded, offset: offset, length: line.length)
                offset += line.length + 1
            }
            index!.saveAfterAppend(log: path)
        }
        return AppendResult(
            appended: appended, alreadyPresent: alreadyPresent, lastSeq: seq, head: appended.isEmpty ? basis.lastHash : prev)
    }

    /// What an append checks its input against: the log's end, the references known, the stored events with the input's ids.
    struct Basis {
        var lastSeq: Int
        var lastHash: String?
        var lastRecorded: Timestamp?
        var validator: ReferenceValidator
        /// Stored events by id (at least those whose id the input uses).
        var storedByID: [ExactID: Event]
        /// The sidecar index brought up to the log's end, to be extended with what is written.
        var index: LogIndex?
    }

    /// The basis from a full read of the log (every line checked, hashes included); builds the index
    /// on the way, then reads through it the references the input needs, as from a stored index:
    /// nothing per event is kept but the index (a million events fit in it).
    private static func fullBasis(_ candidates: [Candidate], file: borrowing LockedFile) throws(LedgerError) -> Basis {
        let path = file.path
        var scanner = LogScanner(file: path)
        // Only the envelope is read of each event (for the index): the data is checked, not built.
        scanner.decoding = LineDecoding(keepsLines: false, detail: .check, readsPayload: false)
        var index = LogIndex()
        // On two threads, hashes four lines at a time (`ParallelScan`), from the file held locked.
        try LogPass.scan(path: path, fd: file.fd, with: &scanner, chunkSize: Ledger.fullReadChunkSize) {
            (event: Event?, place: LogPass.Place, _: inout LogScanner) throws(LedgerError) in
            guard let event else { return }
            index.add(event, offset: place.offset, length: place.length)
        }
        if let torn = scanner.tornLine {
            throw LedgerError(
                .invalid, file: path, line: torn.line,
                "the log ends with a torn line (no final newline); nothing is appended until `ctg repair \(path)` moves it aside.")
        }
        if let first = scanner.findings.first(where: { $0.severity == .error }) {
            throw LedgerError(
                .invalid, file: path, line: first.line, seq: first.seq, member: first.member,
                "the log is invalid, so nothing is appended (run `ctg verify \(path)`): \(first.message)")
        }
        if scanner.sealed == false {
            throw LedgerError(
                .invalid, file: path,
                "the log is not sealed; `ctg append` writes sealed lines onto a sealed or empty log. Make a sealed copy with `ctg seal \(path) --output FILE`.")
        }
        // Every line was just checked: a line that does not read back the same was changed meanwhile.
        guard let references = references(candidates, index: index, fd: file.fd) else {
            throw LedgerError(.io, file: path, "the log changed while it was read (without the lock?); nothing was appended. Try again.")
        }
        return Basis(
            lastSeq: scanner.lastSeq, lastHash: scanner.lastHash, lastRecorded: scanner.lastRecorded, validator: references.validator,
            storedByID: references.storedByID, index: scanner.sealed == true && scanner.findings.isEmpty ? index : nil)
    }

    /// The basis from the sidecar index, when it matches the log: the lines after the indexed part
    /// are checked as the full read would, the references rebuilt from the lines of the input's
    /// conventions (and of the events its corrections target), and ids looked up in the id table.
    /// `nil` on any doubt: the caller then reads the whole log.
    private static func indexedBasis(_ candidates: [Candidate], file: borrowing LockedFile) -> Basis? {
        guard let index = LogIndex.load(log: file.path, fd: file.fd, checkHashes: true, needIDs: true, writable: true),
            let references = references(candidates, index: index, fd: file.fd)
        else { return nil }
        return Basis(
            lastSeq: index.lastSeq, lastHash: index.lastHash, lastRecorded: index.lastRecorded, validator: references.validator,
            storedByID: references.storedByID, index: index)
    }

    /// What the input is checked against, read through an index of the whole log: the validator
    /// knows the lines of the input's conventions and of the conventions of the events its ids and
    /// corrections name (looked up in the id table, confirmed by reading the line); `nil` when a line
    /// does not read back as the index says.
    private static func references(
        _ candidates: [Candidate], index: LogIndex, fd: Int32
    ) -> (validator: ReferenceValidator, storedByID: [ExactID: Event])? {
        var storedByID: [ExactID: Event] = [:]
        var entries: [Int: LogIndex.Entry] = [:]
        var targets: [String] = []
        for candidate in candidates {
            if case .string(let convention)? = candidate.object["convention"] {
                guard let lines = index.entries(of: convention) else { return nil }
                for entry in lines { entries[entry.offset] = entry }
            }
            if case .string(let id)? = candidate.object["id"] { targets.append(id) }
            if case .object(let data)? = candidate.object["data"], case .string(let target)? = data["target"] { targets.append(target) }
        }
        for id in targets where storedByID[ExactID(id)] == nil {
            let lookup = index.storedEvent(id: id, fd: fd)
            if case .doubt = lookup { return nil }
            guard case .found(let event) = lookup else { continue }
            storedByID[ExactID(id)] = event
            // Its convention's lines too, so that the validator knows it as the full read would.
            guard let lines = index.entries(of: event.convention) else { return nil }
            for entry in lines { entries[entry.offset] = entry }
        }
        var validator = ReferenceValidator()
        for entry in entries.values.sorted(by: { $0.offset < $1.offset }) {
            guard let event = LogIndex.event(at: entry, fd: fd) else { return nil }
            validator.record(event)
        }
        return (validator, storedByID)
    }

    /// Writes all bytes at the end, flushes them, and on any failure cuts the file back to its size before.
    private static func write(_ output: [UInt8], to file: borrowing LockedFile, writer: LogWriter) throws(LedgerError) {
        let original = try FileIO.size(file.fd, path: file.path)
        let result: Result<Void, LedgerError> = output.withUnsafeBytes { bytes in
            do throws(LedgerError) {
                guard lseek(file.fd, off_t(original), SEEK_SET) >= 0 else {
                    throw LedgerError(.io, file: file.path, "cannot seek to the end of the log: \(FileIO.reason()).")
                }
                try writer.write(file.fd, bytes, file.path)
                try writer.sync(file.fd, file.path)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = result {
            let restored = ftruncate(file.fd, off_t(original)) == 0 && fsync(file.fd) == 0
            var message = error.message + " Nothing was appended"
            message +=
                restored ? "; the log is as it was." : "; WARNING: the log could not be cut back to \(original) bytes (\(FileIO.reason())): run `ctg verify`."
            throw LedgerError(.io, file: file.path, message)
        }
        if file.created { FileIO.syncDirectory(of: file.path) }
    }

    /// The object with the envelope first (`seq`, `id`, `convention`, `type`, `recorded`, `effective`) and the rest in input order.
    static func envelopeOrdered(_ object: JSONObject, seq: Int, recorded: Timestamp) -> JSONObject {
        var members = [JSONObject.Member("seq", .int(seq))]
        for key in ["id", "convention", "type"] { if let v = object[key] { members.append(JSONObject.Member(key, v)) } }
        members.append(JSONObject.Member("recorded", .string(recorded.description)))
        if let v = object["effective"] { members.append(JSONObject.Member("effective", v)) }
        let placed: Set<String> = ["seq", "id", "convention", "type", "recorded", "effective", "prev", "hash"]
        members += object.members.filter { !placed.contains($0.key) }
        return JSONObject(members)
    }

    /// Same event content: every member but `seq`, `prev`, `hash` (and `recorded` when the retry
    /// leaves it out) equal, as written: byte for byte, so that a convention (or any text) written
    /// with a differently composed accent is different content (`ExactID`); `recorded` as an instant.
    static func sameContent(_ stored: JSONObject, _ candidate: JSONObject, ignoringRecorded: Bool) -> Bool {
        var ignored: Set<String> = ["seq", "prev", "hash"]
        if ignoringRecorded { ignored.insert("recorded") }
        func normalized(_ o: JSONObject) -> [ExactID: [UInt8]] {
            var result: [ExactID: [UInt8]] = [:]
            for m in o.members where !ignored.contains(m.key) {
                var value = m.value
                if m.key == "recorded", let r = value.stringValue, let t = Timestamp(rfc3339: r) { value = .string(t.description) }
                var bytes: [UInt8] = []
                JSONWriter.write(value, into: &bytes)
                result[ExactID(m.key)] = bytes
            }
            return result
        }
        return normalized(stored) == normalized(candidate)
    }
}

/// The seam through which `append` writes and flushes, so tests can make the disk fail.
public struct LogWriter: Sendable {
    /// Writes every byte, or throws.
    public var write: @Sendable (Int32, UnsafeRawBufferPointer, String) throws(LedgerError) -> Void
    /// Flushes to stable storage, or throws.
    public var sync: @Sendable (Int32, String) throws(LedgerError) -> Void

    /// Creates a writer from its two operations.
    public init(
        write: @escaping @Sendable (Int32, UnsafeRawBufferPointer, String) throws(LedgerError) -> Void,
        sync: @escaping @Sendable (Int32, String) throws(LedgerError) -> Void
    ) {
        self.write = write
        self.sync = sync
    }

    /// The real `write(2)` and `fsync(2)`.
    public static let system = LogWriter(
        write: { (fd, bytes, path) throws(LedgerError) in try FileIO.writeAll(fd, bytes, path: path) },
        sync: { (fd, path) throws(LedgerError) in
            if fsync(fd) != 0 { throw LedgerError(.io, file: path, "cannot flush the log to disk: \(FileIO.reason()).") }
        })
}
