/// What a full replay keeps of one convention while it streams a log: the events that decide its
/// status, period and parties, stripped of what those never read (element texts, the parsed line),
/// plus counters. The texts of every convention of a national ledger do not fit in memory at once;
/// these do.
struct ConventionDigest {
    /// The convention's id.
    let convention: String
    /// The kept events, in `seq` order.
    private(set) var events: [Event] = []
    /// Every event of the convention, kept or not.
    private(set) var count = 0
    /// The `seq` of its last event.
    private(set) var lastSeq: Int?

    init(convention: String) {
        self.convention = convention
    }

    /// Takes one event of this convention into account.
    mutating func add(_ event: Event) {
        count += 1
        lastSeq = event.seq
        guard let kept = Self.statusRelevant(event) else { return }
        events.append(kept)
    }

    /// The event reduced to what the status, period and parties depend on, or `nil` when they do not
    /// depend on it. Délibérations, transmissions, reviews, progress and annulments only touch the
    /// elements or nothing; a correction is kept whole (it may target a kept event).
    static func statusRelevant(_ event: Event) -> Event? {
        var kept = event.withoutObject()
        switch event.payload {
        case .conventionRegistered(var registered):
            registered.elements = []
            kept.payload = .conventionRegistered(registered)
        case .avenantConcluded(var avenant):
            avenant.changes = avenant.changes.filter {
                switch $0 {
                case .extend, .addParty, .removeParty: return true
                default: return false
                }
            }
            kept.payload = .avenantConcluded(avenant)
        case .actSigned(var signed):
            signed.place = nil
            signed.signatories = []
            kept.payload = .actSigned(signed)
        case .terminationNotified, .terminationWithdrawn, .eventCorrected:
            break
        case .deliberationAdopted, .actTransmitted, .reviewHeld, .actionProgress, .stipulationAnnulled:
            return nil
        }
        return kept
    }

    /// The convention's state at `date` (status, title, period, parties and termination are exact;
    /// element lists are not built: use `Ledger.state` for the text).
    func state(at date: CivilDate) -> ConventionState {
        let history = ConventionHistory(events: events, convention: convention)
        var state = Projection.state(history, at: date)
        state.lastSeq = lastSeq
        return state
    }
}
