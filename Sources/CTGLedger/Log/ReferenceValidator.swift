/// Checks that each event refers to things that exist in the log before it:
/// its convention, acts, parties, délibérations, notices and elements, and that
/// an avenant's changes can apply (section 5.6: `append` refuses what a projection would skip).
struct ReferenceValidator {
    /// What the validator remembers of one convention: enough to check references
    /// without keeping every event (a log may hold millions).
    struct ConventionIndex {
        var registrationSeq: Int?
        var parties: Set<String> = []
        var deliberationIDs: Set<String> = []
        var noticeIDs: Set<String> = []
        var avenantSeqs: [Int: Int] = [:]
        var introduced: Set<String> = []
        /// The registration, the avenants and corrections of them: what folding the text needs.
        var textEvents: [Event] = []
        var textEventIDs: Set<ExactID> = []

        mutating func learn(_ event: Event) {
            switch event.payload {
            case .conventionRegistered(let r):
                registrationSeq = registrationSeq ?? event.seq
                parties.reserveCapacity(parties.count + r.parties.count)
                for party in r.parties { parties.insert(party.id) }
                introduced.reserveCapacity(introduced.count + r.elements.count)
                for element in r.elements { introduced.insert(element.id) }
                keepForText(event)
            case .avenantConcluded(let a):
                if avenantSeqs[a.number] == nil { avenantSeqs[a.number] = event.seq }
                for change in a.changes {
                    switch change {
                    case .add(let e): introduced.insert(e.id)
                    case .addParty(let p): parties.insert(p.id)
                    default: break
                    }
                }
                keepForText(event)
            case .deliberationAdopted(let d): deliberationIDs.insert(d.id)
            case .terminationNotified(let n): noticeIDs.insert(n.id)
            case .eventCorrected(let c):
                guard textEventIDs.contains(ExactID(c.target)), let target = textEvents.first(where: { $0.id.hasSameBytes(as: c.target) }),
                    let payload = try? EventPayload.decode(type: target.type, version: target.version, data: c.data)
                else { return }
                var corrected = target
                corrected.payload = payload
                learn(corrected)
                textEvents.append(event.withoutObject())
            default: break
            }
        }

        /// `learn`, except a second registration of the convention (which is refused).
        mutating func learnUnlessRegisteredAgain(_ event: Event) {
            if !(event.type == .conventionRegistered && registrationSeq != nil) { learn(event) }
        }

        private mutating func keepForText(_ event: Event) {
            if textEventIDs.insert(ExactID(event.id)).inserted { textEvents.append(event.withoutObject()) }
        }

        /// The convention's text history (corrections applied), for folding.
        func history(_ convention: String) -> ConventionHistory {
            ConventionHistory(events: textEvents, convention: convention)
        }
    }

    /// What is known of each convention, in order of first appearance; `slots` finds a convention's
    /// (by its bytes, as event ids: `ExactID`).
    private var conventions: [ConventionIndex] = []
    private var slots: [ExactID: Int] = [:]
    /// The convention of the last event checked or recorded, and its slot: events of one convention
    /// come in runs (and `verify` checks one convention at a time), so its id is rarely hashed.
    private var last: (convention: String, slot: Int)?
    /// The first event of each id, when the caller does not look ids up itself.
    private var ids: IDTable

    /// An empty validator.
    init() {
        ids = IDTable(source: nil)
    }

    /// The first event read with this id, if any.
    func known(_ id: String) -> IDTable.Known? { ids.first(id) }

    /// Checks an event against what came before it, then records it.
    ///
    /// - Parameters:
    ///   - event: the event, as read.
    ///   - known: looks up the first event recorded before this one with an id, for a caller that
    ///     keeps the log's ids itself (`verify` checks one convention at a time against the
    ///     scanner's table); the validator's own table is then left empty. Pass it for every event or never.
    /// - Returns: the problems found, each naming the member at fault (empty when it is valid).
    mutating func check(_ event: Event, known: ((String) -> IDTable.Known?)? = nil) -> [LedgerError] {
        var problems: [LedgerError] = []
        let (line, seq) = (event.line, event.seq)
        func refuse(_ member: String, _ message: String) {
            problems.append(LedgerError(.invalid, line: line, seq: seq, member: member, message))
        }
        // The convention's index is read in place: a copy alive while `record` changes it would make
        // its sets and lists be copied whole.
        var isRegistration = false
        if case .conventionRegistered = event.payload { isRegistration = true }
        checking: do {
            guard let slot = slot(of: event.convention), let first = conventions[slot].registrationSeq else {
                if !isRegistration {
                    refuse("convention", "no convention.registered event for \(event.convention) comes before this event; register the convention first.")
                }
                break checking
            }
            if isRegistration {
                refuse(
                    "type",
                    "the convention \(event.convention) is already registered (seq \(first)); change it with an avenant or correct that event with event.corrected."
                )
            } else if let known {
                Self.checkReferences(event, index: &conventions[slot], known: known, refuse: refuse)
            } else {
                let ids = self.ids
                Self.checkReferences(event, index: &conventions[slot], known: { ids.first($0) }, refuse: refuse)
            }
        }
        if problems.isEmpty || event.type != .conventionRegistered { record(event, ownIDs: known == nil) }
        return problems
    }

    /// Records an event already in the log without checking its references (they were checked when
    /// it was appended): leaves the same state as `check` would, at a fraction of the cost (no text fold).
    /// `append` builds on its log this way and checks only the new events.
    mutating func record(_ event: Event) {
        record(event, ownIDs: true)
    }

    private mutating func record(_ event: Event, ownIDs: Bool) {
        // Changed in place (the dictionary's storage is not copied, nor the index's sets).
        let slot: Int
        if let known = self.slot(of: event.convention) {
            slot = known
        } else {
            slot = conventions.count
            conventions.append(ConventionIndex())
            slots[ExactID(event.convention)] = slot
            last = (event.convention, slot)
        }
        conventions[slot].learnUnlessRegisteredAgain(event)
        if ownIDs { _ = ids.insert(event, offset: 0) }
    }

    /// The slot of a convention already met.
    private mutating func slot(of convention: String) -> Int? {
        if let last, last.convention.hasSameBytes(as: convention) { return last.slot }
        guard let slot = slots[ExactID(convention)] else { return nil }
        last = (convention, slot)
        return slot
    }

    /// - Parameter index: the convention's index, only read (passed `inout` so that it is read in place, not copied).
    private static func checkReferences(_ event: Event, index: inout ConventionIndex, known: (String) -> IDTable.Known?, refuse: (String, String) -> Void) {
        let parties = index.parties
        func checkAct(_ act: TransmittedAct, member: String, draftAllowed: Bool = false) {
            switch act {
            case .act(.convention): break
            case .act(.avenant(let n)):
                // A council may approve an avenant before its text is recorded as concluded.
                if index.avenantSeqs[n] == nil && !draftAllowed {
                    refuse(
                        member, "expected an act of this convention; avenant n° \(n) is not recorded before this event (record its avenant.concluded first).")
                }
            case .deliberation(let id):
                if !index.deliberationIDs.contains(id) {
                    refuse(member, "expected a délibération of this convention; there is no deliberation.adopted with id \"\(id)\" before this event.")
                }
            }
        }
        switch event.payload {
        case .conventionRegistered:
            break
        case .deliberationAdopted(let d):
            if !parties.contains(d.party) {
                refuse("data.party", "expected a party of this convention (\(parties.sorted().joined(separator: ", "))); found \"\(d.party)\".")
            }
            if index.deliberationIDs.contains(d.id) { refuse("data.id", "the délibération id \"\(d.id)\" is already used in this convention.") }
            checkAct(d.act, member: "data.act", draftAllowed: true)
        case .actTransmitted(let t):
            checkAct(t.act, member: "data.act")
        case .actSigned(let s):
            checkAct(.act(s.act), member: "data.act")
            for (index, party) in s.parties.enumerated() where !parties.contains(party) {
                refuse("data.parties[\(index)]", "expected a party of this convention (\(parties.sorted().joined(separator: ", "))); found \"\(party)\".")
            }
        case .avenantConcluded(let avenant):
            if let earlier = index.avenantSeqs[avenant.number] {
                refuse("data.number", "avenant n° \(avenant.number) is already recorded (seq \(earlier)); correct it with event.corrected instead.")
            } else {
                checkChanges(event, avenant, history: index.history(event.convention), refuse: refuse)
            }
        case .terminationNotified(let notice):
            if !parties.contains(notice.by) {
                refuse("data.by", "expected a party of this convention (\(parties.sorted().joined(separator: ", "))); found \"\(notice.by)\".")
            }
            if index.noticeIDs.contains(notice.id) { refuse("data.id", "the notice id \"\(notice.id)\" is already used in this convention.") }
        case .terminationWithdrawn(let withdrawal):
            if !index.noticeIDs.contains(withdrawal.notice) {
                refuse("data.notice", "expected the id of a termination.notified of this convention; found \"\(withdrawal.notice)\".")
            }
        case .stipulationAnnulled(let annulment):
            if !index.introduced.contains(annulment.element) {
                refuse("data.element", "expected an element of this convention; no act introduces \"\(annulment.element)\".")
            }
        case .actionProgress(let progress):
            if !index.introduced.contains(progress.element) {
                refuse("data.element", "expected an element of this convention; no act introduces \"\(progress.element)\".")
            }
        case .eventCorrected(let correction):
            guard let target = known(correction.target) else {
                refuse("data.target", "expected the id of an earlier event; there is no event \"\(correction.target)\" before this one.")
                return
            }
            if !target.convention.hasSameBytes(as: event.convention) {
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
    private static func checkChanges(_ event: Event, _ avenant: AvenantConcluded, history: ConventionHistory, refuse: (String, String) -> Void) {
        // Only the elements the avenant changes decide whether its changes apply: the others are not folded.
        let changed = avenant.changes.compactMap(\.elementID)
        var fold = ContentFold(history, at: avenant.effectiveFrom, includeUnconcluded: true, onlyElements: changed)
        fold.skipped = []
        fold.apply(ConventionHistory.AvenantRecord(event: event, avenant: avenant, concluded: false))
        for (index, reason) in fold.skipped {
            refuse("data.changes[\(index)]", "the change cannot apply on \(avenant.effectiveFrom): \(reason).")
        }
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
