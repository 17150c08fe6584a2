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
public struct ActesIdentifier: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The department code as written: three characters in @ctes (`"038"`,
    /// `"974"`, `"02A"` / `"02B"` for Corse), two accepted (`"38"`, `"2A"`).
    public let department: String
    /// The SIREN of the collectivité that issued the act: nine ASCII digits
    /// (the check digit is not verified here, see `hasValidSIREN`).
    public let siren: String
    /// The date of the decision (for a délibération, the council's session).
    public let decisionDate: CivilDate
    /// The internal number of the act, e.g. `DELIB2025_052`: 1 to 15 ASCII
    /// letters, digits or underscores.
    public let number: String
    /// The nature code: two uppercase ASCII letters, e.g. `DE` (see `natureLabel`).
    public let nature: String

    /// Parses an identifier; the error names the first part that is wrong and
    /// what was expected. No surrounding spaces or `ID :` prefix are accepted.
    public init(parsing text: String) throws(ActesIdentifierError) {
        if let parsed = ActesIdentifier(wellFormedASCII: text) {
            self = parsed
            return
        }
        guard !text.isEmpty else { throw .empty }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 else { throw .partCount(found: parts.count, text: text) }
        try self.init(
            department: parts[0], siren: parts[1], decisionDateText: parts[2],
            number: parts[3], nature: parts[4])
    }

    /// A well-formed ASCII identifier, read from its bytes without splitting it into strings; `nil` for
    /// anything else (not ASCII, a part that is wrong), which `init(parsing:)` then reads the long way to
    /// name the error. On ASCII text, splitting bytes at hyphens gives the parts splitting characters
    /// gives, so a well-formed identifier is read the same either way.
    private init?(wellFormedASCII text: String) {
        let parsed: ActesIdentifier?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var hyphens: (Int, Int, Int, Int) = (0, 0, 0, 0)
            var found = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                guard byte == UInt8(ascii: "-") else { continue }
                switch found {
                case 0: hyphens.0 = index
                case 1: hyphens.1 = index
                case 2: hyphens.2 = index
                case 3: hyphens.3 = index
                default: return nil
                }
                found += 1
            }
            guard found == 4 else { return nil }
            let department = UnsafeBufferPointer(rebasing: bytes[0..<hyphens.0])
            let siren = UnsafeBufferPointer(rebasing: bytes[(hyphens.0 + 1)..<hyphens.1])
            let date = UnsafeBufferPointer(rebasing: bytes[(hyphens.1 + 1)..<hyphens.2])
            let number = UnsafeBufferPointer(rebasing: bytes[(hyphens.2 + 1)..<hyphens.3])
            let nature = UnsafeBufferPointer(rebasing: bytes[(hyphens.3 + 1)...])
            guard ActesIdentifier.isDepartment(department), siren.count == 9, siren.allSatisfy(ActesIdentifier.isDigit),
                date.count == 8, date.allSatisfy(ActesIdentifier.isDigit), (1...15).contains(number.count),
                number.allSatisfy({ ActesIdentifier.isLetter($0) || ActesIdentifier.isDigit($0) || $0 == UInt8(ascii: "_") }),
                nature.count == 2, nature.allSatisfy({ $0 >= 65 && $0 <= 90 })
            else { return nil }
            let value = date.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard let decisionDate = CivilDate(year: value / 10_000, month: value / 100 % 100, day: value % 100) else { return nil }
            return ActesIdentifier(
                checkedDepartment: String(decoding: department, as: UTF8.self), siren: String(decoding: siren, as: UTF8.self),
                decisionDate: decisionDate, number: String(decoding: number, as: UTF8.self), nature: String(decoding: nature, as: UTF8.self))
        }
        guard case .some(.some(let parsed)) = parsed else { return nil }
        self = parsed
    }

    /// An identifier from parts already checked.
    private init(checkedDepartment department: String, siren: String, decisionDate: CivilDate, number: String, nature: String) {
        self.department = department
        self.siren = siren
        self.decisionDate = decisionDate
        self.number = number
        self.nature = nature
    }

    /// Two or three ASCII digits, or Corse's `2A`, `2B`, `02A`, `02B` (as `isDepartment(_: String)`).
    private static func isDepartment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 2:
            return (bytes[0] == UInt8(ascii: "2") && (bytes[1] == UInt8(ascii: "A") || bytes[1] == UInt8(ascii: "B")))
                || bytes.allSatisfy(isDigit)
        case 3:
            return (bytes[0] == UInt8(ascii: "0") && bytes[1] == UInt8(ascii: "2") && (bytes[2] == UInt8(ascii: "A") || bytes[2] == UInt8(ascii: "B")))
                || bytes.allSatisfy(isDigit)
        default:
            return false
        }
    }

    /// Builds an identifier from its parts, checking each as `init(parsing:)` does.
    public init(
        department: String, siren: String, decisionDate: CivilDate, number: String, nature: String
    ) throws(ActesIdentifierError) {
        try self.init(
            department: department, siren: siren,
            decisionDateText: ActesIdentifier.compact(decisionDate),
            number: number, nature: nature)
    }

    /// Parses like `init(parsing:)`, giving `nil` instead of an error.
    public init?(_ description: String) {
        guard let parsed = try? ActesIdentifier(parsing: description) else { return nil }
        self = parsed
    }

    private init(
        department: String, siren: String, decisionDateText: String, number: String, nature: String
    ) throws(ActesIdentifierError) {
        guard ActesIdentifier.isDepartment(department) else { throw .department(department) }
        guard siren.utf8.count == 9, siren.utf8.allSatisfy(ActesIdentifier.isDigit) else {
            throw .siren(siren)
        }
        guard let date = ActesIdentifier.date(decisionDateText) else {
            throw .decisionDate(decisionDateText)
        }
        guard (1...15).contains(number.utf8.count),
            number.utf8.allSatisfy({
                ActesIdentifier.isLetter($0) || ActesIdentifier.isDigit($0) || $0 == UInt8(ascii: "_")
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
    public var description: String {
        "\(department)-\(siren)-\(ActesIdentifier.compact(decisionDate))-\(number)-\(nature)"
    }

    /// `true` when `siren` passes the SIREN check digit (see `SIREN.isValid`).
    public var hasValidSIREN: Bool { SIREN.isValid(siren) }

    /// The French label of the nature code for the six @ctes natures, `nil`
    /// for another code: `DE` délibération, `AR` acte réglementaire, `AI` acte
    /// individuel, `CC` contrat, convention ou avenant, `BF` document budgétaire
    /// ou financier, `AU` autre.
    public var natureLabel: String? {
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
public enum ActesIdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
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
    public var description: String {
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
