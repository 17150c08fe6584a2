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
    public var prev: String?
    /// This line's hash, on sealed logs.
    public var hash: String?
    /// The 1-based line in the file (0 for events not read from a file).
    public var line: Int
    /// The whole line as read, unknown members included.
    public var object: JSONObject

    /// The `source.document` and `source.note`, when given.
    public var source: (document: String?, note: String?)? {
        guard case .object(let s)? = object["source"] else { return nil }
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
        let r = FieldReader(object, path: "")
        let seq = object["seq"]?.intValue
        do throws(LedgerError) {
            guard let seq, seq >= 1, seq <= Event.maximumSeq else {
                throw r.fail("seq", "a whole number from 1 to \(Event.maximumSeq)", found: object["seq"])
            }
            self.seq = seq
            id = try r.string("id")
            convention = try r.string("convention")
            type = try r.enumeration("type", EventType.self)
            guard case .string(let recordedText)? = object["recorded"], let recorded = Timestamp(rfc3339: recordedText) else {
                throw r.fail("recorded", "an RFC 3339 UTC timestamp such as 2025-12-19T10:00:00Z", found: object["recorded"])
            }
            self.recorded = recorded
            effective = try r.date("effective")
            version = try r.optionalInt("v", min: 1) ?? 1
            if let source = object["source"], source != .null, source.objectValue == nil {
                throw r.fail("source", "an object such as {\"document\": …, \"note\": …}", found: source)
            }
            guard let data = object["data"] else { throw r.fail("data", "an object", found: nil) }
            payload = try EventPayload.decode(type: type, version: version, data: data)
            prev = try r.optionalString("prev")
            hash = try r.optionalString("hash")
            self.line = line
            self.object = object
        } catch {
            throw error.located(file: nil, line: line, seq: seq)
        }
    }

    /// The event without its parsed line (`object` emptied): what a long pass keeps, since the
    /// decoded payload is all the projections and checks read, and the tree is several times larger.
    func withoutObject() -> Event {
        var copy = self
        copy.object = JSONObject()
        return copy
    }

    /// The `data` member as read.
    public var data: JSONValue { object["data"] ?? .null }
}
