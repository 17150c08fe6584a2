/// What the domain rules read of one convention's history, gathered once and shared by every rule.
///
/// `DomainRules.findings` builds one per history: its events are walked once (by index, without
/// copying them) to list the délibérations, transmissions and signatures; the lookups several rules
/// share (parties, délibérations by id, avenants in fold order) are built on first use. A rule copies
/// an event (`event(at:)`) only to report a finding on it.
final class RuleContext {
    /// The history the rules read.
    let history: ConventionHistory
    /// Every `deliberation.adopted`, in `seq` order: its index in `history.events` and its data.
    let deliberations: [(index: Int, deliberation: DeliberationAdopted)]
    /// Every `act.transmitted`, in `seq` order.
    let transmissions: [(index: Int, transmission: ActTransmitted)]
    /// Every `act.signed`, in `seq` order.
    let signatures: [(index: Int, signed: ActSigned)]
    /// The element named by every `stipulation.annulled`, in `seq` order.
    let annulled: [String]

    init(_ history: ConventionHistory) {
        self.history = history
        var deliberations: [(index: Int, deliberation: DeliberationAdopted)] = []
        var transmissions: [(index: Int, transmission: ActTransmitted)] = []
        var signatures: [(index: Int, signed: ActSigned)] = []
        var annulled: [String] = []
        let events = history.events
        for index in events.indices {
            switch events[index].payload {
            case .deliberationAdopted(let d): deliberations.append((index, d))
            case .actTransmitted(let t): transmissions.append((index, t))
            case .actSigned(let s): signatures.append((index, s))
            case .stipulationAnnulled(let a): annulled.append(a.element)
            default: break
            }
        }
        self.deliberations = deliberations
        self.transmissions = transmissions
        self.signatures = signatures
        self.annulled = annulled
    }

    /// The event at this index of `history.events` (to report a finding on it).
    func event(at index: Int) -> Event { history.events[index] }

    /// Every party the history knows: the registration's, then those added by avenants (first mention wins).
    private(set) lazy var knownParties: [Party] = history.knownParties

    /// The position in `knownParties` of the first party with each id (the one `ConventionHistory.party(_:)` finds).
    private(set) lazy var partyPositions: [String: Int] = {
        var result: [String: Int] = [:]
        result.reserveCapacity(knownParties.count)
        for position in knownParties.indices where result[knownParties[position].id] == nil { result[knownParties[position].id] = position }
        return result
    }()

    /// The first délibération with each id: its position in `deliberations`.
    private(set) lazy var deliberationsByID: [String: Int] = {
        var result: [String: Int] = [:]
        result.reserveCapacity(deliberations.count)
        for position in deliberations.indices where result[deliberations[position].deliberation.id] == nil {
            result[deliberations[position].deliberation.id] = position
        }
        return result
    }()

    /// The avenants in fold order (`effective_from`, then `seq`).
    private(set) lazy var orderedAvenants: [ConventionHistory.AvenantRecord] = history.orderedAvenants
}

/// Lookups over a convention's history shared by the domain rules.
extension ConventionHistory {
    /// Every party the history knows: the registration's, then those added by avenants (first mention wins).
    var knownParties: [Party] {
        var parties = registration?.data.parties ?? []
        for record in avenants {
            for case .addParty(let party) in record.avenant.changes where !parties.contains(where: { $0.id == party.id }) {
                parties.append(party)
            }
        }
        return parties
    }
}

extension RuleContext {
    /// A warning on each délibération (in history order) for which `message` gives one.
    func deliberationWarnings(rule: String, member: String, citation: String, _ message: (DeliberationAdopted) -> String?) -> [Finding] {
        var findings: [Finding] = []
        for position in deliberations.indices {
            guard let text = message(deliberations[position].deliberation) else { continue }
            findings.append(.warning(event(at: deliberations[position].index), rule: rule, member: member, text, citation: citation))
        }
        return findings
    }
}
