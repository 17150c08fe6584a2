/// Checks of the offer of services a collectivité must provide (seed 004, art. 3).
enum OfferRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "offer.rpe", run: relaisPetiteEnfance)
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
    static func relaisPetiteEnfance(_ history: ConventionHistory) -> [Finding] { relaisPetiteEnfance(RuleContext(history)) }

    static func relaisPetiteEnfance(_ context: RuleContext) -> [Finding] {
        let history = context.history
        guard let registration = history.registration, mayConcernALargeCommune(history) else { return [] }
        var dates = [max(registration.data.start, rpeDate)]
        for record in history.avenants {
            dates.append(record.avenant.effectiveFrom)
            if let until = record.avenant.effectiveUntil { dates.append(until.next) }
        }
        // The text is folded at each date only for what the rule reads: parties, period, équipements
        // and rows of the competence table (`Projection.state` would fold, sort and date every element).
        guard dates.contains(where: { $0 >= rpeDate }) else { return [] }
        let text = OfferText(history, orderedAvenants: context.orderedAvenants, annulled: context.annulled)
        var reported: Set<String> = []
        var findings: [Finding] = []
        for date in Set(dates).sorted() where date >= rpeDate {
            let state = text.state(at: date)
            guard let end = state.end, date <= end else { continue }
            // No équipement listed: no commune can fail at this date.
            guard state.elements.contains(where: { $0.kind == .equipement }) else { continue }
            let elements = state.elements.sorted { $0.id < $1.id }
            // The équipements, with their commune's slug and whether each is a relais worked out once a
            // commune that may fail needs them.
            var equipements = elements.filter { $0.kind == .equipement }.map { Equipement(element: $0) }
            for commune in communes(state.parties, elements) where !reported.contains(commune.key) {
                guard isAbove10000(commune), commune.exercisesItself ?? true else { continue }
                var count = 0
                var listsARelais = false
                for index in equipements.indices where equipements[index].belongs(to: commune.key) {
                    count += 1
                    if !listsARelais, equipements[index].isRelais { listsARelais = true }
                }
                guard count > 0, !listsARelais else { continue }
                reported.insert(commune.key)
                let event =
                    history.avenants.first { $0.avenant.effectiveFrom == date || $0.avenant.effectiveUntil?.next == date }?.event
                    ?? registration.event
                let size = commune.population.map { "\($0) inhabitants" } ?? "« \(commune.populationClass ?? "") » inhabitants"
                findings.append(
                    .warning(
                        event, rule: "offer.rpe", member: nil,
                        "on \(date) the commune \(commune.name) (\(size)) lists \(count) équipement\(count == 1 ? "" : "s") but no relais petite enfance (RPE), which a commune of more than 10 000 inhabitants must have from 1 January 2026.",
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
            let key = TextFolding.slug(String(element.id.dropFirst("sppe-competences:".count)))
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
        var slug = TextFolding.slug(party.id)
        for prefix in ["ville-de-", "commune-de-", "mairie-de-"] where slug.hasPrefix(prefix) {
            slug.removeFirst(prefix.count)
        }
        return slug
    }

    /// More than 10 000 inhabitants, from the population or the table's class (« + 10 000 », « 12500 »).
    /// A cheap look before projecting the text at several dates: some commune may have more than
    /// 10 000 inhabitants (a party's population, or a competence table) and some act lists équipements.
    static func mayConcernALargeCommune(_ history: ConventionHistory) -> Bool {
        guard let registration = history.registration?.data else { return false }
        var large = false
        var equipements = false
        func look(_ element: Element) {
            if element.kind == .equipement { equipements = true }
            if !large, element.id.hasPrefix("sppe-competences:") { large = true }
        }
        func look(_ party: Party) {
            if party.kind == .commune, (party.population ?? 0) > 10_000 { large = true }
        }
        for index in registration.elements.indices {
            if registration.elements[index].kind == .equipement { equipements = true }
            if !large, registration.elements[index].id.hasPrefix("sppe-competences:") { large = true }
        }
        for index in registration.parties.indices where registration.parties[index].kind == .commune {
            if (registration.parties[index].population ?? 0) > 10_000 { large = true }
        }
        for record in history.avenants {
            for change in record.avenant.changes {
                switch change {
                case .add(let element), .replace(_, let element): look(element)
                case .addParty(let party): look(party)
                default: break
                }
            }
        }
        return large && equipements
    }

    static func isAbove10000(_ commune: Commune) -> Bool {
        if let population = commune.population { return population > 10_000 }
        guard let text = commune.populationClass else { return false }
        let compact = String(TextFolding.fold(text).filter { $0 != " " && $0 != "." })
        let plus = compact.hasPrefix("+") || compact.hasPrefix(">") || compact.hasPrefix("plusde")
        guard let number = Int(compact.filter(\.isASCIIDigit)) else { return false }
        if compact.hasPrefix("-") || compact.hasPrefix("<") || compact.hasPrefix("moins") { return false }
        return plus ? number >= 10_000 : number > 10_000
    }

    /// « cochée : Exercée par la commune » → true; « Transférée … à l'EPCI », « non cochée » → false.
    static func isExercisedByCommune(_ text: String) -> Bool {
        let folded = TextFolding.fold(text)
        return folded.contains("exercee par la commune") && !folded.hasPrefix("non coche")
    }

    /// The équipement belongs to the commune: its `commune` field or its id `equipement:<commune>/…`.
    static func belongs(_ element: Element, to key: String) -> Bool {
        belongs(element, communeSlug: element.field("commune").map(TextFolding.slug), to: key)
    }

    /// `belongs(_:to:)` with the slug of the element's `commune` field already worked out.
    static func belongs(_ element: Element, communeSlug: String?, to key: String) -> Bool {
        if let communeSlug, communeSlug == key { return true }
        return element.id.hasPrefix("equipement:\(key)/")
    }

    /// « relais petite enfance », « RPE », or the former « relais assistants maternels », « RAM », in the title or type.
    static func isRelais(_ element: Element) -> Bool {
        [element.title, element.field("type") ?? ""].contains { text in
            // Folded once; its words are read from the folded bytes.
            let folded = TextFolding.fold(text)
            return TextFolding.hasWord(folded: folded, "rpe") || TextFolding.hasWord(folded: folded, "ram")
                || TextFolding.contains(folded: folded, "relais petite enfance") || TextFolding.contains(folded: folded, "relais assistant")
        }
    }

    /// An équipement at a date, with what `offer.rpe` works out about it once, when first asked.
    struct Equipement {
        let element: Element
        private var communeSlug: String??
        private var relais: Bool?

        init(element: Element) {
            self.element = element
        }

        /// `OfferRules.belongs(element, to: key)`.
        mutating func belongs(to key: String) -> Bool {
            if communeSlug == nil {
                guard let commune = element.field("commune") else {
                    communeSlug = .some(nil)
                    return OfferRules.belongs(element, communeSlug: nil, to: key)
                }
                // The slug of the commune field (costly for a name with accents) is needed only when
                // it can be the key: its ASCII letters and digits are among the slug's, in order.
                guard TextFolding.asciiAlphanumericsAreASubsequence(of: key, in: commune) else {
                    return OfferRules.belongs(element, communeSlug: nil, to: key)
                }
                communeSlug = .some(TextFolding.slug(commune))
            }
            return OfferRules.belongs(element, communeSlug: communeSlug!, to: key)
        }

        /// `OfferRules.isRelais(element)`.
        var isRelais: Bool {
            mutating get {
                if let relais { return relais }
                let value = OfferRules.isRelais(element)
                relais = value
                return value
            }
        }
    }
}

extension Character {
    /// `0` to `9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// A convention's text folded at successive dates for `offer.rpe` only: the parties, the period, and the
/// elements that are équipements or rows of the competence table (`sppe-competences:`), as `ContentFold`
/// folds them (drafts included when the convention is not concluded, as `Projection.state(showDraft:)`).
///
/// A change touches one element id, and what the fold does with it depends only on what that id holds:
/// so the ids where such an element is ever registered, added or put by a replacement are folded exactly
/// as the full fold does, and every other element id is left out. What it needs of the history (those
/// elements of the registration, each avenant's changes to them, annulments) is picked out once.
struct OfferText {
    /// An avenant's changes that the fold reads.
    private struct AvenantChanges {
        var record: ConventionHistory.AvenantRecord
        var changes: [Change]
    }

    private let registrationEffective: CivilDate?
    private let start: CivilDate?
    private let end: CivilDate?
    private let parties: [Party]
    /// The registration's elements kept, first of each id, in order.
    private let initial: [Element]
    private let avenants: [AvenantChanges]
    /// Element ids kept that an annulment removes, whatever the date.
    private let annulled: [String]
    private let includeUnconcluded: Bool

    /// The fold at a date: parties, period, and the elements kept (in no particular order).
    struct State {
        var parties: [Party] = []
        var start: CivilDate?
        var end: CivilDate?
        var elements: [Element] = []
    }

    /// - Parameters:
    ///   - orderedAvenants: `history.orderedAvenants`.
    ///   - annulled: the element of every `stipulation.annulled` of the history.
    init(_ history: ConventionHistory, orderedAvenants: [ConventionHistory.AvenantRecord], annulled: [String]) {
        includeUnconcluded = !history.conventionConcluded
        guard let registration = history.registration else {
            (registrationEffective, start, end, parties, initial, avenants, self.annulled) = (nil, nil, nil, [], [], [], [])
            return
        }
        func kept(_ element: Element) -> Bool {
            element.kind == .equipement || element.id.hasPrefix("sppe-competences:")
        }
        // The ids the fold must follow.
        var ids: Set<String> = []
        for element in registration.data.elements where kept(element) { ids.insert(element.id) }
        for record in orderedAvenants {
            for change in record.avenant.changes {
                switch change {
                case .add(let element) where kept(element): ids.insert(element.id)
                case .replace(let id, let element) where kept(element): ids.insert(id)
                default: break
                }
            }
        }
        registrationEffective = registration.event.effective
        start = registration.data.start
        end = registration.data.end
        parties = registration.data.parties
        var seen: Set<String> = []
        var initial: [Element] = []
        for element in registration.data.elements where ids.contains(element.id) && seen.insert(element.id).inserted {
            initial.append(element)
        }
        self.initial = initial
        avenants = orderedAvenants.map { record in
            AvenantChanges(
                record: record,
                changes: record.avenant.changes.filter { change in
                    switch change {
                    case .add(let element): return ids.contains(element.id)
                    case .replace(let id, _), .amend(let id, _, _, _), .abrogate(let id, _): return ids.contains(id)
                    case .extend, .addParty, .removeParty: return true
                    }
                })
        }
        self.annulled = annulled.filter { ids.contains($0) }
    }

    /// The text at `date`, as `ContentFold(history, at: date, includeUnconcluded: …)` has it.
    func state(at date: CivilDate) -> State {
        guard let registrationEffective, registrationEffective <= date else { return State() }
        var state = State(parties: parties, start: start, end: end)
        var elements: [String: Element] = [:]
        for element in initial { elements[element.id] = element }
        for avenant in avenants where avenant.record.applies(at: date) && (avenant.record.concluded || includeUnconcluded) {
            for change in avenant.changes {
                switch change {
                case .add(let element):
                    if elements[element.id] == nil { elements[element.id] = element }
                case .replace(let id, let element):
                    if elements[id] != nil { elements[id] = element }
                case .amend(let id, let set, let title, let appendText):
                    guard var element = elements[id] else { continue }
                    for field in set { element.setField(field.name, field.value) }
                    if let title { element.title = title }
                    if let appendText { element.text = (element.text ?? "") + appendText }
                    elements[id] = element
                case .abrogate(let id, _):
                    elements[id] = nil
                case .extend(let newEnd):
                    if let start = state.start, newEnd < start { continue }
                    state.end = newEnd
                case .addParty(let party):
                    if !state.parties.contains(where: { $0.id == party.id }) { state.parties.append(party) }
                case .removeParty(let id):
                    state.parties.removeAll { $0.id == id }
                }
            }
        }
        for id in annulled { elements[id] = nil }
        state.elements = Array(elements.values)
        return state
    }
}
