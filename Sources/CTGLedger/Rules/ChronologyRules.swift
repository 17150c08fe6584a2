/// Checks that the acts of a convention come in an order the law and the convention allow.
enum ChronologyRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "signature.authorised", run: deliberationBeforeSignature),
        DomainRules.Rule(name: "transmission.dates", run: transmissionDates),
        DomainRules.Rule(name: "avenant.numbering", run: { avenantNumbering($0.history) }),
        DomainRules.Rule(name: "avenant.period", run: avenantWithinPeriod),
        DomainRules.Rule(name: "element.after-abrogation", run: changesAfterAbrogation),
    ]

    /// A party whose délibérations on an act are recorded has one adopted on or before the day it signs.
    ///
    /// Parties without any recorded délibération on the act (often the Caf, whose board's decision is
    /// not in the log) are not checked: the log cannot tell.
    static func deliberationBeforeSignature(_ history: ConventionHistory) -> [Finding] { deliberationBeforeSignature(RuleContext(history)) }

    static func deliberationBeforeSignature(_ context: RuleContext) -> [Finding] {
        guard !context.signatures.isEmpty else { return [] }
        var findings: [Finding] = []
        // The first session at which each party deliberated on each act (a party deliberates on few acts).
        var firstSession: [String: [(act: TransmittedAct, session: CivilDate)]] = [:]
        let deliberations = context.deliberations
        for position in deliberations.indices {
            firstSession[deliberations[position].deliberation.party, default: []]
                .lowerSession(deliberations[position].deliberation.session, for: deliberations[position].deliberation.act)
        }
        for (eventIndex, signed) in context.signatures {
            let act = TransmittedAct.act(signed.act)
            for (index, party) in signed.parties.enumerated() {
                guard let first = firstSession[party]?.first(where: { $0.act == act })?.session, first > signed.date else { continue }
                findings.append(
                    .warning(
                        context.event(at: eventIndex), rule: "signature.authorised", member: "data.parties[\(index)]",
                        "\(party) signed \(signed.act.frenchName) on \(signed.date), before its council authorised it (first délibération on that act: \(first)).",
                        citation:
                            "CGCT L2122-21 and L5211-9 (the executive signs under the council's authorisation); seed 004, parties (« dûment autorisé à signer … par délibération »)"
                    ))
            }
        }
        return findings
    }

    /// A transmission is sent no earlier than the délibération's session, and received no earlier than sent.
    static func transmissionDates(_ history: ConventionHistory) -> [Finding] { transmissionDates(RuleContext(history)) }

    static func transmissionDates(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let transmissions = context.transmissions
        for position in transmissions.indices {
            let eventIndex = transmissions[position].index
            let sent = transmissions[position].transmission.sent
            if let received = transmissions[position].transmission.received, received < sent {
                let t = transmissions[position].transmission
                findings.append(
                    .warning(
                        context.event(at: eventIndex), rule: "transmission.dates", member: "data.received",
                        "\(t.act) was received by the préfecture on \(received), before it was sent (\(t.sent)).",
                        citation: "CGCT L2131-1"))
            }
            if case .deliberation(let id) = transmissions[position].transmission.act, let deliberation = context.deliberationsByID[id] {
                let session = context.deliberations[deliberation].deliberation.session
                guard sent < session else { continue }
                findings.append(
                    .warning(
                        context.event(at: eventIndex), rule: "transmission.dates", member: "data.sent",
                        "the délibération \(id) was sent to the préfecture on \(sent), before the session that adopted it (\(session)).",
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
    static func avenantWithinPeriod(_ history: ConventionHistory) -> [Finding] { avenantWithinPeriod(RuleContext(history)) }

    static func avenantWithinPeriod(_ context: RuleContext) -> [Finding] {
        let history = context.history
        guard !history.avenants.isEmpty, let registration = history.registration?.data else { return [] }
        var findings: [Finding] = []
        for record in history.avenants {
            let avenant = record.avenant
            // Only the period of the text before the avenant is read: no element is folded.
            let before = ContentFold.period(
                history, at: avenant.effectiveFrom, includeUnconcluded: true, excludingSeq: record.event.seq, orderedAvenants: context.orderedAvenants)
            let start = before.start ?? registration.start
            let end = before.end ?? registration.end
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
    static func changesAfterAbrogation(_ history: ConventionHistory) -> [Finding] { changesAfterAbrogation(RuleContext(history)) }

    static func changesAfterAbrogation(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Abrogations by element: the abrogating avenant and the span of its effect.
        var abrogations: [String: (number: Int, from: CivilDate, until: CivilDate?)] = [:]
        for record in context.orderedAvenants {
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

extension [(act: TransmittedAct, session: CivilDate)] {
    /// Keeps the earlier of the known session and this one for the act.
    fileprivate mutating func lowerSession(_ session: CivilDate, for act: TransmittedAct) {
        if let index = firstIndex(where: { $0.act == act }) {
            if session < self[index].session { self[index].session = session }
        } else {
            append((act, session))
        }
    }
}
