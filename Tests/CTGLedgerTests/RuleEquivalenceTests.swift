import Foundation
import Testing

@testable import CTGLedger

/// The domain rules were rewritten to read each history once and fold the text only for what they
/// need. They must find exactly what the rules as first written find (`OriginalRules`, kept verbatim
/// in `Support/OriginalRules.swift`): same findings, same order, on the real logs, on generated
/// ledgers, and on generated ledgers whose events are randomly altered so that every rule fires.
@Suite struct RuleEquivalenceTests {
    /// Every rule, new and original, finds the same on this history, and `DomainRules.findings` gives
    /// their concatenation.
    static func expectSameFindings(_ history: ConventionHistory, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(DomainRules.all.map(\.name) == OriginalRules.all.map(\.name))
        var expected: [Finding] = []
        for (rule, original) in zip(DomainRules.all, OriginalRules.all) {
            let old = original.check(history)
            let new = rule.check(history)
            #expect(new == old, "\(label): rule \(rule.name)", sourceLocation: sourceLocation)
            expected += old
        }
        let all = DomainRules.findings([history], file: "log.jsonl")
        #expect(
            all
                == expected.map { finding in
                    var f = finding
                    f.file = f.file ?? "log.jsonl"
                    return f
                }, "\(label): all rules", sourceLocation: sourceLocation)
    }

    @Test func realLogs() throws {
        for path in ReplayPropertyTests.realLogs {
            let ledger = try Ledger.read(path: path)
            for history in ledger.histories() { Self.expectSameFindings(history, path) }
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func generatedLedgers() throws {
        for seed in [1, 7] {
            let (path, directory) = try ReplayPropertyTests.generatedLog(events: 3_000, seed: seed)
            defer { directory.remove() }
            let ledger = try Ledger.read(path: path)
            for history in ledger.histories() { Self.expectSameFindings(history, "seed \(seed) \(history.convention)") }
        }
    }

    /// Generated ledgers with altered parties, populations, équipements, competence tables,
    /// délibérations, @ctes identifiers, signatures, avenants and annulments.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func alteredGeneratedLedgers() throws {
        let (path, directory) = try ReplayPropertyTests.generatedLog(events: 4_000, seed: 3)
        defer { directory.remove() }
        let ledger = try Ledger.read(path: path)
        var fired: [String: Int] = [:]
        for round in 0..<10 {
            var random = SplitMix64(seed: UInt64(round) &* 7_919 &+ 11)
            for history in ledger.histories() {
                var alteration = Alteration(history.events, random: random)
                let events = history.events.map { alteration.alter($0) }
                random = alteration.random
                let altered = ConventionHistory(events: events, convention: history.convention)
                Self.expectSameFindings(altered, "round \(round) \(history.convention)")
                for finding in OriginalRules.findings(altered) { fired[finding.rule, default: 0] += 1 }
            }
        }
        print("fired", fired.sorted { $0.key < $1.key })
        // The alterations make every rule fire, so that the comparison is not between empty lists.
        for rule in DomainRules.all { #expect(fired[rule.name, default: 0] > 0, "\(rule.name) never fired") }
    }

    // MARK: The pieces, against the original code

    /// Texts near @ctes identifiers: well-formed ones and every way of being wrong.
    static func actesTexts(_ random: inout SplitMix64) -> [String] {
        let departments = ["038", "38", "2A", "2B", "02A", "02B", "971", "974", "027", "0381", "3", "2C", "0é8", "075", "013"]
        let sirens = ["213802812", "213802813", "200066405", "212000046", "219711207", "223800017", "21380281", "2138028123", "21380281a", "000000000"]
        let dates = ["20251124", "20250229", "20240229", "2025112", "20251324", "2025-11-24", "20251100"]
        let numbers = ["DELIB2025_052", "2022_29", "X", "", "DELIB_2025_0520000", "délib", "a b", "2022_29x"]
        let natures = ["DE", "AR", "AU", "XX", "de", "D", "DEL", "É"]
        var texts: [String] = ["", "-", "----", "-----", "038-213802812-20251124-DELIB2025_052-DE", "038-213802812-20251124-DELIB-2025-052-DE"]
        for _ in 0..<400 {
            var parts = [
                departments.randomElement(using: &random)!, sirens.randomElement(using: &random)!, dates.randomElement(using: &random)!,
                numbers.randomElement(using: &random)!, natures.randomElement(using: &random)!,
            ]
            switch Int.random(in: 0..<8, using: &random) {
            case 0: parts.removeLast()
            case 1: parts.append("DE")
            case 2: parts[Int.random(in: 0..<5, using: &random)] += "\u{301}"  // a combining accent after a part
            default: break
            }
            var text = parts.joined(separator: "-")
            if Int.random(in: 0..<10, using: &random) == 0 { text = " " + text }
            texts.append(text)
        }
        return texts
    }

    @Test func actesIdentifierParsing() {
        var random = SplitMix64(seed: 42)
        for text in Self.actesTexts(&random) {
            let new = Result { () throws(ActesIdentifierError) in try ActesIdentifier(parsing: text) }
            let old = Result { () throws(OriginalActesIdentifierError) in try OriginalActesIdentifier(parsing: text) }
            switch (new, old) {
            case (.success(let n), .success(let o)):
                #expect(
                    [n.department, n.siren, n.number, n.nature, n.description] == [o.department, o.siren, o.number, o.nature, o.description], "\(text)")
                #expect(n.decisionDate == o.decisionDate && n.hasValidSIREN == o.hasValidSIREN, "\(text)")
                #expect(IdentifierRules.departmentAgreement(n) == OriginalIdentifierRules.departmentAgreement(o), "\(text)")
            case (.failure(let n), .failure(let o)):
                #expect(n.description == o.description, "\(text)")
            default:
                Issue.record("\(text): \(new) but originally \(old)")
            }
        }
    }

    @Test func sirenCheckDigit() {
        var random = SplitMix64(seed: 5)
        var texts = ["", "000000000", "213802812", "213802813", "200066405", "2138028120", "21380281", "２13802812", "21380281\u{301}2"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 7...10, using: &random)
            texts.append(String((0..<length).map { _ in "0123456789x".randomElement(using: &random)! }))
        }
        for text in texts { #expect(SIREN.isValid(text) == OriginalSIREN.isValid(text), "\(text)") }
    }

    @Test func numbersComparedAsActesWritesThem() {
        let logged = [
            "2022-29", "2022_29", "2022 29", " 2022/29 ", "non imprimé", "Non imprimé", "NON ", "non", "none", "", "  ", "\t", "délib 2022-29",
            "DELIB2025_052", "delib2025-052", "2022–29", "n° 29", "2022\u{00A0}29",
        ]
        let stamped = ["2022_29", "DELIB2025_052", "X", "2022_30", "délib", "non imprimé", " 2022_29"]
        for a in logged {
            for b in stamped {
                let original: Bool
                if let number = OriginalIdentifierRules.comparableNumber(a) {
                    original = number != OriginalIdentifierRules.comparableNumber(b)
                } else {
                    original = false
                }
                #expect(IdentifierRules.numberDisagrees(a, b) == original, "\(a) / \(b)")
            }
        }
    }

    @Test func slugs() {
        var random = SplitMix64(seed: 9)
        var texts = ["SEYSSINET-PARISET", "Ville de Fontaine", "commune-de-saint-égrève", "", "--", "a\tb", "Œuvre", "RPE (Sassenage)", "İstanbul"]
        let alphabet = Array("aZ09 -_/'.\téÉœ\u{00A0}ç")
        for _ in 0..<1_000 {
            texts.append(String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
        }
        for text in texts { #expect(TextFolding.slug(text) == OriginalTextFolding.slug(text), "\(text)") }
    }

    @Test func relaisRecognition() {
        var random = SplitMix64(seed: 23)
        let pieces = [
            "Relais", "relais", "RELAIS", "Rélais", "petite", "Petite", "enfance", "Enfance", "enfancé", "enfance\u{301}", "assistant", "assistants",
            "maternels", "RPE", "rpe", "Rpe", "RAM", "ram", "rame", "rpe2", "R.P.E", "«", "»", "(", ")", "-", "'", "\u{00A0}", "\t", "crèche", "EAJE",
            "\u{212A}", "é", "\u{301}",
        ]
        for _ in 0..<3_000 {
            func text() -> String {
                (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                    .joined(separator: ["", " ", " ", "  ", "\u{00A0}"].randomElement(using: &random)!)
            }
            let element = Element(id: "equipement:ville/x", kind: .equipement, title: text(), fields: [Element.Field(name: "type", value: text())])
            #expect(OfferRules.isRelais(element) == OriginalOfferRules.isRelais(element), "\(element.title) / \(element.fields)")
        }
    }

    /// `ContentFold.period` gives the period of the whole fold, and `OfferText` the parties, period
    /// and équipements and competence rows of `Projection.state(showDraft: true)`, at every date an
    /// avenant starts or ends.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func partialFolds() throws {
        let (path, directory) = try ReplayPropertyTests.generatedLog(events: 3_000, seed: 5)
        defer { directory.remove() }
        var histories = try Ledger.read(path: path).histories()
        for path in ReplayPropertyTests.realLogs { histories += try Ledger.read(path: path).histories() }
        var random = SplitMix64(seed: 17)
        for history in histories {
            var alteration = Alteration(history.events, random: random)
            let altered = ConventionHistory(events: history.events.map { alteration.alter($0) }, convention: history.convention)
            random = alteration.random
            for history in [history, altered] {
                let ordered = history.orderedAvenants
                var dates = history.avenants.flatMap {
                    [$0.avenant.effectiveFrom, $0.avenant.effectiveFrom.next, $0.avenant.effectiveUntil?.next].compactMap { $0 }
                }
                if let registration = history.registration { dates += [registration.event.effective, registration.data.start, registration.data.end] }
                let text = OfferText(history, orderedAvenants: ordered, annulled: RuleContext(history).annulled)
                // What `append`'s reference check reads: the changes of each avenant that cannot apply to
                // the text at its date, folding only the elements it changes or folding them all.
                for record in history.avenants {
                    let date = record.avenant.effectiveFrom
                    var full = ContentFold(history, at: date, includeUnconcluded: true, excludingSeq: record.event.seq)
                    var partial = ContentFold(
                        history, at: date, includeUnconcluded: true, excludingSeq: record.event.seq,
                        onlyElements: record.avenant.changes.compactMap(\.elementID))
                    (full.skipped, partial.skipped) = ([], [])
                    full.apply(record)
                    partial.apply(record)
                    #expect(partial.skipped.map(\.index) == full.skipped.map(\.index), "\(history.convention) avenant \(record.avenant.number)")
                    #expect(partial.skipped.map(\.reason) == full.skipped.map(\.reason))
                    #expect(partial.start == full.start && partial.end == full.end && partial.parties == full.parties)
                }
                for date in dates {
                    for (includeUnconcluded, excluding) in [(true, history.avenants.first?.event.seq), (false, nil), (true, nil)] {
                        let fold = ContentFold(history, at: date, includeUnconcluded: includeUnconcluded, excludingSeq: excluding)
                        let period = ContentFold.period(
                            history, at: date, includeUnconcluded: includeUnconcluded, excludingSeq: excluding, orderedAvenants: ordered)
                        #expect(period.start == fold.start && period.end == fold.end, "\(history.convention) at \(date)")
                    }
                    let state = Projection.state(history, at: date, showDraft: true)
                    let offer = text.state(at: date)
                    #expect(offer.end == state.end && offer.parties == state.parties, "\(history.convention) at \(date)")
                    let kept = state.elements.map(\.element).filter { $0.kind == .equipement || $0.id.hasPrefix("sppe-competences:") }
                    let got = offer.elements.filter { $0.kind == .equipement || $0.id.hasPrefix("sppe-competences:") }
                    #expect(got.sorted { $0.id < $1.id } == kept, "\(history.convention) at \(date)")
                }
            }
        }
    }
}

/// Random alterations of a convention's events that make the domain rules fire: populations,
/// kinds and SIRENs of parties, équipements (relais or not, their commune), competence tables,
/// counts, dates and numbers of délibérations, @ctes identifiers, signatures, avenants' dates and
/// changes, annulments. Payloads change; envelopes (`seq`, ids) stay.
struct Alteration {
    var random: SplitMix64
    let partyIDs: [String]
    let elementIDs: [String]
    let deliberations: [DeliberationAdopted]
    let sirens: [String: String]

    init(_ events: [Event], random: SplitMix64) {
        self.random = random
        var parties: [Party] = []
        var elements: [String] = []
        var deliberations: [DeliberationAdopted] = []
        for event in events {
            switch event.payload {
            case .conventionRegistered(let r):
                parties += r.parties
                elements += r.elements.map(\.id)
            case .avenantConcluded(let a):
                for change in a.changes {
                    if case .add(let e) = change { elements.append(e.id) }
                    if case .addParty(let p) = change { parties.append(p) }
                }
            case .deliberationAdopted(let d): deliberations.append(d)
            default: break
            }
        }
        partyIDs = parties.map(\.id) + ["inconnu"]
        // Few ids, so that avenants often change the same elements: équipements first.
        let equipements = elements.filter { $0.hasPrefix("equipement:") }
        elementIDs = Array(equipements.prefix(4)) + Array(elements.prefix(2)) + ["equipement:inconnu/x"]
        self.deliberations = deliberations
        sirens = Dictionary(parties.compactMap { p in p.siren.map { (p.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    private mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }
    private mutating func shift(_ date: CivilDate, _ range: ClosedRange<Int>) -> CivilDate {
        date.adding(days: Int.random(in: range, using: &random)) ?? date
    }
    private mutating func count() -> Int? { pick([nil, 0, 5, 10, 11, 20, 21, 40]) }

    static let populations: [Int?] = [nil, 900, 3_499, 3_500, 10_000, 10_001, 24_000]
    static let types = [
        "RPE", "EAJE PSU", "Relais Petite Enfance", "ram", "Relais assistants maternels", "Accueil de loisirs", "rpe intercommunal", "Autres :",
    ]
    static let classes = ["+ 10 000", "+10000", "+3500", "-3500", "12500", "plus de 10 000", "moins de 10 000", "> 10.000", "10000", "", "non renseigné"]
    static let competences = ["cochée : Exercée par la commune", "cochée : Transférée par la commune à l'EPCI", "non cochée", "Exercée par la commune"]
    static let numbers = ["2022-29", "2022_29", "non imprimé", " 2022 29 ", "délib-2022/29", "", "DELIB2025_052", "cc_1_2025"]

    private mutating func party(_ party: Party) -> Party {
        var p = party
        if chance(40) { p.population = pick(Self.populations) }
        if chance(15) { p.kind = pick([.commune, .epci, .caf, .commune]) }
        if chance(10) { p.siren = pick([nil, "213802813", "200066405", "213802812"]) }
        return p
    }

    private mutating func element(_ element: Element) -> Element {
        var e = element
        guard e.kind == .equipement else { return e }
        if chance(40) { e.setField("type", pick(Self.types)) }
        if chance(15) { e.setField("commune", pick(partyIDs.map { $0.uppercased() } + ["Fontaine", "SEYSSINET-PARISET"])) }
        if chance(10) { e.title = pick(["Relais petite enfance « Les P'tits Choux »", "Crèche", "RAM du plateau"]) }
        return e
    }

    /// A row of the competence table for one of the parties.
    private mutating func competenceRow() -> Element {
        let commune = pick(partyIDs)
        var fields = [Element.Field(name: pick(["nb_habitants", "population"]), value: pick(Self.classes))]
        if chance(70) { fields.append(Element.Field(name: "planifier", value: pick(Self.competences))) }
        if chance(50) { fields.append(Element.Field(name: "soutenir_qualite", value: pick(Self.competences))) }
        return Element(id: "sppe-competences:" + commune, kind: .other, title: "Commune \(commune.uppercased())", fields: fields)
    }

    private mutating func equipement() -> Element {
        let commune = pick(partyIDs)
        return Element(
            id: chance(50) ? pick(elementIDs) : "equipement:\(commune)/e\(Int.random(in: 0..<4, using: &random))", kind: .equipement, title: "Structure",
            fields: [Element.Field(name: "type", value: pick(Self.types))])
    }

    /// An @ctes identifier for one of the délibérations, often altered.
    private mutating func actesID() -> String? {
        guard chance(90), let d = deliberations.randomElement(using: &random) else { return nil }
        let siren = sirens[d.party] ?? pick(["213802812", "200066405"])
        var department = siren.hasPrefix("21") || siren.hasPrefix("22") ? "0" + String(siren.dropFirst(2).prefix(2)) : "038"
        var date = String(d.session.description.filter { $0 != "-" })
        var number = String(d.number.uppercased().map { $0 == "-" || $0 == " " || $0 == "/" ? "_" : $0 })
        var nature = "DE"
        switch Int.random(in: 0..<12, using: &random) {
        case 0: department = pick(["2A", "02B", "971", "027", "38"])
        case 1: date = String(shift(d.session, -3...3).description.filter { $0 != "-" })
        case 2: number = pick(["X", "2022_30", "DELIB-1"])
        case 3: nature = pick(["AR", "XX", "de"])
        case 4: return pick(["", "038-213802812-20251124-DELIB2025_052", "0é8-213802812-20251124-X-DE"])
        default: break
        }
        return [department, pick([siren, siren, "213802813"]), date, number, nature].joined(separator: "-")
    }

    private mutating func change(_ change: Change) -> Change {
        switch change {
        case .add(let e): return .add(element(e))
        case .replace(let id, let e): return .replace(id: id, element: element(e))
        case .addParty(let p): return .addParty(party(p))
        case .extend(let end): return .extend(end: shift(end, -800...800))
        default: return change
        }
    }

    private mutating func newChange() -> Change {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return .abrogate(id: pick(elementIDs), reason: nil)
        case 1: return .add(equipement())
        case 2: return .add(competenceRow())
        case 3:
            // As `Change.decode` requires, the new element keeps the replaced id.
            let id = pick(elementIDs)
            var element = equipement()
            element.id = id
            return .replace(id: id, element: element)
        case 4:
            return .amend(
                id: pick(elementIDs), set: [Element.Field(name: pick(["type", "commune", "nb_habitants"]), value: pick(Self.types + Self.classes))], title: nil,
                appendText: nil)
        case 5: return .extend(end: CivilDate(year: Int.random(in: 2024...2033, using: &random), month: 12, day: 31)!)
        case 6:
            return .addParty(
                Party(
                    id: pick(partyIDs + ["nouvelle"]), name: "Nouvelle commune", kind: .commune, siren: pick([nil, "213802813"]),
                    population: pick(Self.populations), representative: nil, json: JSONObject()))
        default: return .removeParty(id: pick(partyIDs))
        }
    }

    mutating func alter(_ event: Event) -> Event {
        var e = event
        switch event.payload {
        case .conventionRegistered(var r):
            r.parties = r.parties.map { party($0) }
            r.elements = r.elements.map { element($0) }
            for _ in 0..<Int.random(in: 0...3, using: &random) { r.elements.append(competenceRow()) }
            if chance(30) { r.elements.append(equipement()) }
            if chance(10), let first = r.elements.first { r.elements.append(first) }
            if chance(20) { r.start = shift(r.start, -400...400) }
            if chance(20) { r.end = shift(r.end, -400...800) }
            e.payload = .conventionRegistered(r)
        case .deliberationAdopted(var d):
            if chance(30) { d.members = MemberCounts(inOffice: count(), present: count(), proxies: count(), voting: count()) }
            if chance(30) { d.votes = VoteCounts(votesFor: count(), against: count(), abstain: count()) }
            if chance(40) { d.convocation = chance(10) ? nil : shift(d.session, -8...1) }
            if chance(20) { d.number = pick(Self.numbers) }
            if chance(10) { d.party = pick(partyIDs) }
            if chance(10) { d.session = shift(d.session, -20...20) }
            e.payload = .deliberationAdopted(d)
        case .actTransmitted(var t):
            if chance(60) { t.actesID = actesID() }
            if chance(15) { t.received = shift(t.sent, -3...3) }
            if chance(15) { t.sent = shift(t.sent, -30...5) }
            if chance(20), let d = deliberations.randomElement(using: &random) { t.act = .deliberation(d.id) }
            e.payload = .actTransmitted(t)
        case .actSigned(var s):
            if chance(30) { s.date = shift(s.date, -60...20) }
            if chance(10) { s.parties.append(pick(partyIDs)) }
            e.payload = .actSigned(s)
        case .avenantConcluded(var a):
            if chance(20) { a.effectiveFrom = shift(a.effectiveFrom, -900...900) }
            if chance(25) { a.effectiveUntil = chance(30) ? nil : shift(a.effectiveFrom, 0...700) }
            if chance(10) { a.number += Int.random(in: 1...3, using: &random) }
            a.changes = a.changes.map { change($0) }
            for _ in 0..<Int.random(in: 0...4, using: &random) { a.changes.append(newChange()) }
            e.payload = .avenantConcluded(a)
        case .actionProgress(let p) where chance(3):
            e.type = .stipulationAnnulled
            e.payload = .stipulationAnnulled(StipulationAnnulled(element: chance(50) ? p.element : pick(elementIDs), court: "TA", reference: nil, date: p.date))
        case .reviewHeld(let review) where chance(8):
            // A further avenant, of any number, taking effect around the review.
            e.type = .avenantConcluded
            let from = shift(review.date, -400...400)
            let changes = (0..<Int.random(in: 1...4, using: &random)).map { _ in newChange() }
            e.payload = .avenantConcluded(
                AvenantConcluded(
                    number: Int.random(in: 1...5, using: &random), title: "Avenant", effectiveFrom: from,
                    effectiveUntil: chance(30) ? shift(from, 0...500) : nil, changes: changes))
        case .reviewHeld(let review) where chance(10):
            e.type = .actSigned
            e.payload = .actSigned(ActSigned(act: .convention, parties: [pick(partyIDs)], date: shift(review.date, -3000...0), place: nil, signatories: []))
        default:
            break
        }
        return e
    }
}
