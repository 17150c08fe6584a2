/// Checks of the offer of services a collectivité must provide (seed 004, art. 3).
enum OfferRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "offer.rpe", check: relaisPetiteEnfance)
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
                    .warning(
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
        var elements = history.registration?.data.elements ?? []
        var parties = history.knownParties
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
        if let commune = element.field("commune"), TextFolding.slug(commune) == key { return true }
        return element.id.hasPrefix("equipement:\(key)/")
    }

    /// « relais petite enfance », « RPE », or the former « relais assistants maternels », « RAM », in the title or type.
    static func isRelais(_ element: Element) -> Bool {
        [element.title, element.field("type") ?? ""].contains { text in
            let folded = TextFolding.fold(text)
            let words = TextFolding.words(text)
            return folded.contains("relais petite enfance") || folded.contains("relais assistant") || words.contains("rpe") || words.contains("ram")
        }
    }
}

extension Character {
    /// `0` to `9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
