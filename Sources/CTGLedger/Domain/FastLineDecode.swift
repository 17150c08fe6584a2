/// A fast path for the lines read back at `DecodeDetail.withoutTexts` (the second pass of `verify`)
/// and `.status` (the status lines of `list`): the event built in the same walk over the line's
/// bytes that `FastLineCheck` makes, without a tape; `nil` when not sure, and the line is then
/// decoded as before (`Event.read`).
///
/// It builds exactly what the decoders build at those levels (`EventPayload.decode(type:version:
/// data:detail:)`): the same values, texts left out the same way. Corrections and annulments,
/// rare, are left to the decoders. `FastPathTests` holds it to them on every line of the real
/// logs, a generated ledger, their damaged copies and edits; the fuzz target on every input. A
/// check added to the decoders must be added here too (see `FastLineCheck`).
enum FastLineDecode {
    /// The event `line` holds (without its `\n`, nor a byte order mark), built at `detail`
    /// (`.withoutTexts` or `.status`), when certain; `nil` otherwise.
    ///
    /// - Parameters:
    ///   - number: the line number to record; `nil` takes the line's own `seq`.
    ///   - keepingLine: keep a copy of the line (`Event.object`).
    static func event(_ line: UnsafeRawBufferPointer, number: Int?, detail: DecodeDetail, keepingLine: Bool) -> Event? {
        guard detail == .withoutTexts || detail == .status else { return nil }
        var payload: EventPayload?
        let envelope = FastLineCheck.walk(line) { cursor, type, _ in
            payload = cursor.payload(of: type, status: detail == .status)
            return payload != nil
        }
        guard let envelope, let payload else { return nil }
        return Event(
            checked: envelope, payload: payload, buildsSeal: detail.buildsSeal, bytes: line, line: number ?? envelope.seq,
            keepingLine: keepingLine)
    }
}

/// The builders of each type's `data`, as the decoders build it at `DecodeDetail.withoutTexts`
/// (and `.status` when `status` is set): every member checked as `FastLineCheck` checks it.
extension JSONCursor {
    fileprivate typealias Names = FastLineCheck.Names

    /// A string's content, escapes decoded.
    fileprivate func content(of text: Text) -> String {
        guard text.escaped else { return String(decoding: bytes(of: text), as: UTF8.self) }
        var unescaped: [UInt8] = []
        JSONTape.unescape(bytes(of: text), into: &unescaped)
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// A non-empty string next, built.
    fileprivate mutating func text() -> String? {
        guard let text = string(), !text.isEmpty else { return nil }
        return content(of: text)
    }

    /// `null` or a string next: `value` is set to the string, `nil` for `null`.
    fileprivate mutating func optionalText(_ value: inout String?) -> Bool {
        if null() {
            value = nil
            return true
        }
        guard let text = string() else { return false }
        value = content(of: text)
        return true
    }

    /// `null` or a whole number from 0 to 1 000 000 000 next: `value` is set to it.
    fileprivate mutating func optionalInteger(_ value: inout Int?) -> Bool {
        if null() {
            value = nil
            return true
        }
        value = integer()
        return value != nil
    }

    /// An object next whose member values are all strings, built as an element's fields, in order.
    fileprivate mutating func fields(_ fields: inout [Element.Field]) -> Bool {
        map { cursor, name in
            guard let value = cursor.string() else { return false }
            fields.append(Element.Field(name: cursor.content(of: name), value: cursor.content(of: value)))
            return true
        }
    }

    /// The `data` of an event of `type` next, built; `nil` when not certain (corrections and
    /// annulments are always left to the decoders).
    fileprivate mutating func payload(of type: EventType, status: Bool) -> EventPayload? {
        switch type {
        case .conventionRegistered: return registered(status: status).map(EventPayload.conventionRegistered)
        case .deliberationAdopted: return deliberation().map(EventPayload.deliberationAdopted)
        case .actTransmitted: return transmitted().map(EventPayload.actTransmitted)
        case .actSigned: return signed(status: status).map(EventPayload.actSigned)
        case .avenantConcluded: return avenant(status: status).map(EventPayload.avenantConcluded)
        case .terminationNotified: return notified().map(EventPayload.terminationNotified)
        case .terminationWithdrawn: return withdrawn().map(EventPayload.terminationWithdrawn)
        case .reviewHeld: return review().map(EventPayload.reviewHeld)
        case .actionProgress: return progress().map(EventPayload.actionProgress)
        case .stipulationAnnulled, .eventCorrected: return nil
        }
    }

    private mutating func registered(status: Bool) -> ConventionRegistered? {
        var title: String?
        var kind: String?
        var territory: String?
        var parties: [Party] = []
        var start: CivilDate?
        var end: CivilDate?
        var elements: [Element] = []
        let read = object(names: Names.registered) { cursor, member in
            switch member {
            case 0: title = cursor.text()
            case 1: kind = cursor.text()
            case 2: territory = cursor.text()
            case 3:
                return cursor.nonEmptyArray { item in
                    guard let party = item.party(status: status) else { return false }
                    parties.append(party)
                    return true
                }
            case 4: start = cursor.date()
            case 5: end = cursor.date()
            case 6:
                // Not read back for the status (left out, or read as `[]`).
                if status { return cursor.array { $0.value() } }
                return cursor.array { item in
                    guard let element = item.element() else { return false }
                    elements.append(element)
                    return true
                }
            default: return cursor.value()
            }
            switch member {
            case 0: return title != nil
            case 1: return kind != nil
            case 2: return territory != nil
            case 4: return start != nil
            default: return end != nil
            }
        }
        guard read.has(0, 1, 2, 3, 4, 5, 6), let title, let kind, let territory, let start, let end, start <= end else { return nil }
        return ConventionRegistered(title: title, kind: kind, territory: territory, parties: parties, start: start, end: end, elements: elements)
    }

    private mutating func party(status: Bool) -> Party? {
        var id: String?
        var name: String?
        var kind: Party.Kind?
        var siren: String?
        var population: Int?
        var representative: Party.Representative?
        let read = object(names: Names.party) { cursor, member in
            // Read back for the status, a party is its id and kind (`Party.decode`): the rest is
            // only checked.
            if status && member != 0 && member != 2 {
                switch member {
                case 1: return cursor.nonEmptyString()
                case 3, 4: return cursor.value()
                case 5: return cursor.null() || cursor.object()
                default: return cursor.value()
                }
            }
            switch member {
            case 0: id = cursor.text()
            case 1: name = cursor.text()
            case 2: kind = cursor.enumeration(Party.Kind.self)
            case 3:
                // Nine digits written plainly; anything else is left to the decoders.
                if cursor.null() { return true }
                guard let text = cursor.string(), text.isPlain, text.end - text.start == 9,
                    cursor.bytes(of: text).allSatisfy({ $0 &- UInt8(ascii: "0") < 10 })
                else { return false }
                siren = cursor.content(of: text)
                return true
            case 4: return cursor.optionalInteger(&population)
            case 5:
                if cursor.null() { return true }
                var person: String?
                var role: String?
                let read = cursor.object(names: Names.representative) { cursor, member in
                    switch member {
                    case 0: person = cursor.text()
                    case 1: role = cursor.text()
                    default: return cursor.value()
                    }
                    return (member == 0 ? person : role) != nil
                }
                guard read.has(0, 1), let person, let role else { return false }
                representative = Party.Representative(name: person, role: role)
                return true
            default: return cursor.value()
            }
            switch member {
            case 0: return id != nil
            case 1: return name != nil
            default: return kind != nil
            }
        }
        guard read.has(0, 1, 2), let id, let kind else { return nil }
        if status { return Party(id: id, name: "", kind: kind, json: JSONObject()) }
        guard let name else { return nil }
        return Party(id: id, name: name, kind: kind, siren: siren, population: population, representative: representative, json: JSONObject())
    }

    private mutating func element() -> Element? {
        var id: String?
        var kind: Element.Kind?
        var title: String?
        var fields: [Element.Field] = []
        let read = object(names: Names.element) { cursor, member in
            switch member {
            case 0: id = cursor.text()
            case 1: kind = cursor.enumeration(Element.Kind.self)
            case 2: title = cursor.text()
            // The text is checked, not built (`FieldReader.optionalText`).
            case 3: return cursor.optionalString()
            case 4: return cursor.null() || cursor.fields(&fields)
            default: return cursor.value()
            }
            switch member {
            case 0: return id != nil
            case 1: return kind != nil
            default: return title != nil
            }
        }
        guard read.has(0, 1, 2), let id, let kind, let title else { return nil }
        return Element(id: id, kind: kind, title: title, text: nil, fields: fields)
    }

    /// `convention`, `avenant:N` or `deliberation:<id>` next, built.
    private mutating func act() -> TransmittedAct? {
        guard let text = plainText(), !text.nonASCII else { return nil }
        return TransmittedAct(ascii: bytes(of: text))
    }

    private mutating func deliberation() -> DeliberationAdopted? {
        var id: String?
        var party: String?
        var body: String?
        var number: String?
        var session: CivilDate?
        var convocation: CivilDate?
        var members: MemberCounts?
        var votes: VoteCounts?
        var unanimous: Bool?
        var act: TransmittedAct?
        let read = object(names: Names.deliberation) { cursor, member in
            switch member {
            case 0:
                id = cursor.text()
                return id != nil
            case 1:
                party = cursor.text()
                return party != nil
            case 2:
                body = cursor.text()
                return body != nil
            case 3:
                number = cursor.text()
                return number != nil
            case 4:
                session = cursor.date()
                return session != nil
            case 5: return cursor.optionalDate(&convocation)
            case 6:
                if cursor.null() { return true }
                var counts = MemberCounts()
                let read = cursor.object(names: Names.memberCounts) { cursor, member in
                    switch member {
                    case 0: return cursor.optionalInteger(&counts.inOffice)
                    case 1: return cursor.optionalInteger(&counts.present)
                    case 2: return cursor.optionalInteger(&counts.proxies)
                    case 3: return cursor.optionalInteger(&counts.voting)
                    default: return cursor.value()
                    }
                }
                members = counts
                return read.valid
            case 7:
                if cursor.null() { return true }
                var counts = VoteCounts()
                let read = cursor.object(names: Names.voteCounts) { cursor, member in
                    switch member {
                    case 0: return cursor.optionalInteger(&counts.votesFor)
                    case 1: return cursor.optionalInteger(&counts.against)
                    case 2: return cursor.optionalInteger(&counts.abstain)
                    default: return cursor.value()
                    }
                }
                votes = counts
                return read.valid
            case 8:
                switch cursor.peek() {
                case UInt8(ascii: "t"): unanimous = true
                case UInt8(ascii: "f"): unanimous = false
                default: unanimous = nil
                }
                return cursor.optionalBool()
            case 9:
                act = cursor.act()
                return act != nil
            // The decisions are checked, not built (`FieldReader.texts`).
            case 10: return cursor.array { $0.nonEmptyString() }
            default: return cursor.value()
            }
        }
        guard read.has(0, 1, 2, 3, 4, 9, 10), let id, let party, let body, let number, let session, let act else { return nil }
        return DeliberationAdopted(
            id: id, party: party, body: body, number: number, session: session, convocation: convocation, members: members, votes: votes,
            unanimous: unanimous, act: act, decisions: [])
    }

    private mutating func transmitted() -> ActTransmitted? {
        var act: TransmittedAct?
        var actesID: String?
        var sent: CivilDate?
        var received: CivilDate?
        var published: CivilDate?
        let read = object(names: Names.transmitted) { cursor, member in
            switch member {
            case 0:
                act = cursor.act()
                return act != nil
            case 1: return cursor.optionalText(&actesID)
            case 2:
                sent = cursor.date()
                return sent != nil
            case 3: return cursor.optionalDate(&received)
            case 4: return cursor.optionalDate(&published)
            default: return cursor.value()
            }
        }
        guard read.has(0, 2), let act, let sent else { return nil }
        return ActTransmitted(act: act, actesID: actesID, sent: sent, received: received, published: published)
    }

    private mutating func signed(status: Bool) -> ActSigned? {
        var act: ActReference?
        var parties: [String] = []
        var date: CivilDate?
        var signatories: [Signatory] = []
        let read = object(names: Names.signed) { cursor, member in
            switch member {
            case 0:
                guard let text = cursor.plainText(), !text.nonASCII else { return false }
                act = ActReference(ascii: cursor.bytes(of: text))
                return act != nil
            case 1:
                return cursor.nonEmptyArray { item in
                    guard let party = item.text() else { return false }
                    parties.append(party)
                    return true
                }
            case 2:
                date = cursor.date()
                return date != nil
            // The place is checked, not built (`FieldReader.optionalText`).
            case 3: return cursor.optionalString()
            case 4:
                // Not read back for the status.
                if status { return cursor.value() }
                return cursor.null()
                    || cursor.array { item in
                        var name: String?
                        var role: String?
                        var party: String?
                        let read = item.object(names: Names.signatory) { cursor, member in
                            switch member {
                            case 0:
                                name = cursor.text()
                                return name != nil
                            case 1: return cursor.optionalText(&role)
                            case 2: return cursor.optionalText(&party)
                            default: return cursor.value()
                            }
                        }
                        guard read.has(0), let name else { return false }
                        signatories.append(Signatory(name: name, role: role, party: party))
                        return true
                    }
            default: return cursor.value()
            }
        }
        guard read.has(0, 1, 2), let act, let date else { return nil }
        return ActSigned(act: act, parties: parties, date: date, place: nil, signatories: signatories)
    }

    private mutating func avenant(status: Bool) -> AvenantConcluded? {
        var number: Int?
        var title: String?
        var from: CivilDate?
        var until: CivilDate?
        var changes: [Change] = []
        let read = object(names: Names.avenant) { cursor, member in
            switch member {
            case 0:
                number = cursor.integer(min: 1)
                return number != nil
            case 1:
                title = cursor.text()
                return title != nil
            case 2:
                from = cursor.date()
                return from != nil
            case 3: return cursor.optionalDate(&until)
            case 4:
                return cursor.array { item in
                    guard let change = item.change(status: status) else { return false }
                    changes.append(change)
                    return true
                }
            default: return cursor.value()
            }
        }
        guard read.has(0, 1, 2, 4), let number, let title, let from else { return nil }
        if let until, until < from { return nil }
        return AvenantConcluded(number: number, title: title, effectiveFrom: from, effectiveUntil: until, changes: changes)
    }

    private mutating func change(status: Bool) -> Change? {
        var operation: Change.Operation?
        var id: String?
        var element: Element?
        var set: [Element.Field] = []
        var title: String?
        var hasAppendText = false
        var reason: String?
        var end: CivilDate?
        var party: Party?
        let read = object(names: Names.change) { cursor, member in
            if member == 0 {
                operation = cursor.enumeration(Change.Operation.self)
                return operation != nil
            }
            guard let operation else { return false }
            switch (operation, member) {
            case (.replace, 1), (.amend, 1), (.abrogate, 1), (.removeParty, 1):
                id = cursor.text()
                return id != nil
            case (.add, 2), (.replace, 2):
                element = cursor.element()
                return element != nil
            case (.amend, 3): return cursor.null() || cursor.fields(&set)
            case (.amend, 4): return cursor.optionalText(&title)
            case (.amend, 5):
                // The text appended is checked, not built (`FieldReader.optionalText`).
                if cursor.null() { return true }
                hasAppendText = true
                return cursor.string() != nil
            case (.abrogate, 6): return cursor.optionalText(&reason)
            case (.extend, 7):
                end = cursor.date()
                return end != nil
            case (.addParty, 8):
                party = cursor.party(status: status)
                return party != nil
            default: return cursor.value()
            }
        }
        guard read.valid, let operation else { return nil }
        switch operation {
        case .add: return element.map(Change.add)
        case .replace:
            // The replacing element must carry the id replaced, compared as `String`s.
            guard let id, let element, element.id == id else { return nil }
            return .replace(id: id, element: element)
        case .amend:
            guard let id, !set.isEmpty || title != nil || hasAppendText else { return nil }
            return .amend(id: id, set: set, title: title, appendText: nil)
        case .abrogate: return id.map { .abrogate(id: $0, reason: reason) }
        case .extend: return end.map { .extend(end: $0) }
        case .addParty: return party.map(Change.addParty)
        case .removeParty: return id.map { .removeParty(id: $0) }
        }
    }

    private mutating func notified() -> TerminationNotified? {
        var id: String?
        var kind: TerminationKind?
        var by: String?
        var sent: CivilDate?
        var endsOn: CivilDate?
        let read = object(names: Names.notified) { cursor, member in
            switch member {
            case 0: id = cursor.text()
            case 1: kind = cursor.enumeration(TerminationKind.self)
            case 2: by = cursor.text()
            case 3: sent = cursor.date()
            case 4: return cursor.optionalDate(&endsOn)
            default: return cursor.value()
            }
            switch member {
            case 0: return id != nil
            case 1: return kind != nil
            case 2: return by != nil
            default: return sent != nil
            }
        }
        guard read.has(0, 1, 2, 3), let id, let kind, let by, let sent, kind != .mutual || endsOn != nil else { return nil }
        return TerminationNotified(id: id, kind: kind, by: by, sent: sent, endsOn: endsOn)
    }

    private mutating func withdrawn() -> TerminationWithdrawn? {
        var notice: String?
        var date: CivilDate?
        var reason: String?
        let read = object(names: Names.withdrawn) { cursor, member in
            switch member {
            case 0:
                notice = cursor.text()
                return notice != nil
            case 1:
                date = cursor.date()
                return date != nil
            case 2: return cursor.optionalText(&reason)
            default: return cursor.value()
            }
        }
        guard read.has(0, 1), let notice, let date else { return nil }
        return TerminationWithdrawn(notice: notice, date: date, reason: reason)
    }

    private mutating func review() -> ReviewHeld? {
        var kind: ReviewKind?
        var date: CivilDate?
        let read = object(names: Names.review) { cursor, member in
            switch member {
            case 0:
                kind = cursor.enumeration(ReviewKind.self)
                return kind != nil
            case 1:
                date = cursor.date()
                return date != nil
            // The summary is checked, not built (`FieldReader.optionalText`).
            case 2: return cursor.optionalString()
            default: return cursor.value()
            }
        }
        guard read.has(0, 1), let kind, let date else { return nil }
        return ReviewHeld(kind: kind, date: date, summary: nil)
    }

    private mutating func progress() -> ActionProgress? {
        var element: String?
        var status: ProgressStatus?
        var date: CivilDate?
        let read = object(names: Names.progress) { cursor, member in
            switch member {
            case 0:
                element = cursor.text()
                return element != nil
            case 1:
                status = cursor.enumeration(ProgressStatus.self)
                return status != nil
            case 2:
                date = cursor.date()
                return date != nil
            // The note is checked, not built (`FieldReader.optionalText`).
            case 3: return cursor.optionalString()
            default: return cursor.value()
            }
        }
        guard read.has(0, 1, 2), let element, let status, let date else { return nil }
        return ActionProgress(element: element, status: status, date: date, note: nil)
    }
}
