// Territories, collectivités and their people, derived from the seed alone.

import Foundation

enum Names {
    /// ASCII slug: lowercase, accents folded, anything else becomes one hyphen.
    static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let folded: String
            switch scalar {
            case "à", "â", "ä", "á": folded = "a"
            case "é", "è", "ê", "ë": folded = "e"
            case "î", "ï", "í": folded = "i"
            case "ô", "ö", "ó": folded = "o"
            case "ù", "û", "ü", "ú": folded = "u"
            case "ç": folded = "c"
            case "œ": folded = "oe"
            case "æ": folded = "ae"
            case "ÿ": folded = "y"
            default:
                if scalar.isASCII, (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                    folded = String(scalar)
                } else {
                    folded = ""
                }
            }
            if folded.isEmpty {
                pendingHyphen = !out.isEmpty
                continue
            }
            if pendingHyphen { out.append(0x2D); pendingHyphen = false }
            out.append(contentsOf: folded.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func startsWithVowel(_ text: String) -> Bool {
        guard let first = text.lowercased().unicodeScalars.first else { return false }
        return "aeiouyhéèêîïôâœ".unicodeScalars.contains(first)
    }

    /// "de X", "d'X", "du Mesnil", "des Essarts".
    static func of(_ name: String) -> String {
        if name.hasPrefix("Le ") { return "du " + name.dropFirst(3) }
        if name.hasPrefix("Les ") { return "des " + name.dropFirst(4) }
        return startsWithVowel(name) ? "d'" + name : "de " + name
    }

    /// A SIREN: the eight given digits followed by their Luhn check digit.
    static func siren(_ prefix: String, _ rng: inout SplitMix64) -> String {
        var digits = Array(prefix.utf8).map { Int($0) - 48 }
        while digits.count < 8 { digits.append(rng.int(10)) }
        // Luhn: from the right, the check digit is position 1; positions 2, 4, ... are doubled.
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        let check = (10 - sum % 10) % 10
        return String(decoding: digits.map { UInt8($0 + 48) }, as: UTF8.self) + String(check)
    }

    static func person(_ rng: inout SplitMix64, male: String, female: String) -> Person {
        let feminine = rng.percent(45)
        let first = rng.pick(feminine ? Vocabulary.firstNamesF : Vocabulary.firstNamesM)
        return Person(name: first + " " + rng.pick(Vocabulary.surnames), role: feminine ? female : male)
    }

    /// Members of a municipal council by population (CGCT art. L2121-2).
    static func councilSize(population: Int) -> Int {
        switch population {
        case ..<100: return 7
        case ..<500: return 11
        case ..<1500: return 15
        case ..<2500: return 19
        case ..<3500: return 23
        case ..<5000: return 27
        case ..<10000: return 29
        case ..<20000: return 33
        case ..<30000: return 35
        case ..<40000: return 39
        case ..<50000: return 43
        default: return 45
        }
    }
}

/// Maps territory indices to distinct names (prefix × root × qualifier) in a seeded order.
struct TerritoryFactory {
    let seed: UInt64
    private let total: Int
    private let multiplier: Int
    private let offset: Int

    init(seed: UInt64) {
        self.seed = seed
        // Names are prefix × root; the qualifiers only distinguish later territories.
        total = Vocabulary.territoryPrefixes.count * Vocabulary.territoryRoots.count
        var rng = SplitMix64(seed: deriveSeed(seed, 0x7E44))
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        var m = rng.int(total / 3...total - 1)
        while gcd(m, total) != 1 { m += 1 }
        multiplier = m
        offset = rng.int(total)
    }

    /// Distinct names exist for this many territories.
    var capacity: Int { total * Vocabulary.territoryQualifiers.count }

    func territory(_ index: Int) -> Territory {
        precondition(index < capacity)
        var rng = SplitMix64(seed: deriveSeed(seed, 0x7E44, UInt64(index)))
        // Distinct (prefix, root, qualifier) for distinct indices: a permutation of prefix × root,
        // then the same again with the next qualifier.
        let code = ((index % total) &* multiplier &+ offset) % total
        let roots = Vocabulary.territoryRoots
        let prefixes = Vocabulary.territoryPrefixes
        let q = index / total
        let r = code % roots.count
        let p = code / roots.count
        let prefix = prefixes[p], root = roots[r]
        var name: String
        if prefix.hasSuffix(" de"), Names.startsWithVowel(root) {
            name = String(prefix.dropLast(2)) + "d'" + root
        } else {
            name = prefix + " " + root
        }
        name += Vocabulary.territoryQualifiers[q]
        let departement = rng.pick(Vocabulary.departements)
        var rivers = [rng.pick(Vocabulary.rivers)]
        if rng.percent(50) { rivers.append(rng.pick(Vocabulary.rivers)) }

        // Communes: 1 to 60, most territories small.
        let count = 1 + min(rng.int(60), rng.int(60), rng.int(60) + rng.int(20))
        var used = Set<String>()
        var communes: [Party] = []
        var total = 0
        while communes.count < count {
            var commune = rng.pick(Vocabulary.communeBases)
            if rng.percent(55) {
                var qualifier = rng.pick(Vocabulary.communeQualifiers)
                if qualifier.contains("%R") {
                    let river = rng.pick(rivers)
                    qualifier = qualifier.replacingFirst("%R", with: river)
                }
                if qualifier.contains("%B") {
                    var other = rng.pick(Vocabulary.communeBases)
                    if other.hasPrefix("Le ") || other.hasPrefix("La ") || other.hasPrefix("Les ") { other = "Vaux" }
                    qualifier = qualifier.replacingFirst("%B", with: other)
                }
                commune += qualifier
            }
            let slug = Names.slug(commune)
            if used.contains(slug) { continue }
            used.insert(slug)
            let population: Int
            switch rng.weighted([60, 25, 12, 3]) {
            case 0: population = rng.int(120...1_499)
            case 1: population = rng.int(1_500...4_999)
            case 2: population = rng.int(5_000...19_999)
            default: population = rng.int(20_000...60_000)
            }
            total += population
            let insee = String(100 + rng.int(899))
            var sirenRng = rng
            let siren = Names.siren("21" + departement.code + insee + String(sirenRng.int(10)), &sirenRng)
            rng = sirenRng
            communes.append(
                Party(
                    id: "commune-" + slug, name: "Commune " + Names.of(commune), kind: .commune, siren: siren,
                    population: population, representative: Person(name: "", role: "maire"), coSignatory: nil,
                    body: "conseil municipal", councilSize: Names.councilSize(population: population),
                    numberStyle: rng.int(6), yearlyDeliberations: 30 + population / 200 + rng.int(40),
                    place: commune, authorises: "le maire"))
        }
        var epci: Party?
        if count > 1 ? rng.percent(70) : rng.percent(10) {
            let agglomeration = total > 50_000
            let epciName =
                (agglomeration ? "Communauté d'agglomération " : "Communauté de communes ")
                + (name.hasPrefix("Grand ") ? "du " + name : name)
            epci = Party(
                id: (agglomeration ? "ca-" : "cc-") + Names.slug(name), name: epciName, kind: .epci,
                siren: Names.siren("2000" + String(1000 + rng.int(8999)), &rng), population: total,
                representative: Person(name: "", role: "président"), coSignatory: nil,
                body: "conseil communautaire", councilSize: min(90, 20 + count * 3 / 2 + rng.int(8)),
                numberStyle: rng.int(6), yearlyDeliberations: 80 + rng.int(120),
                place: communes.max { ($0.population ?? 0) < ($1.population ?? 0) }?.place ?? "",
                authorises: "le président")
        }
        return Territory(
            index: index, name: name, slug: Names.slug(name), departement: departement, communes: communes,
            epci: epci, rivers: rivers, seed: rng.fork())
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
