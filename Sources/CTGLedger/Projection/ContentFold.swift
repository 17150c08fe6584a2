/// The convention's text at a date: elements, abrogations, parties and period
/// after folding the registration and the avenants in effect (section 5.3 and 5.4).
struct ContentFold {
    var elements: [String: ElementState] = [:]
    var abrogated: [String: AbrogatedElement] = [:]
    var parties: [Party] = []
    var start: CivilDate?
    var end: CivilDate?
    var warnings: [ProjectionWarning] = []
    /// Avenants whose changes were applied, in fold order.
    var applied: [Int] = []
    /// Changes that could not apply: their index in the avenant and why.
    var skipped: [(index: Int, reason: String)] = []
    /// When set, the only element ids folded (see `init(_:at:includeUnconcluded:excludingSeq:onlyElements:)`).
    private var onlyElements: [String]?

    /// Folds a history at `date`.
    ///
    /// - Parameters:
    ///   - includeUnconcluded: apply acts that are not concluded (reading a draft, validating an append).
    ///   - excludingSeq: leave out the avenant with this `seq` (to validate it against the text before it).
    ///   - onlyElements: fold only these element ids (all when `nil`). What a change does to an element
    ///     depends only on what its id holds, so these ids are folded (and skipped, when a change cannot
    ///     apply) exactly as in the full fold; other ids are left out, and so are their warnings and every
    ///     element's progress. For `append`'s check of an avenant, which reads only the ids it changes.
    init(_ history: ConventionHistory, at date: CivilDate, includeUnconcluded: Bool, excludingSeq: Int? = nil, onlyElements: [String]? = nil) {
        guard let registration = history.registration, registration.event.effective <= date else { return }
        let data = registration.data
        start = data.start
        end = data.end
        parties = data.parties
        self.onlyElements = onlyElements
        for element in data.elements where onlyElements?.contains(element.id) ?? true {
            if elements[element.id] != nil {
                warnings.append(
                    ProjectionWarning(
                        seq: registration.event.seq, message: "the element id \(element.id) appears twice in the registration; the first one counts."))
                continue
            }
            elements[element.id] = ElementState(element: element, introducedBy: .convention, since: data.start)
        }
        for record in history.orderedAvenants
        where record.applies(at: date) && (record.concluded || includeUnconcluded) && record.event.seq != excludingSeq {
            apply(record)
        }
        annul(history)
        if onlyElements == nil { attachProgress(history, at: date) }
    }

    private mutating func warn(_ seq: Int, _ message: String) {
        warnings.append(ProjectionWarning(seq: seq, message: message))
    }

    /// A change that could not apply: warned, and remembered with its index for `append`'s refusal.
    private mutating func skip(_ seq: Int, _ index: Int, _ message: String) {
        warn(seq, message + "")
        skipped.append((index, message))
    }

    private func absence(_ id: String) -> String {
        if let gone = abrogated[id] {
            return "\(id) is already abrogated (by \(gone.by?.frenchLabel ?? "annulation") on \(gone.on))"
        }
        return "there is no element \(id) in force"
    }

    mutating func apply(_ record: ConventionHistory.AvenantRecord) {
        let act = ActReference.avenant(record.avenant.number)
        let from = record.avenant.effectiveFrom
        let seq = record.event.seq
        let label = "avenant n° \(record.avenant.number)"
        applied.append(record.avenant.number)
        for (index, change) in record.avenant.changes.enumerated() {
            if let onlyElements, let id = change.elementID, !onlyElements.contains(id) { continue }
            switch change {
            case .add(let element):
                if elements[element.id] != nil {
                    skip(seq, index, "\(label) adds \(element.id), but an element with that id is already in force")
                    continue
                }
                abrogated[element.id] = nil
                elements[element.id] = ElementState(element: element, introducedBy: act, since: from)
            case .replace(let id, let element):
                guard var state = elements[id] else {
                    skip(seq, index, "\(label) replaces \(id), but \(absence(id))")
                    continue
                }
                state.element = element
                state.changedBy = act
                state.since = from
                elements[id] = state
            case .amend(let id, let set, let title, let appendText):
                guard var state = elements[id] else {
                    skip(seq, index, "\(label) completes \(id), but \(absence(id))")
                    continue
                }
                for field in set { state.element.setField(field.name, field.value) }
                if let title { state.element.title = title }
                if let appendText { state.element.text = (state.element.text ?? "") + appendText }
                state.changedBy = act
                state.since = from
                elements[id] = state
            case .abrogate(let id, let reason):
                guard let state = elements[id] else {
                    skip(seq, index, "\(label) abrogates \(id), but \(absence(id))")
                    continue
                }
                elements[id] = nil
                abrogated[id] = AbrogatedElement(id: id, title: state.element.title, by: act, on: from, reason: reason)
            case .extend(let newEnd):
                if let start, newEnd < start {
                    skip(seq, index, "\(label) sets the end to \(newEnd), before the start \(start)")
                    continue
                }
                end = newEnd
            case .addParty(let party):
                if parties.contains(where: { $0.id == party.id }) {
                    skip(seq, index, "\(label) adds the party \(party.id), which is already a party")
                    continue
                }
                parties.append(party)
            case .removeParty(let id):
                guard parties.contains(where: { $0.id == id }) else {
                    skip(seq, index, "\(label) removes the party \(id), which is not a party")
                    continue
                }
                parties.removeAll { $0.id == id }
            }
        }
    }

    /// Annulled stipulations never applied, whatever the date (réputées non écrites).
    private mutating func annul(_ history: ConventionHistory) {
        for event in history.events {
            guard case .stipulationAnnulled(let annulment) = event.payload, onlyElements?.contains(annulment.element) ?? true else { continue }
            let title = elements[annulment.element]?.element.title ?? abrogated[annulment.element]?.title
            let existed = title != nil || history.everIntroduced(annulment.element)
            guard existed else {
                warn(event.seq, "the annulment names \(annulment.element), which no act of this convention ever introduced; it changes nothing.")
                continue
            }
            elements[annulment.element] = nil
            abrogated[annulment.element] = AbrogatedElement(
                id: annulment.element, title: title, by: nil, on: annulment.date,
                reason: [annulment.court, annulment.reference].compactMap { $0 }.joined(separator: ", "))
        }
    }

    private mutating func attachProgress(_ history: ConventionHistory, at date: CivilDate) {
        for event in history.events {
            guard case .actionProgress(let progress) = event.payload, progress.date <= date,
                var state = elements[progress.element]
            else { continue }
            if state.progress == nil || state.progress!.date <= progress.date {
                state.progress = progress
                elements[progress.element] = state
            }
        }
    }
}

extension ConventionHistory {
    /// `true` when the registration or any avenant (concluded or not) introduces this element id.
    func everIntroduced(_ id: String) -> Bool {
        if registration?.data.elements.contains(where: { $0.id == id }) == true { return true }
        return avenants.contains { record in
            record.avenant.changes.contains { if case .add(let e) = $0 { return e.id == id } else { return false } }
        }
    }
}

extension ContentFold {
    /// The period (`start`, `end`) a fold at `date` with the same arguments gives, without folding the
    /// elements: the registration's period with the `extend`s of the avenants that apply (an end before
    /// the start is skipped, as `apply` skips it). For rules that read only the period at many dates.
    ///
    /// - Parameter orderedAvenants: `history.orderedAvenants`, computed once by the caller.
    static func period(
        _ history: ConventionHistory, at date: CivilDate, includeUnconcluded: Bool, excludingSeq: Int? = nil,
        orderedAvenants: [ConventionHistory.AvenantRecord]
    ) -> (start: CivilDate?, end: CivilDate?) {
        guard let registration = history.registration, registration.event.effective <= date else { return (nil, nil) }
        let start = registration.data.start
        var end = registration.data.end
        for record in orderedAvenants
        where record.applies(at: date) && (record.concluded || includeUnconcluded) && record.event.seq != excludingSeq {
            for case .extend(let newEnd) in record.avenant.changes where newEnd >= start { end = newEnd }
        }
        return (start, end)
    }
}
