/// Reads the échéance of a fiche action or an action as people write it in a plan d'actions,
/// keeping only readings that are certain: the latest day by which the action is due.
public enum EcheanceParser {
    /// Parses an échéance into the last day it allows, or `nil` when it names no certain day.
    ///
    /// Certain: « 2027 » (31 December), « 2026-12-15 », « 15/12/2026 », « 12/2026 », « fin 2026 »,
    /// « en 2027 », « courant 2027 », « d'ici fin 2027 », « 2026-2027 » and « de 2026 à 2027 » (31 December
    /// of the later year), « 1er semestre 2027 » (30 June), « 2e semestre 2027 », « 3e trimestre 2027 »
    /// (30 September), « juin 2027 » and « fin juin 2027 » (30 June). Anything else (« continu »,
    /// « rentrée 2027 », « début 2027 », « avant 2027 », « dès 2026 ») is left undated.
    public static func lastDay(_ text: String) -> CivilDate? {
        let trimmed = text.trimmingSpaces
        if let date = CivilDate(trimmed) { return date }
        if let date = slashed(trimmed) { return date }
        let filler: Set<String> = ["fin", "d", "ici", "au", "plus", "tard", "courant", "en", "l", "annee", "de", "a", "le", "et"]
        let words = TextFolding.words(trimmed).filter { !filler.contains($0) }
        switch words.count {
        case 1:
            return year(words[0]).flatMap { CivilDate(year: $0, month: 12, day: 31) }
        case 2:
            if let first = year(words[0]), let second = year(words[1]), second > first {
                return CivilDate(year: second, month: 12, day: 31)
            }
            if let y = year(words[1]) {
                if let month = monthNames.firstIndex(of: words[0]) { return lastDay(month: month + 1, year: y) }
                if let half = ["s1", "s2"].firstIndex(of: words[0]) { return lastDay(month: 6 * (half + 1), year: y) }
                if let quarter = ["t1", "t2", "t3", "t4"].firstIndex(of: words[0]) { return lastDay(month: 3 * (quarter + 1), year: y) }
            }
            return nil
        case 3:
            guard let y = year(words[2]), let n = ordinal(words[0]) else { return nil }
            switch words[1] {
            case "semestre" where n <= 2: return lastDay(month: 6 * n, year: y)
            case "trimestre" where n <= 4: return lastDay(month: 3 * n, year: y)
            default: return nil
            }
        default:
            return nil
        }
    }

    private static let monthNames = [
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
    ]

    /// A plausible year of a convention, 1900 to 2199.
    private static func year(_ word: String) -> Int? {
        guard word.count == 4, let y = Int(word), (1900...2199).contains(y) else { return nil }
        return y
    }

    /// « 1er », « premier », « 1 » → 1; « 2e », « 2eme », « second », « deuxieme » → 2; and so on to 4.
    private static func ordinal(_ word: String) -> Int? {
        let names = [
            ["1", "1er", "1ere", "premier", "premiere"], ["2", "2e", "2eme", "2nd", "2nde", "second", "seconde", "deuxieme"],
            ["3", "3e", "3eme", "troisieme"], ["4", "4e", "4eme", "quatrieme"],
        ]
        return names.firstIndex { $0.contains(word) }.map { $0 + 1 }
    }

    private static func lastDay(month: Int, year: Int) -> CivilDate? {
        CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
    }

    /// `DD/MM/YYYY` (a day) or `MM/YYYY` (the month's last day).
    private static func slashed(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        switch parts.count {
        case 3:
            guard parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
            return CivilDate(year: y, month: m, day: d)
        case 2:
            guard parts[1].count == 4, let m = Int(parts[0]), let y = Int(parts[1]), (1...12).contains(m) else { return nil }
            return lastDay(month: m, year: y)
        default:
            return nil
        }
    }
}
