/// French wording shared by text and Markdown output.
public enum FrenchText {
    private static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// A date in words: « 1er janvier 2026 », « 15 décembre 2025 ».
    public static func date(_ date: CivilDate) -> String {
        "\(date.day == 1 ? "1er" : String(date.day)) \(months[date.month - 1]) \(date.year)"
    }

    /// « le 15 décembre 2025 ».
    public static func onDate(_ date: CivilDate) -> String { "le " + self.date(date) }

    /// « selon le registre à la fin du 1er mars 2026 (UTC) », or « … au 2026-03-01T10:00:00Z » for another instant:
    /// how a projection as of K is introduced.
    public static func asOf(_ k: Timestamp) -> String {
        if k == Timestamp.endOfDay(k.utcDate) { return "selon le registre à la fin du \(date(k.utcDate)) (UTC)" }
        return "selon le registre au \(k)"
    }

    /// French names of party kinds.
    public static func partyKind(_ kind: Party.Kind) -> String {
        switch kind {
        case .caf: return "Caf"
        case .commune: return "commune"
        case .epci: return "EPCI"
        case .departement: return "Département"
        case .msa: return "MSA"
        case .other: return "autre partenaire"
        }
    }

    /// « 3 éléments » with a plural.
    public static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n > 1 ? plural : singular)"
    }
}
