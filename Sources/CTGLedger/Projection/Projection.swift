/// Builds the state of a convention at a date as known at a time: section 5 of the contract.
public enum Projection {
    /// The state of a convention at `date` as known at `asOf`.
    ///
    /// - Parameters:
    ///   - history: the convention's history as of K (see `ConventionHistory`).
    ///   - date: the date D.
    ///   - showDraft: list the text of a convention that is not concluded (its status stays `draft`).
    /// - Returns: the state; it never throws: what cannot apply is in `warnings`.
    public static func state(_ history: ConventionHistory, at date: CivilDate, showDraft: Bool = false) -> ConventionState {
        var state = ConventionState(
            convention: history.convention, title: history.registration?.data.title,
            territory: history.registration?.data.territory, at: date, asOf: history.asOf, status: .none,
            start: nil, end: nil, parties: [], elements: [], abrogated: [], avenants: [], termination: nil,
            concludedOn: history.conventionConcludedOn, warnings: history.warnings, lastSeq: history.lastSeq,
            showsDraft: false)
        guard let registration = history.registration else {
            state.warnings.append(ProjectionWarning(seq: nil, message: "no convention.registered event for \(history.convention) as of this time."))
            return state
        }
        guard registration.event.effective <= date else { return state }
        let concluded = history.conventionConcluded
        let fold = ContentFold(history, at: date, includeUnconcluded: !concluded && showDraft)
        state.start = fold.start
        state.end = fold.end
        state.parties = fold.parties
        state.warnings += fold.warnings
        state.avenants = history.orderedAvenants.filter { $0.avenant.effectiveFrom <= date }.map { record in
            AvenantSummary(
                number: record.avenant.number, title: record.avenant.title, effectiveFrom: record.avenant.effectiveFrom,
                effectiveUntil: record.avenant.effectiveUntil, concluded: record.concluded, concludedOn: record.concludedOn,
                inEffect: fold.applied.contains(record.avenant.number))
        }
        if concluded || showDraft {
            state.elements = fold.elements.values.sorted { $0.element.id < $1.element.id }
            state.abrogated = fold.abrogated.values.sorted { $0.id < $1.id }
            state.showsDraft = !concluded
        }
        state.termination = termination(history, at: date)
        state.status = status(concluded: concluded, start: fold.start, end: fold.end, termination: state.termination, at: date)
        return state
    }

    /// The status of section 5.5 once the convention is registered at D.
    static func status(concluded: Bool, start: CivilDate?, end: CivilDate?, termination: TerminationSummary?, at date: CivilDate) -> ConventionStatus {
        guard concluded else { return .draft }
        if let start, date < start { return .upcoming }
        if let termination, !termination.withdrawn, date > termination.lastDayInForce { return .terminated }
        if let end, date > end { return .expired }
        return .inForce
    }

    /// The notice that matters at D: the earliest-ending one not withdrawn, else the latest withdrawn one.
    static func termination(_ history: ConventionHistory, at date: CivilDate) -> TerminationSummary? {
        var withdrawals: [String: CivilDate] = [:]
        for event in history.events {
            if case .terminationWithdrawn(let w) = event.payload {
                withdrawals[w.notice] = min(withdrawals[w.notice] ?? w.date, w.date)
            }
        }
        var notices: [TerminationSummary] = []
        for event in history.events {
            guard case .terminationNotified(let notice) = event.payload, notice.sent <= date else { continue }
            let last = notice.lastDayInForce
            let withdrawnOn = withdrawals[notice.id]
            let withdrawn = withdrawnOn.map { $0 <= last && $0 <= date } ?? false
            notices.append(
                TerminationSummary(id: notice.id, kind: notice.kind, by: notice.by, sent: notice.sent, lastDayInForce: last, withdrawn: withdrawn))
        }
        let active = notices.filter { !$0.withdrawn }.min { $0.lastDayInForce < $1.lastDayInForce }
        return active ?? notices.last
    }
}
