/// One convention's events as known at a time K, with corrections applied and
/// acts' conclusion decided (section 5, steps 1 and 2). Pure; built once, folded at any date.
public struct ConventionHistory: Sendable {
    /// An avenant with what the kept events say about it.
    struct AvenantRecord: Sendable {
        var event: Event
        var avenant: AvenantConcluded
        var concluded: Bool
        var concludedOn: CivilDate?
    }

    /// The convention's id.
    public let convention: String
    /// The time K, or `nil` for everything recorded.
    public let asOf: Timestamp?
    /// The kept events in `seq` order, corrections applied to their payloads.
    public private(set) var events: [Event] = []
    /// Problems found while preparing (bad corrections, duplicate avenants…).
    public private(set) var warnings: [ProjectionWarning] = []
    /// For each corrected event id: the `seq` and reason of the correction applied last.
    private var corrections: [ExactID: (seq: Int, reason: String)] = [:]

    private(set) var registration: (event: Event, data: ConventionRegistered)?
    private(set) var avenants: [AvenantRecord] = []
    /// The initial convention is concluded as of K.
    private(set) var conventionConcluded = false
    private(set) var conventionConcludedOn: CivilDate?

    /// Prepares a convention's history.
    ///
    /// Conventions, event ids and corrections' targets are compared by their exact UTF-8 bytes (a
    /// composed and a decomposed "é" are two ids): a correction naming its target otherwise is
    /// ignored with a warning, as `verify` refuses it.
    ///
    /// - Parameters:
    ///   - events: the log's events (any order of conventions; only `convention`'s are kept), in `seq` order.
    ///   - convention: the stream's id.
    ///   - asOf: keep only events recorded at or before K (`nil`: all).
    public init(events: [Event], convention: String, asOf: Timestamp? = nil) {
        self.convention = convention
        self.asOf = asOf
        let kept = { (event: Event) in event.convention.hasSameBytes(as: convention) && (asOf == nil || event.recorded <= asOf!) }
        // Usually every event is kept (a convention's own events, everything recorded): then the
        // array is shared, not filtered into a copy of each event.
        self.events = events.allSatisfy(kept) ? events : events.filter(kept)
        applyCorrections()
        findActs()
        decideConclusion()
    }

    /// The `seq` and reason of the correction applied last to the event with this id (its exact
    /// bytes), if any.
    public func correction(of id: String) -> (seq: Int, reason: String)? {
        corrections[ExactID(id)]
    }

    private mutating func warn(_ seq: Int?, _ message: String) {
        warnings.append(ProjectionWarning(seq: seq, message: message))
    }

    private mutating func applyCorrections() {
        // Most histories have no correction: no need to index every event's id.
        guard
            events.contains(where: { event in
                if case .eventCorrected = event.payload { return true }
                return false
            })
        else { return }
        var indexByID: [ExactID: Int] = [:]
        for (index, event) in events.enumerated() {
            let id = ExactID(event.id)
            if indexByID[id] == nil { indexByID[id] = index }
        }
        for event in events {
            guard case .eventCorrected(let correction) = event.payload else { continue }
            guard let index = indexByID[ExactID(correction.target)] else {
                warn(event.seq, "the correction targets event \"\(correction.target)\", which is not in this convention's log as of this time; it is ignored.")
                continue
            }
            let target = events[index]
            guard target.type != .eventCorrected else {
                warn(event.seq, "the correction targets another correction (\"\(correction.target)\"); correct the original event instead. It is ignored.")
                continue
            }
            do {
                events[index].payload = try EventPayload.decode(type: target.type, version: target.version, data: correction.data)
                events[index].object["data"] = correction.data
                corrections[ExactID(target.id)] = (event.seq, correction.reason)
            } catch {
                warn(
                    event.seq,
                    "the replacement data for \"\(correction.target)\" is not valid for \(target.type.rawValue) (\(error.description)); it is ignored.")
            }
        }
    }

    private mutating func findActs() {
        var numbers: Set<Int> = []
        for event in events {
            switch event.payload {
            case .conventionRegistered(let data):
                if registration == nil {
                    registration = (event, data)
                } else {
                    warn(event.seq, "the convention is registered a second time; only the first registration (seq \(registration!.event.seq)) counts.")
                }
            case .avenantConcluded(let avenant):
                if numbers.insert(avenant.number).inserted {
                    avenants.append(AvenantRecord(event: event, avenant: avenant, concluded: false))
                } else {
                    warn(event.seq, "avenant n° \(avenant.number) is recorded a second time; only the first one counts.")
                }
            default:
                break
            }
        }
    }

    /// Earliest signature date per party for each act.
    private func signatures() -> [ActReference: [String: CivilDate]] {
        var result: [ActReference: [String: CivilDate]] = [:]
        for event in events {
            guard case .actSigned(let signed) = event.payload else { continue }
            // Updated in place: one lookup of the act per event, one hash of each party.
            result[signed.act, default: [:]].merge(signed.parties.lazy.map { ($0, signed.date) }) { known, new in min(known, new) }
        }
        return result
    }

    private mutating func decideConclusion() {
        guard let registration else { return }
        let signed = signatures()
        func conclusion(_ act: ActReference, _ required: [String]) -> (Bool, CivilDate?) {
            let dates = required.map { signed[act]?[$0] }
            guard !required.isEmpty, dates.allSatisfy({ $0 != nil }) else { return (false, nil) }
            return (true, dates.compactMap { $0 }.max())
        }
        (conventionConcluded, conventionConcludedOn) = conclusion(.convention, registration.data.parties.map(\.id))
        // Avenants in number order: the parties who must sign are those at the avenant's effect date.
        let order = avenants.indices.sorted { avenants[$0].avenant.number < avenants[$1].avenant.number }
        for index in order {
            let record = avenants[index]
            var parties = partyIDs(at: record.avenant.effectiveFrom, beforeNumber: record.avenant.number)
            for change in record.avenant.changes {
                if case .addParty(let party) = change, !parties.contains(party.id) { parties.append(party.id) }
            }
            (avenants[index].concluded, avenants[index].concludedOn) = conclusion(.avenant(record.avenant.number), parties)
        }
    }

    /// Party ids at a date from the registration and the concluded avenants numbered below `number`.
    private func partyIDs(at date: CivilDate, beforeNumber number: Int) -> [String] {
        var ids = registration?.data.parties.map(\.id) ?? []
        for record in orderedAvenants where record.concluded && record.avenant.number < number && record.applies(at: date) {
            for change in record.avenant.changes {
                switch change {
                case .addParty(let party): if !ids.contains(party.id) { ids.append(party.id) }
                case .removeParty(let id): ids.removeAll { $0 == id }
                default: break
                }
            }
        }
        return ids
    }

    /// Avenants in fold order: `effective_from`, then `seq`.
    var orderedAvenants: [AvenantRecord] {
        avenants.sorted { ($0.avenant.effectiveFrom, $0.event.seq) < ($1.avenant.effectiveFrom, $1.event.seq) }
    }

    /// The avenant record with this number, if recorded.
    func avenant(_ number: Int) -> AvenantRecord? {
        avenants.first { $0.avenant.number == number }
    }

    /// The last `seq` kept.
    public var lastSeq: Int? { events.last?.seq }
}

extension ConventionHistory.AvenantRecord {
    /// The avenant's changes apply at `date` (ignoring conclusion).
    func applies(at date: CivilDate) -> Bool {
        avenant.effectiveFrom <= date && (avenant.effectiveUntil.map { date <= $0 } ?? true)
    }
}
