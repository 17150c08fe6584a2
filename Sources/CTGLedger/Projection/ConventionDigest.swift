/// What a full replay keeps of one convention while it streams a log: the events that decide its
/// status, period and parties, plus counters. The texts of every convention of a national ledger do
/// not fit in memory at once; nor do these events at a million lines (issue 5): read from a file,
/// only where their lines are is kept, and they are read back when the state is asked for.
struct ConventionDigest {
    /// The convention's id.
    let convention: String
    /// The kept events, in `seq` order, stripped of what the status never reads (element texts,
    /// the parsed line); those of the lines at `offsets` come first.
    private(set) var events: [Event] = []
    /// Where the lines of the status-relevant events are in `source`, in file order.
    private var offsets = OffsetList()
    /// For the lines at `offsets` whose registration's elements are known to lie at a range of
    /// the line: their position in `offsets` and that range, not read back.
    private var elements: [(position: Int, range: Range<Int>)] = []
    /// Where those lines are read back from.
    private let source: LineSource?
    /// Every event of the convention, kept or not.
    private(set) var count = 0
    /// The `seq` of its last event.
    private(set) var lastSeq: Int?

    /// An empty digest; with `source`, the log its events are read from.
    init(convention: String, source: LineSource? = nil) {
        self.convention = convention
        self.source = source
    }

    /// Takes one event of this convention into account.
    ///
    /// - Parameters:
    ///   - place: where its line is in `source`, when read from there: then only that is kept.
    ///   - elements: for a registration, where its elements are in the line, when known: that
    ///     part is not read back.
    mutating func add(_ event: Event, place: LinePlace? = nil, elements: Range<Int>? = nil) {
        count += 1
        lastSeq = event.seq
        if let place, source != nil, events.isEmpty {
            if Self.isStatusRelevant(event.type) {
                if let elements { self.elements.append((offsets.count, elements)) }
                offsets.append(place)
            }
            return
        }
        guard let kept = Self.statusRelevant(event) else { return }
        events.append(kept)
    }

    /// `true` for the types whose events `statusRelevant` keeps.
    static func isStatusRelevant(_ type: EventType) -> Bool {
        switch type {
        case .deliberationAdopted, .actTransmitted, .reviewHeld, .actionProgress, .stipulationAnnulled: return false
        default: return true
        }
    }

    /// The kept events, those at `offsets` read back.
    private var keptEvents: [Event] {
        guard let source, !offsets.isEmpty else { return events }
        var read: [Event] = []
        read.reserveCapacity(offsets.count + events.count)
        let reader = LineReadBack()
        var gaps = elements[...]
        for (position, place) in offsets.enumerated() {
            // Each line was read as a well-formed event of this convention; the log is append-only.
            var gap: Range<Int>?
            if let next = gaps.first, next.position == position {
                gap = next.range
                gaps = gaps.dropFirst()
            }
            if let event = source.event(at: place, leavingOut: gap, detail: .status, reader: reader), let kept = Self.statusRelevant(event) {
                read.append(kept)
            }
        }
        return read + events
    }

    /// The event reduced to what the status, period and parties depend on, or `nil` when they do not
    /// depend on it. Délibérations, transmissions, reviews, progress and annulments only touch the
    /// elements or nothing; a correction is kept whole (it may target a kept event).
    static func statusRelevant(_ event: Event) -> Event? {
        var kept = event.withoutObject()
        kept.prev = nil
        kept.hash = nil
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

    /// What a full replay tells of a convention at a date: its status and period, and what they
    /// follow from (see `summary(at:)`).
    struct Summary: Equatable {
        /// The title the registration gives.
        var title: String?
        /// Status at the date.
        var status: ConventionStatus
        /// First day of the period.
        var start: CivilDate?
        /// Last day of the period, extensions applied.
        var end: CivilDate?
        /// The ids of the parties at the date, in the state's order.
        var parties: [String]
        /// The notice that decides the end, if any.
        var termination: TerminationSummary?
        /// Date of the last signature of the initial convention, when concluded.
        var concludedOn: CivilDate?
        /// The `seq` of the convention's last event.
        var lastSeq: Int?

        /// The summary of a state (`Projection.state`) and of the convention's last `seq`.
        init(_ state: ConventionState, lastSeq: Int?) {
            title = state.title
            status = state.status
            start = state.start
            end = state.end
            parties = state.parties.map(\.id)
            termination = state.termination
            concludedOn = state.concludedOn
            self.lastSeq = lastSeq
        }
    }

    /// The convention's status, period and parties at `date`, as `Projection.state` gives them.
    /// Only a summary: read back (`DecodeDetail.status`), the parties are their ids and kinds, and
    /// element lists are not built (use `Ledger.state` for the whole state).
    func summary(at date: CivilDate) -> Summary {
        let history = ConventionHistory(events: keptEvents, convention: convention)
        return Summary(Projection.state(history, at: date), lastSeq: lastSeq)
    }
}
