/// Reads log lines one at a time and checks the envelope rules of sections 2
/// and 3: JSON syntax, members, `seq` without gaps, unique ids, `recorded`
/// non-decreasing, sealing all-or-nothing, and the hash chain.
struct LogScanner {
    /// The zero hash that the first sealed line names as `prev`.
    static let zeroHash = String(repeating: "0", count: 64)

    let file: String
    /// Recompute each line's SHA-256 (`verify`, `append`); projections only check the links.
    var checkHashes: Bool

    private(set) var lastSeq = 0
    /// The last line's `hash` (the link the next line's `prev` must name).
    private(set) var lastSeal: SealText?
    /// The same as written.
    var lastHash: String? { lastSeal?.description }
    private(set) var lastRecorded: Timestamp?
    /// `true` when the log's lines carry `prev` and `hash`; `nil` before the first line.
    private(set) var sealed: Bool?
    private(set) var findings: [Finding] = []
    private(set) var lineCount = 0
    /// The torn final fragment, if any: its line number and byte offset.
    private(set) var tornLine: (line: Int, offset: Int, length: Int)?
    /// Every id read, with where its line is (confirmed by reading the line back on a hash match).
    private(set) var ids: IDTable
    /// The parser's buffer, reused from line to line.
    private let tape = JSONTape()
    /// What each event keeps of its line and how much of it is built (`LineDecoding`).
    var decoding = LineDecoding()
    /// Whether the line being checked has `hash` as its last member.
    private var hashIsLastMember = false

    /// A scanner of the log at `file`; ids are confirmed by reading its lines back (kept whole
    /// when the file cannot be opened).
    init(file: String, checkHashes: Bool = true) {
        self.file = file
        self.checkHashes = checkHashes
        ids = IDTable(source: LineSource(path: file))
    }

    /// A scanner for the lines after a well-formed sealed prefix (known from a `LogIndex`);
    /// ids are then checked only among the lines it reads.
    init(file: String, checkHashes: Bool, continuingAfter lastSeq: Int, lastHash: String, lastRecorded: Timestamp?) {
        self.init(file: file, checkHashes: checkHashes)
        self.lastSeq = lastSeq
        self.lastSeal = SealText(lastHash)
        self.lastRecorded = lastRecorded
        self.sealed = true
        self.lineCount = lastSeq
    }

    private func hashMismatch(_ number: Int, seq: Int, computed: String, found hash: String) -> Finding {
        Finding(
            .error, rule: "chain", file: file, line: number, seq: seq, member: "hash",
            "the line's content does not match its hash: it was changed after sealing (expected \(computed), the SHA-256 of the line before `,\"hash\":`; found \(hash))."
        )
    }

    /// Replaces the hash of event ids (tests force collisions with it); before the first line.
    mutating func useIDHash(_ hash: @escaping @Sendable (String) -> UInt64) { ids.hash = hash }

    /// The `seq` of an event id already read, if any.
    func seq(ofID id: String) -> Int? { ids.first(id)?.seq }

    /// `true` when an error was found.
    var hasErrors: Bool { findings.contains { $0.severity == .error } }

    private mutating func fail(_ line: Int, seq: Int? = nil, member: String? = nil, rule: String, _ message: String) {
        findings.append(Finding(.error, rule: rule, file: file, line: line, seq: seq, member: member, message))
    }

    /// Checks one line; returns its event when the line is well formed (other checks may still fail).
    mutating func scan(_ raw: RawLine) -> Event? {
        accept(LogScanner.decode(raw, tape: tape, hashing: checkHashes, decoding: decoding))
    }

    /// Decodes one line on its own, without the log's state: what `accept` then checks in order.
    /// Pure apart from the tape it parses into, so several threads can decode lines of one log,
    /// each with its own tape.
    ///
    /// - Parameters:
    ///   - hashing: also compute the SHA-256 of a sealed line (when `accept` would check it).
    ///   - decoding: what the event keeps of its line and how much of it is built.
    ///   - digest: the SHA-256 of the line's hashed part when the caller already computed it (see
    ///     `sealedDigests`); otherwise it is computed here when needed.
    static func decode(
        _ raw: RawLine, tape: JSONTape, hashing: Bool, decoding: LineDecoding = LineDecoding(), digest: SHA256Digest? = nil
    ) -> DecodedLine {
        if decoding.detail == .envelope {
            // The data skipped over, not read: a line that is not then a well-formed event is read
            // again, whole and checked, for the verdict every other detail gives.
            let optimistic = decode(raw, tape: tape, hashing: hashing, decoding: decoding, skipping: decoding.detail.skipped, digest: digest)
            guard case .event = optimistic.outcome else {
                var checked = decoding
                checked.detail = .check
                return decode(raw, tape: tape, hashing: hashing, decoding: checked, skipping: .nothing, digest: digest)
            }
            return optimistic
        }
        // With a focus, the other conventions' lines are checked whole: nothing is skipped.
        let skip = decoding.focus == nil ? decoding.detail.skipped : .nothing
        return decode(raw, tape: tape, hashing: hashing, decoding: decoding, skipping: skip, digest: digest)
    }

    /// `decode`, with the part of the line the parser skips over.
    private static func decode(
        _ raw: RawLine, tape: JSONTape, hashing: Bool, decoding: LineDecoding, skipping: JSONTape.Skip, digest: SHA256Digest?
    ) -> DecodedLine {
        var line = DecodedLine(number: raw.number, offset: raw.offset, length: raw.bytes.count, outcome: .torn)
        guard raw.terminated else { return line }
        var bytes = raw.bytes
        if raw.number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            line.byteOrderMark = true
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        if bytes.last == 0x0D {
            line.outcome = .carriageReturn
            return line
        }
        if bytes.isEmpty {
            line.outcome = .blank
            return line
        }
        if decoding.checksFast, let envelope = skipping == .data ? FastLineCheck.checkEnvelope(bytes) : FastLineCheck.check(bytes),
            decoding.takesFastCheck(envelope, of: bytes)
        {
            // Lines outside a focus keep no copy, as when decoded.
            let event = Event(checked: envelope, bytes: bytes, line: raw.number, keepingLine: decoding.keepsLines && decoding.focus == nil)
            line.outcome = .event(event, hashIsLastMember: envelope.hashIsLastMember)
            if !line.byteOrderMark { line.elements = envelope.elements }
        } else {
            let object: JSONNode
            do {
                object = try tape.parse(bytes, skipping: skipping)
            } catch {
                line.outcome = .notJSON(error)
                line.writtenHash = writtenHash(bytes)
                return line
            }
            guard object.kind == .object else {
                line.outcome = .notObject(object.typeName)
                return line
            }
            do {
                let event = try Event(root: object, bytes: bytes, line: raw.number, decoding: decoding)
                line.outcome = .event(event, hashIsLastMember: object.hasLastMember(named: "hash"))
            } catch {
                line.outcome = .badEnvelope(error, seq: object["seq"]?.int)
                line.writtenHash = writtenHash(bytes)
                return line
            }
        }
        line.sealSuffix = bytes.count > SealFormat.suffixLength && SealFormat.hasHashSuffix(bytes)
        if hashing && line.sealSuffix {
            line.computedHash = digest ?? SHA256.hash(bytes: SealFormat.hashedPart(of: bytes))
        }
        return line
    }

    /// The SHA-256 of the hashed part of each of `lines` (complete lines, `\n` excluded, with their
    /// offsets) that ends like a sealed line (after the byte order mark of the file's first line,
    /// as `decode` sees it), hashed together in SIMD lanes; `nil` for the others.
    static func sealedDigests(_ lines: [(bytes: UnsafeRawBufferPointer, offset: Int)]) -> [SHA256Digest?] {
        var hashed: [UnsafeRawBufferPointer] = []
        var sealed: [Int] = []
        for (index, line) in lines.enumerated() {
            var bytes = line.bytes
            if line.offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
            }
            guard bytes.count > SealFormat.suffixLength, SealFormat.hasHashSuffix(bytes) else { continue }
            hashed.append(SealFormat.hashedPart(of: bytes))
            sealed.append(index)
        }
        var digests = [SHA256Digest?](repeating: nil, count: lines.count)
        guard !hashed.isEmpty else { return digests }
        let computed = [SHA256Digest](unsafeUninitializedCapacity: hashed.count) { buffer, initialized in
            hashed.withUnsafeBufferPointer { MultiBufferSHA256.hash($0, into: buffer.baseAddress!) }
            initialized = hashed.count
        }
        for (index, digest) in zip(sealed, computed) { digests[index] = digest }
        return digests
    }

    /// The hash written at the end of a line that ends like a sealed one.
    private static func writtenHash(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard SealFormat.hasHashSuffix(bytes) else { return nil }
        return String(decoding: SealFormat.writtenHash(of: bytes), as: UTF8.self)
    }

    /// Checks a decoded line against the lines before it (in file order); returns its event when
    /// the line is well formed (other checks may still fail).
    mutating func accept(_ line: DecodedLine) -> Event? {
        let number = line.number
        lineCount = number
        if line.byteOrderMark {
            fail(number, rule: "encoding", "the file starts with a UTF-8 byte order mark (BOM); the log must be plain UTF-8 JSON Lines without one.")
        }
        switch line.outcome {
        case .torn:
            tornLine = (number, line.offset, line.length)
            fail(
                number, rule: "torn",
                "the last line has no final newline: it is a torn write (an interrupted append); it is not used. `ctg repair` moves it into a side file.")
        case .carriageReturn:
            fail(number, rule: "line-end", "the line ends with CR LF; the log must use LF (\\n) line ends only.")
        case .blank:
            fail(number, rule: "blank-line", "blank line; a log has one JSON object on every line and no blank lines.")
            lastSeq += 1
        case .notJSON(let error):
            fail(number, member: error.member, rule: "json", "the line is not valid JSON: \(error.description).")
            lastSeq += 1
            keepChainAcross(line.writtenHash)
        case .notObject(let typeName):
            fail(number, rule: "json", "expected a JSON object on the line; found \(typeName).")
            lastSeq += 1
        case .badEnvelope(let error, let seq):
            fail(number, seq: error.seq, member: error.member, rule: "envelope", error.message)
            // Clamped, so that `lastSeq + 1` cannot overflow on a line with an absurd seq.
            lastSeq = min(max(seq ?? lastSeq + 1, 0), Event.maximumSeq)
            keepChainAcross(line.writtenHash)
        case .event(var event, let hashIsLast):
            event.line = number
            hashIsLastMember = hashIsLast
            checkEnvelope(event, line: line)
            return event
        }
        return nil
    }

    /// After an unreadable line, take its hash from the line's end when it has one, so that the
    /// next line's link is still checked against it and a single damaged line is reported once.
    private mutating func keepChainAcross(_ writtenHash: String?) {
        if let writtenHash { lastSeal = SealText(writtenHash) }
    }

    private mutating func checkEnvelope(_ event: Event, line: DecodedLine) {
        let number = event.line
        if event.seq != lastSeq + 1 {
            fail(number, seq: event.seq, member: "seq", rule: "envelope.seq", "expected seq \(lastSeq + 1) (no gaps, in file order); found \(event.seq).")
        }
        lastSeq = event.seq
        if let first = ids.insert(event, offset: line.offset) {
            fail(number, seq: event.seq, member: "id", rule: "envelope.id", "the id \"\(event.id)\" is already used by seq \(first.seq); ids must be unique.")
        }
        if let lastRecorded, event.recorded < lastRecorded {
            fail(
                number, seq: event.seq, member: "recorded", rule: "envelope.recorded",
                "expected a time at or after the previous line's \(lastRecorded) (recorded never decreases); found \(event.recorded).")
        }
        lastRecorded = max(lastRecorded ?? event.recorded, event.recorded)
        checkSeal(event, line: line)
    }

    private mutating func checkSeal(_ event: Event, line: DecodedLine) {
        let number = event.line
        let isSealed = event.prevSeal != nil || event.hashSeal != nil
        if sealed == nil { sealed = isSealed }
        guard sealed == isSealed else {
            fail(
                number, seq: event.seq, member: isSealed ? "hash" : "prev", rule: "chain",
                isSealed
                    ? "this line is sealed but the lines before it are not; a log is sealed on every line or on none."
                    : "this line has no `prev` and `hash` but the log is sealed; every line of a sealed log carries them.")
            lastSeal = event.hashSeal
            return
        }
        guard isSealed else { return }
        defer { lastSeal = event.hashSeal }
        let expectedPrev = lastSeal ?? SealText.zero
        guard let prev = event.prevSeal, prev.isHex64 else {
            fail(
                number, seq: event.seq, member: "prev", rule: "chain",
                "expected the previous line's hash (64 lowercase hex digits); found \(event.prev.map { "\"\($0)\"" } ?? "nothing").")
            return
        }
        if prev != expectedPrev {
            fail(
                number, seq: event.seq, member: "prev", rule: "chain",
                "the chain is broken: expected prev \(expectedPrev) (\(lastSeal == nil ? "64 zeros on the first line" : "the hash of line \(number - 1)")); found \(prev)."
            )
        }
        guard let hash = event.hashSeal, hash.isHex64, hashIsLastMember, line.sealSuffix else {
            fail(
                number, seq: event.seq, member: "hash", rule: "chain",
                "expected `\"hash\":\"<64 lowercase hex digits>\"` as the last member, written exactly as `,\"hash\":\"…\"}` at the end of the line.")
            return
        }
        if checkHashes, let computed = line.computedHash, SealText(computed) != hash {
            findings.append(hashMismatch(number, seq: event.seq, computed: computed.hex, found: hash.description))
        }
    }
}

/// The byte layout of a sealed line's end: `…,"prev":"<64>","hash":"<64>"}`.
enum SealFormat {
    /// `,"hash":"` + 64 hex digits + `"}`.
    static let suffixLength = 9 + 64 + 2
    private static let marker = Array(",\"hash\":\"".utf8)

    /// `true` when the line ends with `,"hash":"<64 chars>"}`.
    static func hasHashSuffix(_ line: UnsafeRawBufferPointer) -> Bool {
        let start = line.count - suffixLength
        guard start >= 0 else { return false }
        for (offset, byte) in marker.enumerated() where line[start + offset] != byte { return false }
        return line[line.count - 2] == UInt8(ascii: "\"") && line[line.count - 1] == UInt8(ascii: "}")
    }

    /// The bytes the hash covers: everything before `,"hash":`.
    static func hashedPart(of line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[0..<(line.count - suffixLength)])
    }

    /// The 64 hex digits written as the hash at the end of a line that `hasHashSuffix`.
    static func writtenHash(of line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let start = line.count - suffixLength + marker.count
        return UnsafeRawBufferPointer(rebasing: line[start..<(start + 64)])
    }

    /// Seals an object's bytes: appends `,"prev":…` then `,"hash":…}` and returns the line (with `\n`) and its hash.
    static func seal(_ object: JSONObject, prev: String) -> (line: [UInt8], hash: String) {
        var members = object.members.filter { $0.key != "prev" && $0.key != "hash" }
        members.append(JSONObject.Member("prev", .string(prev)))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        JSONWriter.write(.object(JSONObject(members)), into: &bytes)
        bytes.removeLast()  // the closing brace
        let hash = bytes.withUnsafeBytes { SHA256.hash(bytes: $0).hex }
        bytes.append(contentsOf: ",\"hash\":\"".utf8)
        bytes.append(contentsOf: hash.utf8)
        bytes.append(contentsOf: "\"}\n".utf8)
        return (bytes, hash)
    }
}
