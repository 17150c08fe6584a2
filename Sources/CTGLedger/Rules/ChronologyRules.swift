/// Checks that the acts of a convention come in an order the law and the convention allow.
enum ChronologyRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "signature.authorised", check: deliberationBeforeSignature),
        DomainRules.Rule(name: "transmission.dates", check: transmissionDates),
        DomainRules.Rule(name: "avenant.numbering", check: avenantNumbering),
        DomainRules.Rule(name: "avenant.period", check: avenantWithinPeriod),
        DomainRules.Rule(name: "element.after-abrogation", check: changesAfterAbrogation),
    ]

    /// A party whose délibérations on an act are recorded has one adopted on or before the day it signs.
    ///
    /// Parties without any recorded délibération on the act (often the Caf, whose board's decision is
    /// not in the log) are not checked: the log cannot tell.
    static func deliberationBeforeSignature(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        // The first session at which each party deliberated on each act.
        var firstSession: [String: [TransmittedAct: CivilDate]] = [:]
        for (_, d) in history.deliberations {
            if let known = firstSession[d.party]?[d.act], known <= d.session { continue }
            firstSession[d.party, default: [:]][d.act] = d.session
        }
        for event in history.events {
            guard case .actSigned(let signed) = event.payload else { continue }
            for (index, party) in signed.parties.enumerated() {
                guard let first = firstSession[party]?[.act(signed.act)], first > signed.date else { continue }
                findings.append(
                    .warning(
                        event, rule: "signature.authorised", member: "data.parties[\(index)]",
                        "\(party) signed \(signed.act.frenchName) on \(signed.date), before its council authorised it (first délibération on that act: \(first)).",
                        citation:
                            "CGCT L2122-21 and L5211-9 (the executive signs under the council's authorisation); seed 004, parties (« dûment autorisé à signer … par délibération »)"
                    ))
            }
        }
        return findings
    }

    /// A transmission is sent no earlier than the délibération's session, and received no earlier than sent.
    static func transmissionDates(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        let sessions = Dictionary(history.deliberations.map { ($0.deliberation.id, $0.deliberation.session) }, uniquingKeysWith: { first, _ in first })
        for event in history.events {
            guard case .actTransmitted(let t) = event.payload else { continue }
            if let received = t.received, received < t.sent {
                findings.append(
                    .warning(
                        event, rule: "transmission.dates", member: "data.received",
                        "\(t.act) was received by the préfecture on \(received), before it was sent (\(t.sent)).",
                        citation: "CGCT L2131-1"))
            }
            if case .deliberation(let id) = t.act, let session = sessions[id], t.sent < session {
                findings.append(
                    .warning(
                        event, rule: "transmission.dates", member: "data.sent",
                        "the délibération \(id) was sent to the préfecture on \(t.sent), before the session that adopted it (\(session)).",
                        citation: "CGCT L2131-1"))
            }
        }
        return findings
    }

    /// Avenants are numbered 1, 2, 3… without gaps.
    static func avenantNumbering(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        var expected = 1
        for record in history.avenants.sorted(by: { $0.avenant.number < $1.avenant.number }) {
            let number = record.avenant.number
            if number > expected {
                let missing = expected == number - 1 ? "n° \(expected) is" : "n° \(expected) to \(number - 1) are"
                findings.append(
                    .warning(
                        record.event, rule: "avenant.numbering", member: "data.number",
                        "avenant n° \(number) is recorded but avenant \(missing) not: avenants are numbered 1, 2, 3… without gaps.",
                        citation: "seed 004, art. 11 (every change by an avenant); EVENTS.md §1.5"))
            }
            expected = number + 1
        }
        return findings
    }

    /// Each avenant takes effect, and ends its effect, inside the convention's period as it stands
    /// before the avenant (an avenant's own `extend` counts for its `effective_until`).
    static func avenantWithinPeriod(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        for record in history.avenants {
            let avenant = record.avenant
            let before = ContentFold(history, at: avenant.effectiveFrom, includeUnconcluded: true, excludingSeq: record.event.seq)
            guard let start = before.start ?? history.registration?.data.start, let end = before.end ?? history.registration?.data.end else { continue }
            func warn(_ member: String, _ message: String) {
                findings.append(.warning(record.event, rule: "avenant.period", member: member, message, citation: "seed 004, art. 10 and 11"))
            }
            if avenant.effectiveFrom < start || avenant.effectiveFrom > end {
                warn(
                    "data.effective_from",
                    "avenant n° \(avenant.number) takes effect on \(avenant.effectiveFrom), outside the convention's period (\(start) to \(end)).")
            }
            if let until = avenant.effectiveUntil {
                var ownEnd = end
                for case .extend(let newEnd) in avenant.changes { ownEnd = newEnd }
                // `effective_until` before `effective_from` is refused when the event is read.
                if until > ownEnd {
                    warn("data.effective_until", "avenant n° \(avenant.number) has effect until \(until), after the convention's end (\(ownEnd)).")
                }
            }
        }
        return findings
    }

    /// No avenant replaces, completes or abrogates an element that an earlier avenant (in effect order)
    /// abrogated and that no avenant added again. A temporary avenant's abrogation lasts through its
    /// `effective_until` only. `ctg append` refuses such changes; hand-written logs may hold them.
    static func changesAfterAbrogation(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        // Abrogations by element: the abrogating avenant and the span of its effect.
        var abrogations: [String: (number: Int, from: CivilDate, until: CivilDate?)] = [:]
        for record in history.orderedAvenants {
            let avenant = record.avenant
            for (index, change) in avenant.changes.enumerated() {
                guard let id = change.elementID else { continue }
                if case .add = change {
                    abrogations[id] = nil
                    continue
                }
                if let gone = abrogations[id], gone.from <= avenant.effectiveFrom, gone.until.map({ avenant.effectiveFrom <= $0 }) ?? true {
                    let verb: String
                    switch change {
                    case .replace: verb = "replaces"
                    case .amend: verb = "completes"
                    default: verb = "abrogates again"
                    }
                    findings.append(
                        .warning(
                            record.event, rule: "element.after-abrogation", member: "data.changes[\(index)]",
                            "avenant n° \(avenant.number) \(verb) \(id) from \(avenant.effectiveFrom), but avenant n° \(gone.number) abrogated it from \(gone.from); an abrogated element can only come back by an `add`.",
                            citation: "EVENTS.md §5.6; seed 004, art. 11"))
                    continue
                }
                if case .abrogate = change {
                    abrogations[id] = (avenant.number, avenant.effectiveFrom, avenant.effectiveUntil)
                }
            }
        }
        return findings
    }
}
