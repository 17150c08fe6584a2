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
