/// A fast path for the passes that read only each line's envelope (`LineDecoding.readsPayload`
/// off): it checks a line in one walk over its bytes, without a tape, and says either that the
/// line is a well-formed event, with its envelope, or nothing: `nil` means "not sure", and the
/// line is then decoded as before (`LogScanner.decode`), which gives the verdict and its wording.
///
/// Sound by construction: it accepts only what it can check exactly as the decoders at
/// `DecodeDetail.check` do, and gives up on anything else (escapes in names or in parsed
/// strings, `\u` escapes, non-ASCII member names, numbers other than plain integers where an
/// integer is read, nesting deeper than 32 levels, events whose `data` comes before `type`).
/// `FastPathTests` holds it to the decoders on every line of the real logs, a generated ledger,
/// their damaged copies and edits of the grammar and the contract; the fuzz target on every input.
///
/// The checks of each type's `data` (`JSONCursor.data(of:elements:)`) repeat the decoders'
/// (`EventPayload.decode(type:version:data:detail:)`), and `FastLineDecode`'s builders repeat them
/// once more: a check added to the decoders (a member made required, a relation between members)
/// must be added to both, or they would take lines the decoders refuse.
enum FastLineCheck {
    /// What a pass reads of a well-formed event's envelope.
    struct Envelope: Equatable {
        /// `seq`.
        var seq: Int
        /// The bytes of `id`'s text in the line (written without escapes).
        var id: Range<Int>
        /// The bytes of `convention`'s text in the line (written without escapes).
        var convention: Range<Int>
        /// `type`.
        var type: EventType
        /// `recorded`.
        var recorded: Timestamp
        /// `effective`.
        var effective: CivilDate
        /// `prev`, when present and not `null`.
        var prev: SealText?
        /// `hash`, when present and not `null`.
        var hash: SealText?
        /// Whether the line's last member is `hash`.
        var hashIsLastMember: Bool
        /// For a registration: where its `data.elements` array is in the line (what a read back at
        /// `DecodeDetail.status` does not read).
        var elements: Range<Int>? = nil
    }

    /// The envelope of `line` (without its `\n`, nor a byte order mark) when it is certainly a
    /// well-formed event of version 1; `nil` when it is not, or may not be.
    static func check(_ line: UnsafeRawBufferPointer) -> Envelope? {
        walk(line) { cursor, type, elements in cursor.data(of: type, elements: &elements) }
    }

    /// The envelope of `line` as `DecodeDetail.envelope` reads it: the data only skipped over
    /// (`JSONTape.Skip.data`), not checked; `nil` when the line is not certainly such an event.
    static func checkEnvelope(_ line: UnsafeRawBufferPointer) -> Envelope? {
        walk(line) { cursor, _, _ in cursor.skipObject() }
    }

    /// The envelope of `line` as `check` reads it, its `data` read by `readData` (which checks it
    /// for the event's type, may build it, and sets where a registration's elements are).
    static func walk(
        _ line: UnsafeRawBufferPointer, _ readData: (inout JSONCursor, EventType, inout Range<Int>?) -> Bool
    ) -> Envelope? {
        guard !line.isEmpty else { return nil }
        var cursor = JSONCursor(line)
        var seq: Int?
        var id: JSONCursor.Text?
        var convention: JSONCursor.Text?
        var type: EventType?
        var recorded: Timestamp?
        var effective: CivilDate?
        var hasData = false
        var prev: SealText?
        var hash: SealText?
        var lastIsHash = false
        var elements: Range<Int>?
        let read = cursor.object(names: Names.envelope) { cursor, member in
            lastIsHash = member == 10
            switch member {
            case 0: seq = cursor.integer(min: 1, max: Event.maximumSeq)
            case 1: id = cursor.plainText()
            case 2: convention = cursor.plainText()
            case 3: type = cursor.enumeration(EventType.self)
            case 4: recorded = cursor.plainText().flatMap { Timestamp(rfc3339UTF8: cursor.bytes(of: $0)) }
            case 5: effective = cursor.date()
            case 6: return cursor.null() || cursor.integer(min: 1) == EventType.currentVersion
            case 7: return cursor.null() || cursor.object()
            case 8:
                // The data is checked for its type: a line that gives it first is left to the tape.
                guard let type else { return false }
                hasData = true
                return readData(&cursor, type, &elements)
            case 9: return cursor.seal(&prev)
            case 10: return cursor.seal(&hash)
            default: return cursor.value()
            }
            // The members read into optionals: present and valid, or the line is not certain.
            switch member {
            case 0: return seq != nil
            case 1: return id != nil
            case 2: return convention != nil
            case 3: return type != nil
            case 4: return recorded != nil
            default: return effective != nil
            }
        }
        guard read.valid, cursor.isAtEnd(), hasData, let seq, let id, let convention, let type, let recorded, let effective else { return nil }
        return Envelope(
            seq: seq, id: id.start..<id.end, convention: convention.start..<convention.end, type: type, recorded: recorded,
            effective: effective, prev: prev, hash: hash, hashIsLastMember: lastIsHash, elements: elements)
    }

    /// The member names of each object of the contract, in the order `ctg append` writes them.
    enum Names {
        static let envelope = MemberNames(["seq", "id", "convention", "type", "recorded", "effective", "v", "source", "data", "prev", "hash"])
        static let registered = MemberNames(["title", "kind", "territory", "parties", "start", "end", "elements"])
        static let party = MemberNames(["id", "name", "kind", "siren", "population", "representative"])
        static let representative = MemberNames(["name", "role"])
        static let element = MemberNames(["id", "kind", "title", "text", "fields"])
        static let deliberation = MemberNames([
            "id", "party", "body", "number", "session", "convocation", "members", "votes", "unanimous", "act", "decisions",
        ])
        static let memberCounts = MemberNames(["in_office", "present", "proxies", "voting"])
        static let voteCounts = MemberNames(["for", "against", "abstain"])
        static let transmitted = MemberNames(["act", "actes_id", "sent", "received", "published"])
        static let signed = MemberNames(["act", "parties", "date", "place", "signatories"])
        static let signatory = MemberNames(["name", "role", "party"])
        static let avenant = MemberNames(["number", "title", "effective_from", "effective_until", "changes"])
        static let change = MemberNames(["op", "id", "element", "set", "title", "append_text", "reason", "end", "party"])
        static let notified = MemberNames(["id", "kind", "by", "sent", "ends_on"])
        static let withdrawn = MemberNames(["notice", "date", "reason"])
        static let annulled = MemberNames(["element", "decision", "date"])
        static let decision = MemberNames(["court", "reference"])
        static let corrected = MemberNames(["target", "reason", "data"])
        static let review = MemberNames(["kind", "date", "summary"])
        static let progress = MemberNames(["element", "status", "date", "note"])
    }
}

/// The checks of each type's `data`, as the decoders make them at `DecodeDetail.check`
/// (`EventPayload.decode(type:version:data:detail:)`): the members they read, with the same
/// types, formats, ranges and relations; other members are only checked as JSON.
extension JSONCursor {
    /// The `data` of an event of `type` next; `elements` is set to where a registration's elements are.
    mutating func data(of type: EventType, elements: inout Range<Int>?) -> Bool {
        typealias Names = FastLineCheck.Names
        switch type {
        case .conventionRegistered:
            var start: CivilDate?
            var end: CivilDate?
            let read = object(names: Names.registered) { cursor, member in
                switch member {
                case 0, 1, 2: return cursor.nonEmptyString()
                case 3: return cursor.nonEmptyArray { $0.party() }
                case 4:
                    start = cursor.date()
                    return start != nil
                case 5:
                    end = cursor.date()
                    return end != nil
                case 6:
                    guard cursor.peek() == UInt8(ascii: "[") else { return false }
                    let start = cursor.index
                    guard cursor.array({ $0.element() != nil }) else { return false }
                    elements = start..<cursor.index
                    return true
                default: return cursor.value()
                }
            }
            guard let start, let end else { return false }
            return read.has(0, 1, 2, 3, 4, 5, 6) && start <= end
        case .deliberationAdopted:
            return object(names: Names.deliberation) { cursor, member in
                switch member {
                case 0, 1, 2, 3: return cursor.nonEmptyString()
                case 4: return cursor.date() != nil
                case 5:
                    var date: CivilDate?
                    return cursor.optionalDate(&date)
                case 6: return cursor.null() || cursor.object(names: Names.memberCounts) { $1 < 0 ? $0.value() : $0.optionalInteger() }.valid
                case 7: return cursor.null() || cursor.object(names: Names.voteCounts) { $1 < 0 ? $0.value() : $0.optionalInteger() }.valid
                case 8: return cursor.optionalBool()
                case 9: return cursor.transmittedAct()
                case 10: return cursor.array { $0.nonEmptyString() }
                default: return cursor.value()
                }
            }.has(0, 1, 2, 3, 4, 9, 10)
        case .actTransmitted:
            return object(names: Names.transmitted) { cursor, member in
                var date: CivilDate?
                switch member {
                case 0: return cursor.transmittedAct()
                case 1: return cursor.optionalString()
                case 2: return cursor.date() != nil
                case 3, 4: return cursor.optionalDate(&date)
                default: return cursor.value()
                }
            }.has(0, 2)
        case .actSigned:
            return object(names: Names.signed) { cursor, member in
                switch member {
                case 0:
                    guard let text = cursor.plainText(), !text.nonASCII else { return false }
                    return ActReference(ascii: cursor.bytes(of: text)) != nil
                case 1: return cursor.nonEmptyArray { $0.nonEmptyString() }
                case 2: return cursor.date() != nil
                case 3: return cursor.optionalString()
                case 4:
                    return cursor.null()
                        || cursor.array { item in
                            item.object(names: Names.signatory) { cursor, member in
                                switch member {
                                case 0: return cursor.nonEmptyString()
                                case 1, 2: return cursor.optionalString()
                                default: return cursor.value()
                                }
                            }.has(0)
                        }
                default: return cursor.value()
                }
            }.has(0, 1, 2)
        case .avenantConcluded:
            var from: CivilDate?
            var until: CivilDate?
            let read = object(names: Names.avenant) { cursor, member in
                switch member {
                case 0: return cursor.integer(min: 1) != nil
                case 1: return cursor.nonEmptyString()
                case 2:
                    from = cursor.date()
                    return from != nil
                case 3: return cursor.optionalDate(&until)
                case 4: return cursor.array { $0.change() }
                default: return cursor.value()
                }
            }
            guard read.has(0, 1, 2, 4), let from else { return false }
            return until.map { $0 >= from } ?? true
        case .terminationNotified:
            var kind: TerminationKind?
            var endsOn: CivilDate?
            let read = object(names: Names.notified) { cursor, member in
                switch member {
                case 0, 2: return cursor.nonEmptyString()
                case 1:
                    kind = cursor.enumeration(TerminationKind.self)
                    return kind != nil
                case 3: return cursor.date() != nil
                case 4: return cursor.optionalDate(&endsOn)
                default: return cursor.value()
                }
            }
            return read.has(0, 1, 2, 3) && (kind != .mutual || endsOn != nil)
        case .terminationWithdrawn:
            return object(names: Names.withdrawn) { cursor, member in
                switch member {
                case 0: return cursor.nonEmptyString()
                case 1: return cursor.date() != nil
                case 2: return cursor.optionalString()
                default: return cursor.value()
                }
            }.has(0, 1)
        case .stipulationAnnulled:
            return object(names: Names.annulled) { cursor, member in
                switch member {
                case 0: return cursor.nonEmptyString()
                case 1:
                    // An object naming the court and the reference, or the reference alone.
                    guard cursor.peek() == UInt8(ascii: "{") else { return cursor.optionalString() }
                    return cursor.object(names: Names.decision) { $1 < 0 ? $0.value() : $0.optionalString() }.valid
                case 2: return cursor.date() != nil
                default: return cursor.value()
                }
            }.has(0, 2)
        case .eventCorrected:
            return object(names: Names.corrected) { cursor, member in
                switch member {
                case 0, 1: return cursor.nonEmptyString()
                case 2: return cursor.object()
                default: return cursor.value()
                }
            }.has(0, 1, 2)
        case .reviewHeld:
            return object(names: Names.review) { cursor, member in
                switch member {
                case 0: return cursor.enumeration(ReviewKind.self) != nil
                case 1: return cursor.date() != nil
                case 2: return cursor.optionalString()
                default: return cursor.value()
                }
            }.has(0, 1)
        case .actionProgress:
            return object(names: Names.progress) { cursor, member in
                switch member {
                case 0: return cursor.nonEmptyString()
                case 1: return cursor.enumeration(ProgressStatus.self) != nil
                case 2: return cursor.date() != nil
                case 3: return cursor.optionalString()
                default: return cursor.value()
                }
            }.has(0, 1, 2)
        }
    }

    /// `convention`, `avenant:N` or `deliberation:<id>` next (`TransmittedAct`), written plainly in ASCII.
    mutating func transmittedAct() -> Bool {
        guard let text = plainText(), !text.nonASCII else { return false }
        let bytes = bytes(of: text)
        if ActReference(ascii: bytes) != nil { return true }
        return bytes.count > 13 && ByteWords.equal(UnsafeRawBufferPointer(rebasing: bytes[0..<13]), "deliberation:")
    }

    /// A party next (`Party.decode`).
    private mutating func party() -> Bool {
        object(names: FastLineCheck.Names.party) { cursor, member in
            switch member {
            case 0, 1: return cursor.nonEmptyString()
            case 2: return cursor.enumeration(Party.Kind.self) != nil
            case 3:
                // Nine digits written plainly; anything else is left to the tape.
                if cursor.null() { return true }
                guard let text = cursor.string(), text.isPlain, text.end - text.start == 9 else { return false }
                return cursor.bytes(of: text).allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
            case 4: return cursor.optionalInteger()
            case 5:
                return cursor.null()
                    || cursor.object(names: FastLineCheck.Names.representative) { $1 < 0 ? $0.value() : $0.nonEmptyString() }.has(0, 1)
            default: return cursor.value()
            }
        }.has(0, 1, 2)
    }

    /// An element next (`Element.decode`); its id's text when it is one.
    private mutating func element() -> Text? {
        var id: Text?
        let read = object(names: FastLineCheck.Names.element) { cursor, member in
            var isEmpty = false
            switch member {
            case 0:
                id = cursor.string()
                return id.map { !$0.isEmpty } ?? false
            case 1: return cursor.enumeration(Element.Kind.self) != nil
            case 2: return cursor.nonEmptyString()
            case 3: return cursor.optionalString()
            case 4: return cursor.null() || cursor.stringMap(isEmpty: &isEmpty)
            default: return cursor.value()
            }
        }
        return read.has(0, 1, 2) ? id : nil
    }

    /// One of an avenant's changes next (`Change.decode`); its `op` must come first.
    private mutating func change() -> Bool {
        var operation: Change.Operation?
        var id: Text?
        var elementID: Text?
        var hasSet = false
        var hasTitle = false
        var hasAppendText = false
        let read = object(names: FastLineCheck.Names.change) { cursor, member in
            if member == 0 {
                operation = cursor.enumeration(Change.Operation.self)
                return operation != nil
            }
            guard let operation else { return false }
            switch (operation, member) {
            case (.replace, 1):
                id = cursor.string()
                return id.map { !$0.isEmpty } ?? false
            case (.amend, 1), (.abrogate, 1), (.removeParty, 1): return cursor.nonEmptyString()
            case (.add, 2), (.replace, 2):
                elementID = cursor.element()
                return elementID != nil
            case (.amend, 3):
                var isEmpty = true
                guard cursor.null() || cursor.stringMap(isEmpty: &isEmpty) else { return false }
                hasSet = !isEmpty
                return true
            case (.amend, 4), (.amend, 5):
                if cursor.null() { return true }
                if member == 4 { hasTitle = true } else { hasAppendText = true }
                return cursor.string() != nil
            case (.abrogate, 6): return cursor.optionalString()
            case (.extend, 7): return cursor.date() != nil
            case (.addParty, 8): return cursor.party()
            default: return cursor.value()
            }
        }
        guard let operation else { return false }
        switch operation {
        case .add: return read.has(0, 2)
        case .replace:
            // The element replacing must carry the id replaced: compared as bytes when both are plain.
            guard read.has(0, 1, 2), let id, let elementID, id.isPlain, elementID.isPlain else { return false }
            return bytes(of: id).elementsEqual(bytes(of: elementID))
        case .amend: return read.has(0, 1) && (hasSet || hasTitle || hasAppendText)
        case .abrogate, .removeParty: return read.has(0, 1)
        case .extend: return read.has(0, 7)
        case .addParty: return read.has(0, 8)
        }
    }

    /// `null` or a `prev` or `hash` string next, written plainly: `seal` is set to it.
    fileprivate mutating func seal(_ seal: inout SealText?) -> Bool {
        if null() { return true }
        guard let text = string(), text.isPlain else { return false }
        seal = SealText(utf8: bytes(of: text))
        return true
    }
}
