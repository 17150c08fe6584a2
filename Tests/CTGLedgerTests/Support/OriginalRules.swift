// The domain rules as they were before they were made cheap (main at 649d5cd), kept verbatim but for
// their names: the reference the rewritten rules are compared with (RuleEquivalenceTests).
import Foundation

@testable import CTGLedger

// MARK: - OriginalDeliberationRules.swift
/// Checks of a délibération: its counts, its quorum and its convocation (CGCT).
enum OriginalDeliberationRules {
    static let all: [(name: String, check: @Sendable (ConventionHistory) -> [Finding])] = [
        ("members.sum", membersAddUp),
        ("votes.sum", votesAddUp),
        ("quorum", quorum),
        ("convocation.delay", convocationDelay),
    ]

    /// Members present + proxies = voting members.
    static func membersAddUp(_ history: ConventionHistory) -> [Finding] {
        history.originalDeliberations.compactMap { event, d in
            guard let m = d.members, let present = m.present, let proxies = m.proxies, let voting = m.voting,
                present + proxies != voting
            else { return nil }
            return .originalWarning(
                event, rule: "members.sum", member: "data.members",
                "délibération \(d.number): present (\(present)) + proxies (\(proxies)) = \(present + proxies), but voting members are \(voting).",
                citation: "CGCT L2121-20 (vote by proxy)")
        }
    }

    /// For + against + abstentions = voting members.
    static func votesAddUp(_ history: ConventionHistory) -> [Finding] {
        history.originalDeliberations.compactMap { event, d in
            guard let v = d.votes, v.votesFor != nil, let voting = d.members?.voting else { return nil }
            let cast = (v.votesFor ?? 0) + (v.against ?? 0) + (v.abstain ?? 0)
            guard cast != voting else { return nil }
            return .originalWarning(
                event, rule: "votes.sum", member: "data.votes",
                "délibération \(d.number): for (\(v.votesFor ?? 0)) + against (\(v.against ?? 0)) + abstentions (\(v.abstain ?? 0)) = \(cast), but voting members are \(voting).",
                citation: "CGCT L2121-20")
        }
    }

    /// More than half the members in office are present (proxies do not count).
    static func quorum(_ history: ConventionHistory) -> [Finding] {
        history.originalDeliberations.compactMap { event, d in
            guard let inOffice = d.members?.inOffice, let present = d.members?.present, inOffice > 0,
                present * 2 <= inOffice
            else { return nil }
            return .originalWarning(
                event, rule: "quorum", member: "data.members.present",
                "délibération \(d.number): \(present) members present out of \(inOffice) in office; the council deliberates validly only when more than half (at least \(inOffice / 2 + 1)) are present, proxies not counted, unless this is the session convened again at least three days after a session without quorum (L2121-17 al. 2).",
                citation: "CGCT L2121-17 al. 1")
        }
    }

    /// The convocation was sent enough clear days (jours francs) before the session.
    ///
    /// Clear days exclude both the day the convocation is sent and the day of the session.
    /// A commune of 3 500 inhabitants or more: 5 clear days (L2121-12 al. 3); a smaller commune:
    /// 3 (L2121-11). An EPCI follows the rule of communes of 3 500 or more when one of its member
    /// communes has that many (L5211-1), which the log cannot tell: for an EPCI, and for a commune
    /// whose population is not recorded, only the 3 clear days that both rules require are checked.
    /// Urgency (at least 1 clear day, the council then deciding on the urgency) cannot be seen in the log:
    /// the message says so. Other bodies (Caf, Département, MSA) are not checked.
    static func convocationDelay(_ history: ConventionHistory) -> [Finding] {
        history.originalDeliberations.compactMap { event, d in
            guard let convocation = d.convocation else { return nil }
            if convocation >= d.session {
                return .originalWarning(
                    event, rule: "convocation.delay", member: "data.convocation",
                    "délibération \(d.number): the convocation (\(convocation)) is not before the session (\(d.session)).",
                    citation: "CGCT L2121-10 to L2121-12")
            }
            guard let party = history.originalParty(d.party), party.kind == .commune || party.kind == .epci else { return nil }
            let clear = convocation.days(to: d.session) - 1
            let required: Int
            let citation: String
            let basis: String
            switch (party.kind, party.population) {
            case (.commune, let population?) where population >= 3500:
                (required, citation, basis) = (5, "CGCT L2121-12 al. 3", "a commune of 3 500 inhabitants or more (\(population))")
            case (.commune, let population?):
                (required, citation, basis) = (3, "CGCT L2121-11", "a commune of fewer than 3 500 inhabitants (\(population))")
            case (.commune, nil):
                (required, citation, basis) = (
                    3, "CGCT L2121-11 and L2121-12", "a commune whose population is not recorded (3 clear days at least, 5 if it has 3 500 inhabitants or more)"
                )
            default:
                (required, citation, basis) = (
                    3, "CGCT L5211-1, L2121-11 and L2121-12", "an EPCI (3 clear days at least, 5 if a member commune has 3 500 inhabitants or more)"
                )
            }
            guard clear < required else { return nil }
            return .originalWarning(
                event, rule: "convocation.delay", member: "data.convocation",
                "délibération \(d.number): convocation on \(convocation), session on \(d.session): \(clear) clear day\(clear == 1 ? "" : "s") between them; \(basis) requires \(required), unless urgency was declared (at least 1 clear day, the council then deciding on the urgency).",
                citation: citation)
        }
    }
}

// MARK: - DurationRules.swift
/// The duration rules were not rewritten (only how they are registered changed): the reference is
/// the rules themselves.
enum OriginalDurationRules {
    static let all: [(name: String, check: @Sendable (ConventionHistory) -> [Finding])] = [
        ("duration.max", DurationRules.periodWithinLimit),
        ("duration.extend", DurationRules.extensionWithinLimit),
    ]
}

// MARK: - OriginalIdentifierRules.swift
/// Checks of identifiers: parties' SIREN and the @ctes identifiers of transmitted acts.
enum OriginalIdentifierRules {
    static let all: [(name: String, check: @Sendable (ConventionHistory) -> [Finding])] = [
        ("siren.check", sirenCheckDigits),
        ("actes.id", actesIdentifiers),
    ]

    static let sirenCitation = "INSEE, répertoire SIRENE: the 9th digit is a Luhn check digit"

    /// Every party's SIREN (registration and added parties) passes the Luhn check digit.
    static func sirenCheckDigits(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        if let registration = history.registration {
            for (index, party) in registration.data.parties.enumerated() {
                if let finding = sirenFinding(party, registration.event, member: "data.parties[\(index)].siren") { findings.append(finding) }
            }
        }
        for record in history.avenants {
            for (index, change) in record.avenant.changes.enumerated() {
                guard case .addParty(let party) = change else { continue }
                if let finding = sirenFinding(party, record.event, member: "data.changes[\(index)].party.siren") { findings.append(finding) }
            }
        }
        return findings
    }

    private static func sirenFinding(_ party: Party, _ event: Event, member: String) -> Finding? {
        guard let siren = party.siren, !OriginalSIREN.isValid(siren) else { return nil }
        return .originalWarning(
            event, rule: "siren.check", member: member,
            "the SIREN \(siren) of \(party.name) (\(party.id)) fails its check digit; a digit is probably mistyped.",
            citation: sirenCitation)
    }

    static let actesCitation = "CGCT L2131-1 (transmission to the préfet); @ctes identifier DEP-SIREN-YYYYMMDD-NUMBER-NATURE (EVENTS.md §1.2)"

    /// An `act.transmitted`'s @ctes identifier agrees with what is transmitted.
    ///
    /// For a délibération: the SIREN is its party's (when recorded), the date is its session, the number is
    /// its number (hyphens, spaces and slashes read as underscores, case ignored; not compared when the
    /// number is not printed), the nature is `DE`; for a commune or a département (SIREN starting with
    /// 21 or 22) the department code agrees with the SIREN's 3rd and 4th digits. For every act: the
    /// identifier parses and its SIREN passes the check digit.
    static func actesIdentifiers(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        let deliberations = Dictionary(history.originalDeliberations.map { ($0.deliberation.id, $0.deliberation) }, uniquingKeysWith: { first, _ in first })
        let sirens = Dictionary(history.originalKnownParties.map { ($0.id, $0.siren) }, uniquingKeysWith: { first, _ in first })
        for event in history.events {
            guard case .actTransmitted(let t) = event.payload, let text = t.actesID else { continue }
            func warn(_ message: String) {
                findings.append(
                    .originalWarning(event, rule: "actes.id", member: "data.actes_id", "@ctes identifier \(text): " + message, citation: actesCitation))
            }
            let id: OriginalActesIdentifier
            do {
                id = try OriginalActesIdentifier(parsing: text)
            } catch {
                warn(error.description + ".")
                continue
            }
            if !id.hasValidSIREN {
                warn("its SIREN \(id.siren) fails its check digit.")
            }
            departmentAgreement(id).map(warn)
            guard case .deliberation(let deliberationID) = t.act, let d = deliberations[deliberationID] else { continue }
            if let siren = sirens[d.party] ?? nil, siren != id.siren {
                warn("its SIREN \(id.siren) is not the SIREN of \(d.party) (\(siren)), whose délibération is transmitted.")
            }
            if id.decisionDate != d.session {
                warn("its decision date \(id.decisionDate) is not the session date of the délibération (\(d.session)).")
            }
            if let number = comparableNumber(d.number), number != comparableNumber(id.number) {
                warn("its number \(id.number) is not the délibération's number (\(d.number)).")
            }
            if id.nature != "DE" {
                warn("its nature code is \(id.nature) (\(id.natureLabel ?? "unknown code")), but a délibération is transmitted with DE.")
            }
        }
        return findings
    }

    /// A commune's SIREN is 21 + department + …, a département's 22 + department + …:
    /// the message when the @ctes department code disagrees, else `nil`.
    static func departmentAgreement(_ id: OriginalActesIdentifier) -> String? {
        let digits = Array(id.siren.utf8)
        guard digits.count == 9, digits[0] == UInt8(ascii: "2"), digits[1] == UInt8(ascii: "1") || digits[1] == UInt8(ascii: "2") else { return nil }
        let fromSIREN = String(decoding: digits[2...3], as: UTF8.self)
        var code = id.department
        if code.count == 3, code.hasPrefix("0") { code.removeFirst() }
        // Corse (2A, 2B) is numbered 20 in SIRENs; overseas departments (971…) 97.
        let expected = code == "2A" || code == "2B" ? "20" : String(code.prefix(2))
        guard expected != fromSIREN else { return nil }
        let body = digits[1] == UInt8(ascii: "1") ? "a commune" : "a département"
        return
            "its department code \(id.department) disagrees with its SIREN \(id.siren), which is \(body)'s of department \(fromSIREN) (21/22 + department + …)."
    }

    /// The internal number as @ctes writes it (underscores for hyphens, spaces and slashes, uppercase),
    /// or `nil` when the log does not give a number (« non imprimé », empty).
    static func comparableNumber(_ number: String) -> String? {
        var bytes = Array(number.utf8)
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let trimmed = number.originalTrimmingSpaces
            guard !OriginalTextFolding.fold(trimmed).hasPrefix("non ") else { return nil }
            return String(trimmed.uppercased().map { $0 == "-" || $0 == " " || $0 == "/" ? "_" : $0 })
        }
        if bytes.count >= 4, bytes[0] | 0x20 == UInt8(ascii: "n"), bytes[1] | 0x20 == UInt8(ascii: "o"),
            bytes[2] | 0x20 == UInt8(ascii: "n"), bytes[3] == 0x20
        {
            return nil
        }
        return String(
            decoding: bytes.map { byte in
                switch byte {
                case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "/"): return UInt8(ascii: "_")
                case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - 32
                default: return byte
                }
            }, as: UTF8.self)
    }
}

extension String {
    /// The text without leading and trailing spaces.
    var originalTrimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}

// MARK: - OriginalChronologyRules.swift
/// Checks that the acts of a convention come in an order the law and the convention allow.
enum OriginalChronologyRules {
    static let all: [(name: String, check: @Sendable (ConventionHistory) -> [Finding])] = [
        ("signature.authorised", deliberationBeforeSignature),
        ("transmission.dates", transmissionDates),
        ("avenant.numbering", avenantNumbering),
        ("avenant.period", avenantWithinPeriod),
        ("element.after-abrogation", changesAfterAbrogation),
    ]

    /// A party whose délibérations on an act are recorded has one adopted on or before the day it signs.
    ///
    /// Parties without any recorded délibération on the act (often the Caf, whose board's decision is
    /// not in the log) are not checked: the log cannot tell.
    static func deliberationBeforeSignature(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        // The first session at which each party deliberated on each act.
        var firstSession: [String: [TransmittedAct: CivilDate]] = [:]
        for (_, d) in history.originalDeliberations {
            if let known = firstSession[d.party]?[d.act], known <= d.session { continue }
            firstSession[d.party, default: [:]][d.act] = d.session
        }
        for event in history.events {
            guard case .actSigned(let signed) = event.payload else { continue }
            for (index, party) in signed.parties.enumerated() {
                guard let first = firstSession[party]?[.act(signed.act)], first > signed.date else { continue }
                findings.append(
                    .originalWarning(
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
        let sessions = Dictionary(history.originalDeliberations.map { ($0.deliberation.id, $0.deliberation.session) }, uniquingKeysWith: { first, _ in first })
        for event in history.events {
            guard case .actTransmitted(let t) = event.payload else { continue }
            if let received = t.received, received < t.sent {
                findings.append(
                    .originalWarning(
                        event, rule: "transmission.dates", member: "data.received",
                        "\(t.act) was received by the préfecture on \(received), before it was sent (\(t.sent)).",
                        citation: "CGCT L2131-1"))
            }
            if case .deliberation(let id) = t.act, let session = sessions[id], t.sent < session {
                findings.append(
                    .originalWarning(
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
                    .originalWarning(
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
                findings.append(.originalWarning(record.event, rule: "avenant.period", member: member, message, citation: "seed 004, art. 10 and 11"))
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
                        .originalWarning(
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

// MARK: - OriginalOfferRules.swift
/// Checks of the offer of services a collectivité must provide (seed 004, art. 3).
enum OriginalOfferRules {
    static let all: [(name: String, check: @Sendable (ConventionHistory) -> [Finding])] = [
        ("offer.rpe", relaisPetiteEnfance)
    ]

    /// From this date a commune of more than 10 000 inhabitants must have a relais petite enfance.
    static let rpeDate = CivilDate(year: 2026, month: 1, day: 1)!

    static let citation = "seed 004, art. 3 (communes of more than 10 000 inhabitants: relais petite enfance from 1 January 2026); CASF L214-1-3"

    /// What the log says about one commune.
    struct Commune {
        var key: String
        var name: String
        var population: Int?
        /// `nb_habitants` of the competence table (annexe 3), e.g. « + 10 000 ».
        var populationClass: String?
        /// The table says whether the commune itself plans the offer or supports its quality.
        var exercisesItself: Bool?
    }

    /// A commune of more than 10 000 inhabitants that exercises the competence itself (or whose
    /// competences are not recorded) and whose équipements the log lists has a relais petite enfance
    /// among them at every date from 1 January 2026 (or the start) at which the text changes.
    ///
    /// Population: the party's `population`, or the competence table's `nb_habitants`
    /// (« + 10 000 » means more than 10 000). Competence: an element `sppe-competences:<commune>` whose
    /// `planifier` or `soutenir_qualite` field says « exercée par la commune »; a competence transferred to
    /// the EPCI moves the obligation to the EPCI and the commune is not checked. Équipements: elements of
    /// kind `equipement` whose `commune` field or id (`equipement:<commune>/…`) names the commune. A
    /// relais is recognised by « relais petite enfance », « RPE » (or the former « relais assistants
    /// maternels », « RAM ») in its title or `type`.
    static func relaisPetiteEnfance(_ history: ConventionHistory) -> [Finding] {
        guard let registration = history.registration, mayConcernALargeCommune(history) else { return [] }
        var dates = [max(registration.data.start, rpeDate)]
        for record in history.avenants {
            dates.append(record.avenant.effectiveFrom)
            if let until = record.avenant.effectiveUntil { dates.append(until.next) }
        }
        var reported: Set<String> = []
        var findings: [Finding] = []
        for date in Set(dates).sorted() where date >= rpeDate {
            let state = Projection.state(history, at: date, showDraft: true)
            guard let end = state.end, date <= end else { continue }
            let elements = state.elements.map(\.element)
            for commune in communes(state.parties, elements) where !reported.contains(commune.key) {
                guard isAbove10000(commune), commune.exercisesItself ?? true else { continue }
                let equipements = elements.filter { $0.kind == .equipement && belongs($0, to: commune.key) }
                guard !equipements.isEmpty, !equipements.contains(where: isRelais) else { continue }
                reported.insert(commune.key)
                let event =
                    history.avenants.first { $0.avenant.effectiveFrom == date || $0.avenant.effectiveUntil?.next == date }?.event
                    ?? registration.event
                let size = commune.population.map { "\($0) inhabitants" } ?? "« \(commune.populationClass ?? "") » inhabitants"
                findings.append(
                    .originalWarning(
                        event, rule: "offer.rpe", member: nil,
                        "on \(date) the commune \(commune.name) (\(size)) lists \(equipements.count) équipement\(equipements.count == 1 ? "" : "s") but no relais petite enfance (RPE), which a commune of more than 10 000 inhabitants must have from 1 January 2026.",
                        citation: citation))
            }
        }
        return findings
    }

    /// The communes the text knows: the parties of kind commune and the competence table's rows.
    static func communes(_ parties: [Party], _ elements: [Element]) -> [Commune] {
        var result: [Commune] = []
        for party in parties where party.kind == .commune {
            result.append(Commune(key: key(party), name: party.name, population: party.population))
        }
        for element in elements where element.id.hasPrefix("sppe-competences:") {
            let key = OriginalTextFolding.slug(String(element.id.dropFirst("sppe-competences:".count)))
            let exercised = ["planifier", "soutenir_qualite"].compactMap { element.field($0) }.map(isExercisedByCommune)
            var commune = result.first { $0.key == key } ?? Commune(key: key, name: element.title)
            commune.populationClass = element.field("nb_habitants") ?? element.field("population")
            if !exercised.isEmpty { commune.exercisesItself = exercised.contains(true) }
            result.removeAll { $0.key == key }
            result.append(commune)
        }
        return result
    }

    /// A party's key: its id as a slug, without a « ville-de- » or « commune-de- » prefix.
    static func key(_ party: Party) -> String {
        var slug = OriginalTextFolding.slug(party.id)
        for prefix in ["ville-de-", "commune-de-", "mairie-de-"] where slug.hasPrefix(prefix) {
            slug.removeFirst(prefix.count)
        }
        return slug
    }

    /// More than 10 000 inhabitants, from the population or the table's class (« + 10 000 », « 12500 »).
    /// A cheap look before projecting the text at several dates: some commune may have more than
    /// 10 000 inhabitants (a party's population, or a competence table) and some act lists équipements.
    static func mayConcernALargeCommune(_ history: ConventionHistory) -> Bool {
        var elements = history.registration?.data.elements ?? []
        var parties = history.originalKnownParties
        for record in history.avenants {
            for change in record.avenant.changes {
                switch change {
                case .add(let element), .replace(_, let element): elements.append(element)
                case .addParty(let party): parties.append(party)
                default: break
                }
            }
        }
        let large =
            parties.contains { $0.kind == .commune && ($0.population ?? 0) > 10_000 }
            || elements.contains { $0.id.hasPrefix("sppe-competences:") }
        return large && elements.contains { $0.kind == .equipement }
    }

    static func isAbove10000(_ commune: Commune) -> Bool {
        if let population = commune.population { return population > 10_000 }
        guard let text = commune.populationClass else { return false }
        let compact = String(OriginalTextFolding.fold(text).filter { $0 != " " && $0 != "." })
        let plus = compact.hasPrefix("+") || compact.hasPrefix(">") || compact.hasPrefix("plusde")
        guard let number = Int(compact.filter(\.originalIsASCIIDigit)) else { return false }
        if compact.hasPrefix("-") || compact.hasPrefix("<") || compact.hasPrefix("moins") { return false }
        return plus ? number >= 10_000 : number > 10_000
    }

    /// « cochée : Exercée par la commune » → true; « Transférée … à l'EPCI », « non cochée » → false.
    static func isExercisedByCommune(_ text: String) -> Bool {
        let folded = OriginalTextFolding.fold(text)
        return folded.contains("exercee par la commune") && !folded.hasPrefix("non coche")
    }

    /// The équipement belongs to the commune: its `commune` field or its id `equipement:<commune>/…`.
    static func belongs(_ element: Element, to key: String) -> Bool {
        if let commune = element.field("commune"), OriginalTextFolding.slug(commune) == key { return true }
        return element.id.hasPrefix("equipement:\(key)/")
    }

    /// « relais petite enfance », « RPE », or the former « relais assistants maternels », « RAM », in the title or type.
    static func isRelais(_ element: Element) -> Bool {
        [element.title, element.field("type") ?? ""].contains { text in
            let folded = OriginalTextFolding.fold(text)
            let words = OriginalTextFolding.words(text)
            return folded.contains("relais petite enfance") || folded.contains("relais assistant") || words.contains("rpe") || words.contains("ram")
        }
    }
}

extension Character {
    /// `0` to `9`.
    var originalIsASCIIDigit: Bool { ("0"..."9").contains(self) }
}

// MARK: - OriginalActesIdentifier.swift
/// The identifier that the @ctes system (transmission of acts to the préfecture
/// for the *contrôle de légalité*) gives to a transmitted act, as stamped on it:
/// `038-213802812-20251124-DELIB2025_052-DE`.
///
/// Five parts joined by hyphens: department code, SIREN of the issuing
/// collectivité, decision date `YYYYMMDD`, the collectivité's internal number
/// of the act (letters, digits and underscores, never a hyphen), nature code.
///
/// Parsing checks the form only. Whether the SIREN's check digit is right
/// (`hasValidSIREN`) and whether the date matches the délibération's session
/// are domain findings for `ctg verify` to report, not parse errors.
struct OriginalActesIdentifier: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The department code as written: three characters in @ctes (`"038"`,
    /// `"974"`, `"02A"` / `"02B"` for Corse), two accepted (`"38"`, `"2A"`).
    let department: String
    /// The SIREN of the collectivité that issued the act: nine ASCII digits
    /// (the check digit is not verified here, see `hasValidSIREN`).
    let siren: String
    /// The date of the decision (for a délibération, the council's session).
    let decisionDate: CivilDate
    /// The internal number of the act, e.g. `DELIB2025_052`: 1 to 15 ASCII
    /// letters, digits or underscores.
    let number: String
    /// The nature code: two uppercase ASCII letters, e.g. `DE` (see `natureLabel`).
    let nature: String

    /// Parses an identifier; the error names the first part that is wrong and
    /// what was expected. No surrounding spaces or `ID :` prefix are accepted.
    init(parsing text: String) throws(OriginalActesIdentifierError) {
        guard !text.isEmpty else { throw .empty }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 else { throw .partCount(found: parts.count, text: text) }
        try self.init(
            department: parts[0], siren: parts[1], decisionDateText: parts[2],
            number: parts[3], nature: parts[4])
    }

    /// Builds an identifier from its parts, checking each as `init(parsing:)` does.
    init(
        department: String, siren: String, decisionDate: CivilDate, number: String, nature: String
    ) throws(OriginalActesIdentifierError) {
        try self.init(
            department: department, siren: siren,
            decisionDateText: OriginalActesIdentifier.compact(decisionDate),
            number: number, nature: nature)
    }

    /// Parses like `init(parsing:)`, giving `nil` instead of an error.
    init?(_ description: String) {
        guard let parsed = try? OriginalActesIdentifier(parsing: description) else { return nil }
        self = parsed
    }

    private init(
        department: String, siren: String, decisionDateText: String, number: String, nature: String
    ) throws(OriginalActesIdentifierError) {
        guard OriginalActesIdentifier.isDepartment(department) else { throw .department(department) }
        guard siren.utf8.count == 9, siren.utf8.allSatisfy(OriginalActesIdentifier.isDigit) else {
            throw .siren(siren)
        }
        guard let date = OriginalActesIdentifier.date(decisionDateText) else {
            throw .decisionDate(decisionDateText)
        }
        guard (1...15).contains(number.utf8.count),
            number.utf8.allSatisfy({
                OriginalActesIdentifier.isLetter($0) || OriginalActesIdentifier.isDigit($0) || $0 == UInt8(ascii: "_")
            })
        else { throw .number(number) }
        guard nature.utf8.count == 2, nature.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw .nature(nature)
        }
        self.department = department
        self.siren = siren
        self.decisionDate = date
        self.number = number
        self.nature = nature
    }

    /// The identifier in its canonical written form, e.g.
    /// `038-213802812-20251124-DELIB2025_052-DE`.
    var description: String {
        "\(department)-\(siren)-\(OriginalActesIdentifier.compact(decisionDate))-\(number)-\(nature)"
    }

    /// `true` when `siren` passes the SIREN check digit (see `OriginalSIREN.isValid`).
    var hasValidSIREN: Bool { OriginalSIREN.isValid(siren) }

    /// The French label of the nature code for the six @ctes natures, `nil`
    /// for another code: `DE` délibération, `AR` acte réglementaire, `AI` acte
    /// individuel, `CC` contrat, convention ou avenant, `BF` document budgétaire
    /// ou financier, `AU` autre.
    var natureLabel: String? {
        switch nature {
        case "DE": "délibération"
        case "AR": "acte réglementaire"
        case "AI": "acte individuel"
        case "CC": "contrat, convention ou avenant"
        case "BF": "document budgétaire ou financier"
        case "AU": "autre acte"
        default: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    /// Two or three digits, or Corse's `2A`, `2B`, `02A`, `02B`.
    private static func isDepartment(_ text: String) -> Bool {
        switch text {
        case "2A", "2B", "02A", "02B": return true
        default: return (2...3).contains(text.utf8.count) && text.utf8.allSatisfy(isDigit)
        }
    }

    /// `YYYYMMDD` as a real day.
    private static func date(_ text: String) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes.allSatisfy(isDigit) else { return nil }
        let value = bytes.reduce(0) { $0 * 10 + Int($1 - 48) }
        return CivilDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// `YYYYMMDD` for a date.
    private static func compact(_ date: CivilDate) -> String {
        String(date.description.filter { $0 != "-" })
    }
}

/// Why a text is not an @ctes identifier: which part is wrong and what was
/// expected. `description` is a user-facing sentence quoting the offending
/// text, e.g. `the SIREN part "21380281" must be exactly 9 digits`.
enum OriginalActesIdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// The text does not split into exactly five hyphen-separated parts.
    case partCount(found: Int, text: String)
    /// The department part is not 2 or 3 digits nor a Corse code.
    case department(String)
    /// The SIREN part is not nine ASCII digits.
    case siren(String)
    /// The decision date part is not `YYYYMMDD` naming a real day.
    case decisionDate(String)
    /// The internal number is empty, too long or has a forbidden character.
    case number(String)
    /// The nature part is not two uppercase ASCII letters.
    case nature(String)

    /// One sentence saying what is wrong and what was expected.
    var description: String {
        let shape = "DEP-SIREN-YYYYMMDD-NUMBER-NATURE, e.g. 038-213802812-20251124-DELIB2025_052-DE"
        switch self {
        case .empty:
            return "the @ctes identifier is empty; expected \(shape)"
        case .partCount(let found, let text):
            let parts = found == 1 ? "1 hyphen-separated part" : "\(found) hyphen-separated parts"
            let hint = found > 5 ? " (the internal number may contain underscores but never a hyphen)" : ""
            return "the @ctes identifier \"\(text)\" has \(parts) instead of 5\(hint); expected \(shape)"
        case .department(let part):
            return "the department part \"\(part)\" must be 3 characters such as 038, 974, 02A or 02B"
                + " (2 accepted: 38, 2A)"
        case .siren(let part):
            return "the SIREN part \"\(part)\" must be exactly 9 digits"
        case .decisionDate(let part):
            return "the decision date part \"\(part)\" must be a real date written YYYYMMDD, e.g. 20251124"
        case .number(let part):
            return "the internal number part \"\(part)\" must be 1 to 15 letters, digits or underscores"
                + " (no hyphen, space or accent)"
        case .nature(let part):
            return "the nature part \"\(part)\" must be two uppercase letters such as DE (délibération),"
                + " AR, AI, CC, BF or AU"
        }
    }
}

// MARK: - SIREN.swift
/// The SIREN number of a French legal entity (INSEE's *Système d'identification
/// du répertoire des entreprises*): nine digits, the last one a Luhn check digit.
///
/// Only the form is checked, not that INSEE ever attributed the number.
///
/// Known exception, deliberately not handled: the SIRET numbers (SIREN + 5-digit
/// establishment number) of La Poste's establishments, `356 000 000 xxxxx`, are
/// checked by a different rule (sum of the digits divisible by 5) and most do not
/// pass Luhn. La Poste's SIREN `356000000` itself passes Luhn, and SIRET numbers
/// are not this type's business.
enum OriginalSIREN {
    /// `true` when `s` is exactly nine ASCII digits (no spaces, no other
    /// digits of Unicode), not all zeros, whose Luhn sum is a multiple of 10.
    static func isValid(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 9, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let digits = bytes.map { Int($0 - 48) }
        guard digits.contains(where: { $0 != 0 }) else { return false }
        return luhnSum(digits) % 10 == 0
    }

    /// The check digit that completes an eight-digit prefix into a valid SIREN,
    /// or `nil` when `prefix` is not exactly eight ASCII digits. Useful to
    /// generate test data: `"21380281" + String(checkDigit(for: "21380281")!)`.
    static func checkDigit(for prefix: String) -> Int? {
        let bytes = Array(prefix.utf8)
        guard bytes.count == 8, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let sum = luhnSum(bytes.map { Int($0 - 48) } + [0])
        return (10 - sum % 10) % 10
    }

    /// The Luhn sum: from the rightmost digit, every second digit is doubled
    /// (and reduced by 9 when above 9), then all are added.
    private static func luhnSum(_ digits: [Int]) -> Int {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum
    }
}

// MARK: - OriginalTextFolding.swift
/// Text comparisons for rules that read free text written by people
/// (équipement types, échéances, commune names): case and French accents ignored.
enum OriginalTextFolding {
    /// Lowercased, French accents and ligatures removed, non-breaking spaces made plain:
    /// « Relais Petite Enfance » and « relais petite enfance » fold alike.
    static func fold(_ text: String) -> String {
        // Most identifiers and numbers are ASCII: lowercase their bytes without Unicode tables.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x09 }) {
            return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "à", "â", "ä", "á", "ã": out += "a"
            case "ç": out += "c"
            case "é", "è", "ê", "ë": out += "e"
            case "î", "ï", "í", "ì": out += "i"
            case "ô", "ö", "ó", "ò", "õ": out += "o"
            case "ù", "û", "ü", "ú": out += "u"
            case "ÿ": out += "y"
            case "œ": out += "oe"
            case "æ": out += "ae"
            case "\u{00A0}", "\u{202F}", "\u{2009}", "\t": out += " "
            case "’", "‘": out += "'"
            case "–", "—", "‑": out += "-"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The folded text's runs of ASCII letters and digits: « RPE (Sassenage) » → `["rpe", "sassenage"]`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in fold(text).unicodeScalars {
            if isAlphanumeric(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A slug: the words joined by hyphens, « SEYSSINET-PARISET » → `seyssinet-pariset`.
    static func slug(_ text: String) -> String {
        words(text).joined(separator: "-")
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

// MARK: - RuleSupport.swift
/// Lookups over a convention's history shared by the domain rules.
extension ConventionHistory {
    /// Every party the history knows: the registration's, then those added by avenants (first mention wins).
    var originalKnownParties: [Party] {
        var parties = registration?.data.parties ?? []
        for record in avenants {
            for case .addParty(let party) in record.avenant.changes where !parties.contains(where: { $0.id == party.id }) {
                parties.append(party)
            }
        }
        return parties
    }

    /// The party with this id, if known.
    func originalParty(_ id: String) -> Party? {
        originalKnownParties.first { $0.id == id }
    }

    /// Every `deliberation.adopted`, with its event.
    var originalDeliberations: [(event: Event, deliberation: DeliberationAdopted)] {
        events.compactMap { event in
            if case .deliberationAdopted(let d) = event.payload { return (event, d) }
            return nil
        }
    }
}

// MARK: - DomainRules.swift

extension Finding {
    /// A warning about an event.
    static func originalWarning(_ event: Event, rule: String, member: String? = nil, _ message: String, citation: String) -> Finding {
        Finding(.warning, rule: rule, line: event.line, seq: event.seq, member: member, message, citation: citation)
    }
}

/// Every original rule, in `DomainRules.all`'s order.
enum OriginalRules {
    static let all: [(name: String, check: @Sendable (ConventionHistory) -> [Finding])] =
        OriginalDeliberationRules.all + OriginalDurationRules.all + OriginalIdentifierRules.all + OriginalChronologyRules.all
        + OriginalOfferRules.all

    /// The findings of every rule over one history, in order (as `DomainRules.findings` gives them, file unset).
    static func findings(_ history: ConventionHistory) -> [Finding] {
        all.flatMap { $0.check(history) }
    }
}
