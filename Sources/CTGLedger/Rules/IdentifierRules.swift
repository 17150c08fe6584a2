/// Checks of identifiers: parties' SIREN and the @ctes identifiers of transmitted acts.
enum IdentifierRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "siren.check", check: sirenCheckDigits),
        DomainRules.Rule(name: "actes.id", check: actesIdentifiers),
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
        guard let siren = party.siren, !SIREN.isValid(siren) else { return nil }
        return .warning(
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
        let deliberations = Dictionary(history.deliberations.map { ($0.deliberation.id, $0.deliberation) }, uniquingKeysWith: { first, _ in first })
        let sirens = Dictionary(history.knownParties.map { ($0.id, $0.siren) }, uniquingKeysWith: { first, _ in first })
        for event in history.events {
            guard case .actTransmitted(let t) = event.payload, let text = t.actesID else { continue }
            func warn(_ message: String) {
                findings.append(.warning(event, rule: "actes.id", member: "data.actes_id", "@ctes identifier \(text): " + message, citation: actesCitation))
            }
            let id: ActesIdentifier
            do {
                id = try ActesIdentifier(parsing: text)
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
    static func departmentAgreement(_ id: ActesIdentifier) -> String? {
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
            let trimmed = number.trimmingSpaces
            guard !TextFolding.fold(trimmed).hasPrefix("non ") else { return nil }
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
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
