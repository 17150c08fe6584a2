/// One line of the ledger: the envelope of section 3 and its decoded body.
public struct Event: Sendable {
    /// Position in the file, 1, 2, 3…
    public var seq: Int
    /// The unique event id.
    public var id: String
    /// The stream: the convention's id.
    public var convention: String
    /// The type.
    public var type: EventType
    /// Transaction time: when the ledger learned it.
    public var recorded: Timestamp
    /// Valid time: the civil date from which it has legal effect.
    public var effective: CivilDate
    /// The version of the `data` shape (1 when absent).
    public var version: Int
    /// The decoded `data` (after any upgrade of older versions).
    public var payload: EventPayload
    /// The previous line's hash, on sealed logs.
    public var prev: String? {
        get { prevSeal?.description }
        set { prevSeal = newValue.map(SealText.init) }
    }
    /// This line's hash, on sealed logs.
    public var hash: String? {
        get { hashSeal?.description }
        set { hashSeal = newValue.map(SealText.init) }
    }
    /// `prev` as kept: no string for the 64 hex digits of a sealed line.
    var prevSeal: SealText?
    /// `hash` as kept.
    var hashSeal: SealText?
    /// The 1-based line in the file (0 for events not read from a file).
    public var line: Int
    /// The whole line as read, unknown members included (built from the line's bytes when asked for).
    public var object: JSONObject {
        get {
            switch storage {
            case .object(let object): return object
            case .line(let bytes): return Event.parsedLine(bytes) { $0.materializeObject() } ?? JSONObject()
            }
        }
        set { storage = .object(newValue) }
    }

    /// What the event keeps of its JSON: the line's bytes when read from a log (parsed again only
    /// when `object` is asked for), or an object given or changed.
    private enum Storage: Sendable {
        case line([UInt8])
        case object(JSONObject)
    }

    private var storage: Storage

    /// One member of the line, or `nil` when absent (only that member is built when read from a log).
    func member(_ key: String) -> JSONValue? {
        switch storage {
        case .object(let object): return object[key]
        case .line(let bytes): return Event.parsedLine(bytes) { $0[key]?.materialize() } ?? nil
        }
    }

    private static func parsedLine<R>(_ bytes: [UInt8], _ body: (JSONNode) -> R) -> R? {
        bytes.withUnsafeBytes { buffer in try? JSONTape.withRoot(buffer, body).get() }
    }

    /// The `source.document` and `source.note`, when given.
    public var source: (document: String?, note: String?)? {
        guard case .object(let s)? = member("source") else { return nil }
        return (s["document"]?.stringValue, s["note"]?.stringValue)
    }

    /// The largest `seq` accepted: 2^53 − 1, the largest integer every JSON reader keeps exactly
    /// (RFC 7493); it also keeps `seq + 1` from overflowing.
    public static let maximumSeq = 9_007_199_254_740_991

    /// The envelope members that `ctg append` computes or requires.
    static let envelopeOrder = ["seq", "id", "convention", "type", "recorded", "effective"]

    /// Decodes an event from a parsed line.
    ///
    /// - Parameters:
    ///   - object: the line's JSON object.
    ///   - line: the 1-based line number, for error messages.
    /// - Throws: `LedgerError` naming the member at fault (file left unset).
    public init(object: JSONObject, line: Int) throws(LedgerError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        JSONWriter.write(.object(object), into: &bytes)
        let decoded: Result<Event, LedgerError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONSyntaxError) {
                return try JSONTape.withRoot(buffer) { (root) throws(LedgerError) in
                    try Event(root: root, line: line, storage: .object(object))
                }
            } catch {
                return .failure(LedgerError(.invalid, line: line, "the event is not valid JSON: \(error.description)."))
            }
        }
        self = try decoded.get()
    }

    /// Decodes an event from a log line parsed on a tape, keeping a copy of the line's bytes.
    ///
    /// - Parameters:
    ///   - root: the line's root value, an object.
    ///   - bytes: the line's bytes (without its `\n`).
    ///   - line: the 1-based line number, for error messages.
    ///   - keepingLine: `false` keeps no copy of the line (`object` is then empty, as after
    ///     `withoutObject()`): for passes that only read the decoded fields.
    ///   - detail: how much of `data` to build.
    /// - Throws: `LedgerError` naming the member at fault (file left unset).
    init(
        root: JSONNode, bytes: UnsafeRawBufferPointer, line: Int, keepingLine: Bool = true, detail: DecodeDetail = .full
    ) throws(LedgerError) {
        try self.init(root: root, line: line, storage: keepingLine ? .line(Array(bytes)) : .object(JSONObject()), detail: detail)
    }

    /// Decodes an event from a log line parsed on a tape, as a pass asks (`LineDecoding`): the
    /// events of its focus (or all, without one) at its detail and with their line if it keeps lines;
    /// the others checked only (`DecodeDetail.check`), without their line.
    init(root: JSONNode, bytes: UnsafeRawBufferPointer, line: Int, decoding: LineDecoding) throws(LedgerError) {
        var inFocus = true
        if let focus = decoding.focus, let convention = root.member("convention"), convention.kind == .string {
            // Conventions compare by their bytes (`ExactID`), escapes decoded.
            inFocus = convention.withStringBytes { written in
                focus.withUTF8Bytes { wanted in wanted.elementsEqual(written) }
            }
        }
        try self.init(
            root: root, bytes: bytes, line: line, keepingLine: decoding.keepsLines && inFocus, detail: inFocus ? decoding.detail : .check)
    }

    /// Parses and decodes one log line on its own; `nil` when it is not a well-formed event.
    ///
    /// - Parameters:
    ///   - number: the line number to record; `nil` takes the line's own `seq`.
    ///   - keepingLine: `false` keeps no copy of the line (see `init(root:bytes:line:keepingLine:detail:)`).
    ///   - detail: how much of `data` to build.
    ///   - tape: the tape to parse on (a new one when not given).
    ///   - fast: try `FastLineDecode` first (at the details it builds).
    static func read(
        line bytes: UnsafeRawBufferPointer, number: Int?, keepingLine: Bool = true, detail: DecodeDetail = .full, tape: JSONTape? = nil,
        fast: Bool = true
    ) -> Event? {
        if fast, let event = FastLineDecode.event(bytes, number: number, detail: detail, keepingLine: keepingLine) { return event }
        let tape = tape ?? JSONTape()
        return withExtendedLifetime(tape) { () -> Event? in
            guard let root = try? tape.parse(bytes, skipping: detail.skipped), root.kind == .object else { return nil }
            return try? Event(root: root, bytes: bytes, line: number ?? root["seq"]?.int ?? 0, keepingLine: keepingLine, detail: detail)
        }
    }

    /// An event whose line `FastLineCheck` vouched for: its envelope, and the shared blank payload
    /// of its type (`EventPayload.sharedBlank`), for passes that read only envelopes
    /// (`LineDecoding.readsPayload`).
    ///
    /// With `payload` (`FastLineDecode`), that payload instead, and no `prev` nor `hash` when
    /// `buildsSeal` is `false` (as `DecodeDetail.buildsSeal` says).
    init(
        checked envelope: FastLineCheck.Envelope, payload: EventPayload? = nil, buildsSeal: Bool = true, bytes: UnsafeRawBufferPointer,
        line: Int, keepingLine: Bool
    ) {
        seq = envelope.seq
        id = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[envelope.id]), as: UTF8.self)
        convention = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[envelope.convention]), as: UTF8.self)
        type = envelope.type
        recorded = envelope.recorded
        effective = envelope.effective
        version = EventType.currentVersion
        self.payload = payload ?? .sharedBlank(envelope.type)
        prevSeal = buildsSeal ? envelope.prev : nil
        hashSeal = buildsSeal ? envelope.hash : nil
        self.line = line
        storage = keepingLine ? .line(Array(bytes)) : .object(JSONObject())
    }

    private init(root object: JSONNode, line: Int, storage: Storage, detail: DecodeDetail = .full) throws(LedgerError) {
        let r = FieldReader(object: object, path: "")
        let seq = object.member("seq")?.int
        do throws(LedgerError) {
            guard let seq, seq >= 1, seq <= Event.maximumSeq else {
                throw r.fail("seq", "a whole number from 1 to \(Event.maximumSeq)", found: object.member("seq"))
            }
            self.seq = seq
            id = try r.string("id")
            convention = try r.string("convention")
            type = try r.enumeration("type", EventType.self)
            guard let recordedNode = object.member("recorded"), recordedNode.kind == .string,
                let recorded = recordedNode.withStringBytes({ Timestamp(rfc3339UTF8: $0) })
            else {
                throw r.fail("recorded", "an RFC 3339 UTC timestamp such as 2025-12-19T10:00:00Z", found: object.member("recorded"))
            }
            self.recorded = recorded
            effective = try r.date("effective")
            version = try r.optionalInt("v", min: 1) ?? 1
            if let source = object.member("source"), source.kind != .null, source.kind != .object {
                throw r.fail("source", "an object such as {\"document\": …, \"note\": …}", found: source)
            }
            guard let data = object.member("data") else { throw r.fail("data", "an object", found: nil) }
            payload = try EventPayload.decode(type: type, version: version, data: data, detail: detail)
            if detail.buildsSeal {
                prevSeal = try r.optionalSealText("prev")
                hashSeal = try r.optionalSealText("hash")
            } else {
                _ = try r.checkedOptionalString("prev")
                _ = try r.checkedOptionalString("hash")
            }
            self.line = line
            self.storage = storage
        } catch {
            throw error.located(file: nil, line: line, seq: seq)
        }
    }

    /// The event without its line (`object` emptied): what a long pass keeps, since the
    /// decoded payload is all the projections and checks read, and the line is larger.
    func withoutObject() -> Event {
        var copy = self
        copy.storage = .object(JSONObject())
        return copy
    }

    /// The `data` member as read.
    public var data: JSONValue { member("data") ?? .null }
}
