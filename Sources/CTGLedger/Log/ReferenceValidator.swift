/// Checks that each event refers to things that exist in the log before it:
/// its convention, acts, parties, délibérations, notices and elements, and that
/// an avenant's changes can apply (section 5.6: `append` refuses what a projection would skip).
struct ReferenceValidator {
    /// The events read so far, per convention.
    private(set) var eventsByConvention: [String: [Event]] = [:]
    private var allIDs: [String: (convention: String, type: EventType)] = [:]

    /// Records an event already in the log without checking it (O(1)): `append` builds on a log
    /// whose references were checked when each line was written, and checks only its new events.
    mutating func record(_ event: Event) {
        allIDs[event.id] = (event.convention, event.type)
        eventsByConvention[event.convention, default: []].append(event)
    }

    /// Checks an event against what came before it, then records it.
    ///
    /// - Returns: the problems found, each naming the member at fault (empty when it is valid).
    mutating func check(_ event: Event) -> [LedgerError] {
        var problems: [LedgerError] = []
        func refuse(_ member: String, _ message: String) {
            problems.append(LedgerError(.invalid, line: event.line, seq: event.seq, member: member, message))
        }
        let previous = eventsByConvention[event.convention] ?? []
        let history = ConventionHistory(events: previous, convention: event.convention)
        let registered = history.registration != nil
        if case .conventionRegistered = event.payload {
            if registered {
                refuse("type", "the convention \(event.convention) is already registered (seq \(history.registration!.event.seq)); change it with an avenant or correct that event with event.corrected.")
            }
        } else if !registered {
            refuse("convention", "no convention.registered event for \(event.convention) comes before this event; register the convention first.")
        }
        if registered {
            checkReferences(event, history: history, refuse: refuse)
        }
        record(event)
        return problems
    }

    private func checkReferences(_ event: Event, history: ConventionHistory, refuse: (String, String) -> Void) {
        let parties = knownParties(history)
        func checkAct(_ act: TransmittedAct, member: String, draftAllowed: Bool = false) {
            switch act {
            case .act(.convention): break
            case .act(.avenant(let n)):
                // A council may approve an avenant before its text is recorded as concluded.
                if history.avenant(n) == nil && !draftAllowed {
                    refuse(member, "expected an act of this convention; avenant n° \(n) is not recorded before this event (record its avenant.concluded first).")
                }
            case .deliberation(let id):
                if !deliberationIDs(history).contains(id) {
                    refuse(member, "expected a délibération of this convention; there is no deliberation.adopted with id \"\(id)\" before this event.")
                }
            }
        }
        switch event.payload {
        case .conventionRegistered:
            break
        case .deliberationAdopted(let d):
            if !parties.contains(d.party) { refuse("data.party", "expected a party of this convention (\(parties.sorted().joined(separator: ", "))); found \"\(d.party)\".") }
            if deliberationIDs(history).contains(d.id) { refuse("data.id", "the délibération id \"\(d.id)\" is already used in this convention.") }
            checkAct(d.act, member: "data.act", draftAllowed: true)
        case .actTransmitted(let t):
            checkAct(t.act, member: "data.act")
        case .actSigned(let s):
            checkAct(.act(s.act), member: "data.act")
            for (index, party) in s.parties.enumerated() where !parties.contains(party) {
                refuse("data.parties[\(index)]", "expected a party of this convention (\(parties.sorted().joined(separator: ", "))); found \"\(party)\".")
            }
        case .avenantConcluded(let avenant):
            if let earlier = history.avenant(avenant.number) {
                refuse("data.number", "avenant n° \(avenant.number) is already recorded (seq \(earlier.event.seq)); correct it with event.corrected instead.")
            } else {
                checkChanges(event, avenant, history: history, refuse: refuse)
            }
        case .terminationNotified(let notice):
            if !parties.contains(notice.by) { refuse("data.by", "expected a party of this convention (\(parties.sorted().joined(separator: ", "))); found \"\(notice.by)\".") }
            if noticeIDs(history).contains(notice.id) { refuse("data.id", "the notice id \"\(notice.id)\" is already used in this convention.") }
        case .terminationWithdrawn(let withdrawal):
            if !noticeIDs(history).contains(withdrawal.notice) {
                refuse("data.notice", "expected the id of a termination.notified of this convention; found \"\(withdrawal.notice)\".")
            }
        case .stipulationAnnulled(let annulment):
            if !history.everIntroduced(annulment.element) {
                refuse("data.element", "expected an element of this convention; no act introduces \"\(annulment.element)\".")
            }
        case .actionProgress(let progress):
            if !history.everIntroduced(progress.element) {
                refuse("data.element", "expected an element of this convention; no act introduces \"\(progress.element)\".")
            }
        case .eventCorrected(let correction):
            guard let target = allIDs[correction.target] else {
                refuse("data.target", "expected the id of an earlier event; there is no event \"\(correction.target)\" before this one.")
                return
            }
            if target.convention != event.convention {
                refuse("data.target", "the event \"\(correction.target)\" belongs to convention \(target.convention), not \(event.convention).")
            } else if target.type == .eventCorrected {
                refuse("data.target", "a correction cannot target another correction; correct the original event \"\(correction.target)\" again instead.")
            } else {
                do {
                    _ = try EventPayload.decode(type: target.type, version: 1, data: correction.data)
                } catch {
                    let member = error.member.map { "data." + $0 } ?? "data.data"
                    refuse(member, "the replacement data is not valid for \(target.type.rawValue): \(error.message)")
                }
            }
        case .reviewHeld:
            break
        }
    }

    /// Applies the avenant to the text in force at its effect date (every recorded act counted) and refuses what cannot apply.
    private func checkChanges(_ event: Event, _ avenant: AvenantConcluded, history: ConventionHistory, refuse: (String, String) -> Void) {
        var fold = ContentFold(history, at: avenant.effectiveFrom, includeUnconcluded: true)
        fold.skipped = []
        fold.apply(ConventionHistory.AvenantRecord(event: event, avenant: avenant, concluded: false))
        for (index, reason) in fold.skipped {
            refuse("data.changes[\(index)]", "the change cannot apply on \(avenant.effectiveFrom): \(reason).")
        }
    }

    private func knownParties(_ history: ConventionHistory) -> Set<String> {
        var ids = Set(history.registration?.data.parties.map(\.id) ?? [])
        for record in history.avenants {
            for case .addParty(let party) in record.avenant.changes { ids.insert(party.id) }
        }
        return ids
    }

    private func deliberationIDs(_ history: ConventionHistory) -> Set<String> {
        Set(history.events.compactMap { if case .deliberationAdopted(let d) = $0.payload { return d.id } else { return nil } })
    }

    private func noticeIDs(_ history: ConventionHistory) -> Set<String> {
        Set(history.events.compactMap { if case .terminationNotified(let n) = $0.payload { return n.id } else { return nil } })
    }
}

extension Change {
    /// The party this change touches, if any.
    var partyID: String? {
        switch self {
        case .addParty(let party): return party.id
        case .removeParty(let id): return id
        default: return nil
        }
    }
}

