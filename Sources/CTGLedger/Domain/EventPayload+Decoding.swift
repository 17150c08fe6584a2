extension EventPayload {
    /// Decodes an event's `data` given as a value (a correction's replacement data).
    ///
    /// - Throws: `LedgerError` naming the member (`data.…`) and what was expected.
    static func decode(type: EventType, version: Int, data: JSONValue) throws(LedgerError) -> EventPayload {
        var bytes: [UInt8] = []
        JSONWriter.write(data, into: &bytes)
        let decoded: Result<EventPayload, LedgerError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONSyntaxError) {
                return try JSONTape.withRoot(buffer) { (node) throws(LedgerError) in try decode(type: type, version: version, data: node) }
            } catch {
                return .failure(LedgerError(.invalid, member: "data", "expected valid JSON; \(error.description)."))
            }
        }
        return try decoded.get()
    }

    /// Decodes an event's `data` for its type and version.
    ///
    /// - Throws: `LedgerError` naming the member (`data.…`) and what was expected.
    ///
    /// - Parameter detail: how much to build (`.full` unless the reader never looks at texts).
    static func decode(type: EventType, version: Int, data: JSONNode, detail: DecodeDetail = .full) throws(LedgerError) -> EventPayload {
        guard version == EventType.currentVersion else {
            throw LedgerError(.invalid, member: "v", "expected version 1 of \(type.rawValue) (the only one this ctg knows); found \(version).")
        }
        let r = try FieldReader(data, path: MemberPath("data", detail: detail))
        if detail == .envelope { return .blank(type) }
        switch type {
        case .conventionRegistered:
            let start = try r.date("start")
            let end = try r.date("end")
            guard start <= end else { throw r.fail("end", "a date on or after start \(start)", foundValue: .string(end.description)) }
            return .conventionRegistered(
                ConventionRegistered(
                    title: try r.string("title"), kind: try r.string("kind"), territory: try r.string("territory"),
                    parties: try r.array("parties", allowEmpty: false, Party.decode), start: start, end: end,
                    elements: r.detail == .status ? [] : try r.array("elements", Element.decode)))
        case .deliberationAdopted:
            // Read in the order the contract lists (and `ctg append` writes) the members: each
            // lookup then starts where the last one ended.
            let id = try r.string("id")
            let party = try r.string("party")
            let body = try r.string("body")
            let number = try r.string("number")
            let session = try r.date("session")
            let convocation = try r.optionalDate("convocation")
            var members: MemberCounts?
            if let m = try r.optionalNested("members") {
                members = MemberCounts(
                    inOffice: try m.optionalInt("in_office"), present: try m.optionalInt("present"),
                    proxies: try m.optionalInt("proxies"), voting: try m.optionalInt("voting"))
            }
            var votes: VoteCounts?
            if let v = try r.optionalNested("votes") {
                votes = VoteCounts(votesFor: try v.optionalInt("for"), against: try v.optionalInt("against"), abstain: try v.optionalInt("abstain"))
            }
            return .deliberationAdopted(
                DeliberationAdopted(
                    id: id, party: party, body: body, number: number, session: session, convocation: convocation, members: members,
                    votes: votes, unanimous: try r.optionalBool("unanimous"), act: try TransmittedAct.decode(r, "act"),
                    decisions: try r.texts("decisions")))
        case .actTransmitted:
            return .actTransmitted(
                ActTransmitted(
                    act: try TransmittedAct.decode(r, "act"), actesID: try r.optionalString("actes_id"),
                    sent: try r.date("sent"), received: try r.optionalDate("received"),
                    published: try r.optionalDate("published")))
        case .actSigned:
            let signatories =
                r.detail == .status
                ? nil
                : try r.optionalArray("signatories") { value, path throws(LedgerError) in
                    let s = try FieldReader(value, path: path)
                    return Signatory(name: try s.string("name"), role: try s.optionalString("role"), party: try s.optionalString("party"))
                }
            return .actSigned(
                ActSigned(
                    act: try ActReference.decode(r, "act"), parties: try r.strings("parties", allowEmpty: false),
                    date: try r.date("date"), place: try r.optionalText("place"), signatories: signatories ?? []))
        case .avenantConcluded:
            let from = try r.date("effective_from")
            let until = try r.optionalDate("effective_until")
            if let until, until < from {
                throw r.fail("effective_until", "a date on or after effective_from \(from)", foundValue: .string(until.description))
            }
            return .avenantConcluded(
                AvenantConcluded(
                    number: try r.int("number", min: 1), title: try r.string("title"), effectiveFrom: from,
                    effectiveUntil: until, changes: try r.array("changes", Change.decode)))
        case .terminationNotified:
            let kind = try r.enumeration("kind", TerminationKind.self)
            let endsOn = try r.optionalDate("ends_on")
            if kind == .mutual && endsOn == nil {
                throw r.fail("ends_on", "the last day in force (required for a mutual termination)", found: nil)
            }
            return .terminationNotified(
                TerminationNotified(id: try r.string("id"), kind: kind, by: try r.string("by"), sent: try r.date("sent"), endsOn: endsOn))
        case .terminationWithdrawn:
            return .terminationWithdrawn(
                TerminationWithdrawn(notice: try r.string("notice"), date: try r.date("date"), reason: try r.optionalString("reason")))
        case .stipulationAnnulled:
            var court: String?
            var reference: String?
            if let decision = r.object.member("decision"), decision.kind == .object {
                let d = try FieldReader(decision, path: r.path.appending("decision"))
                court = try d.optionalString("court")
                reference = try d.optionalString("reference")
            } else {
                reference = try r.optionalString("decision")
            }
            return .stipulationAnnulled(
                StipulationAnnulled(element: try r.string("element"), court: court, reference: reference, date: try r.date("date")))
        case .eventCorrected:
            guard let replacement = r.object.member("data"), replacement.kind == .object else {
                throw r.fail("data", "an object: the full replacement data of the target event", found: r.object.member("data"))
            }
            return .eventCorrected(
                EventCorrected(
                    target: try r.string("target"), reason: try r.string("reason"),
                    data: r.detail == .check ? .object(JSONObject()) : replacement.materialize()))
        case .reviewHeld:
            return .reviewHeld(
                ReviewHeld(kind: try r.enumeration("kind", ReviewKind.self), date: try r.date("date"), summary: try r.optionalText("summary")))
        case .actionProgress:
            return .actionProgress(
                ActionProgress(
                    element: try r.string("element"), status: try r.enumeration("status", ProgressStatus.self),
                    date: try r.date("date"), note: try r.optionalText("note")))
        }
    }
}

extension EventPayload {
    /// `blank(type)`, made once per type and shared: for passes that build millions of them.
    static func sharedBlank(_ type: EventType) -> EventPayload {
        switch type {
        case .conventionRegistered: return SharedBlanks.all[0]
        case .deliberationAdopted: return SharedBlanks.all[1]
        case .actTransmitted: return SharedBlanks.all[2]
        case .actSigned: return SharedBlanks.all[3]
        case .avenantConcluded: return SharedBlanks.all[4]
        case .terminationNotified: return SharedBlanks.all[5]
        case .terminationWithdrawn: return SharedBlanks.all[6]
        case .stipulationAnnulled: return SharedBlanks.all[7]
        case .eventCorrected: return SharedBlanks.all[8]
        case .reviewHeld: return SharedBlanks.all[9]
        case .actionProgress: return SharedBlanks.all[10]
        }
    }

    private enum SharedBlanks {
        static let all: [EventPayload] = [
            .conventionRegistered, .deliberationAdopted, .actTransmitted, .actSigned, .avenantConcluded, .terminationNotified,
            .terminationWithdrawn, .stipulationAnnulled, .eventCorrected, .reviewHeld, .actionProgress,
        ].map(EventPayload.blank)
    }

    /// A value of `type` with nothing in it (empty strings and lists, dates of 1 January 1970):
    /// what `DecodeDetail.envelope` gives for data it does not read.
    static func blank(_ type: EventType) -> EventPayload {
        let date = CivilDate(year: 1970, month: 1, day: 1)!
        switch type {
        case .conventionRegistered:
            return .conventionRegistered(ConventionRegistered(title: "", kind: "", territory: "", parties: [], start: date, end: date, elements: []))
        case .deliberationAdopted:
            return .deliberationAdopted(
                DeliberationAdopted(
                    id: "", party: "", body: "", number: "", session: date, convocation: nil, members: nil, votes: nil, unanimous: nil,
                    act: .act(.convention), decisions: []))
        case .actTransmitted:
            return .actTransmitted(ActTransmitted(act: .act(.convention), actesID: nil, sent: date, received: nil, published: nil))
        case .actSigned:
            return .actSigned(ActSigned(act: .convention, parties: [], date: date, place: nil, signatories: []))
        case .avenantConcluded:
            return .avenantConcluded(AvenantConcluded(number: 1, title: "", effectiveFrom: date, effectiveUntil: nil, changes: []))
        case .terminationNotified:
            return .terminationNotified(TerminationNotified(id: "", kind: .denunciation, by: "", sent: date, endsOn: nil))
        case .terminationWithdrawn:
            return .terminationWithdrawn(TerminationWithdrawn(notice: "", date: date, reason: nil))
        case .stipulationAnnulled:
            return .stipulationAnnulled(StipulationAnnulled(element: "", court: nil, reference: nil, date: date))
        case .eventCorrected:
            return .eventCorrected(EventCorrected(target: "", reason: "", data: .object(JSONObject())))
        case .reviewHeld:
            return .reviewHeld(ReviewHeld(kind: .copil, date: date, summary: nil))
        case .actionProgress:
            return .actionProgress(ActionProgress(element: "", status: .planned, date: date, note: nil))
        }
    }
}
