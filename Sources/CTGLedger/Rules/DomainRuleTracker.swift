/// Runs the domain rules (`DomainRules.all`) over a log read once, event by event, keeping
/// only the findings and not the events: `verify` over millions of events in flat memory.
///
/// It gives the findings `DomainRules.findings(_:)` gives on the whole ledger. Both rules
/// look at one event (a délibération, the convention's first registration) with corrections
/// applied, so an `event.corrected` recomputes its target's findings from the replacement
/// data, the last valid correction winning, as `ConventionHistory` applies them.
struct DomainRuleTracker {
    /// A rule's findings for one event, by convention and event id.
    private var findings: [String: [String: [Finding]]] = [:]
    /// Conventions whose first registration was read, and its id.
    private var registrations: [String: String] = [:]
    /// Earlier-than-target corrections (an invalid log names an event recorded later): applied when it comes.
    private var forward: [String: [String: [JSONValue]]] = [:]
    /// For each convention, its events whose id an earlier convention already used (rare: an invalid log).
    private var duplicates: [String: [String: ReferenceValidator.KnownID]] = [:]

    /// Reads one event; call it after `validator.check(event)` so the validator knows the event.
    mutating func observe(_ event: Event, validator: ReferenceValidator) {
        let known = validator.known(event.id)
        let firstInConvention: Bool
        if let known, known.convention == event.convention {
            firstInConvention = known.line == event.line
        } else if duplicates[event.convention]?[event.id] == nil {
            duplicates[event.convention, default: [:]][event.id] = ReferenceValidator.KnownID(
                convention: event.convention, type: event.type, line: event.line, seq: event.seq)
            firstInConvention = true
        } else {
            firstInConvention = false
        }
        switch event.payload {
        case .deliberationAdopted(let d):
            record(event.convention, event.id, DeliberationRules.votes(d, line: event.line, seq: event.seq))
        case .conventionRegistered(let data) where registrations[event.convention] == nil:
            registrations[event.convention] = event.id
            record(event.convention, event.id, DurationRules.period(data, line: event.line, seq: event.seq))
        case .eventCorrected(let correction):
            if let target = target(correction.target, in: event.convention, validator: validator) {
                correct(target, id: correction.target, with: correction.data)
            } else {
                forward[event.convention, default: [:]][correction.target, default: []].append(correction.data)
            }
        default:
            break
        }
        if firstInConvention, let pending = forward[event.convention]?.removeValue(forKey: event.id) {
            let target = ReferenceValidator.KnownID(convention: event.convention, type: event.type, line: event.line, seq: event.seq)
            for data in pending { correct(target, id: event.id, with: data) }
        }
    }

    /// The findings, sorted by line (the caller sorts them with the others by line and severity).
    func allFindings(file: String) -> [Finding] {
        var result: [Finding] = []
        for byID in findings.values {
            for list in byID.values { result += list }
        }
        result.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return result.map { finding in
            var f = finding
            f.file = f.file ?? file
            return f
        }
    }

    private mutating func record(_ convention: String, _ id: String, _ list: [Finding]) {
        if list.isEmpty {
            if findings[convention]?[id] != nil { findings[convention]![id] = nil }
        } else {
            findings[convention, default: [:]][id] = list
        }
    }

    /// The first event with this id in this convention, as `ConventionHistory` finds a correction's target.
    private func target(_ id: String, in convention: String, validator: ReferenceValidator) -> ReferenceValidator.KnownID? {
        if let duplicate = duplicates[convention]?[id] { return duplicate }
        if let known = validator.known(id), known.convention == convention { return known }
        return nil
    }

    private mutating func correct(_ target: ReferenceValidator.KnownID, id: String, with data: JSONValue) {
        guard target.type != .eventCorrected,
            let payload = try? EventPayload.decode(type: target.type, version: EventType.currentVersion, data: data)
        else { return }
        switch payload {
        case .deliberationAdopted(let d):
            record(target.convention, id, DeliberationRules.votes(d, line: target.line, seq: target.seq))
        case .conventionRegistered(let r) where registrations[target.convention] == id:
            record(target.convention, id, DurationRules.period(r, line: target.line, seq: target.seq))
        default:
            break
        }
    }
}
