/// Checks of identifiers: parties' SIREN and the @ctes identifiers of transmitted acts.
enum IdentifierRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "siren.check", run: { sirenCheckDigits($0.history) }),
        DomainRules.Rule(name: "actes.id", run: actesIdentifiers),
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
    static func actesIdentifiers(_ history: ConventionHistory) -> [Finding] { actesIdentifiers(RuleContext(history)) }

    static func actesIdentifiers(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let transmissions = context.transmissions
        for position in transmissions.indices {
            guard let text = transmissions[position].transmission.actesID else { continue }
            let eventIndex = transmissions[position].index
            func warn(_ message: String) {
                findings.append(
                    .warning(
                        context.event(at: eventIndex), rule: "actes.id", member: "data.actes_id", "@ctes identifier \(text): " + message,
                        citation: actesCitation))
            }
            // Parsed once; each part is compared as read.
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
            guard case .deliberation(let deliberationID) = transmissions[position].transmission.act,
                let deliberation = context.deliberationsByID[deliberationID]
            else { continue }
            let deliberations = context.deliberations
            let party = deliberations[deliberation].deliberation.party
            if let known = context.partyPositions[party], let siren = context.knownParties[known].siren, siren != id.siren {
                warn("its SIREN \(id.siren) is not the SIREN of \(party) (\(siren)), whose délibération is transmitted.")
            }
            let session = deliberations[deliberation].deliberation.session
            if id.decisionDate != session {
                warn("its decision date \(id.decisionDate) is not the session date of the délibération (\(session)).")
            }
            let number = deliberations[deliberation].deliberation.number
            if numberDisagrees(number, id.number) {
                warn("its number \(id.number) is not the délibération's number (\(number)).")
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
        if departmentAgrees(id) { return nil }
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

    /// `true` when `departmentAgreement` surely finds nothing to say: the SIREN is not a commune's nor a
    /// département's, or its department digits are the code's. Reads bytes and builds no string; `false`
    /// leaves the decision (and the message) to `departmentAgreement`.
    private static func departmentAgrees(_ id: ActesIdentifier) -> Bool {
        var siren = id.siren.utf8.makeIterator()
        guard id.siren.utf8.count == 9, siren.next() == UInt8(ascii: "2"), let body = siren.next() else { return true }
        guard body == UInt8(ascii: "1") || body == UInt8(ascii: "2") else { return true }
        guard let first = siren.next(), let second = siren.next() else { return false }
        var code = id.department.utf8.makeIterator()
        let count = id.department.utf8.count
        guard (2...3).contains(count), var c0 = code.next(), var c1 = code.next() else { return false }
        if count == 3 {
            guard c0 == UInt8(ascii: "0"), let c2 = code.next() else {
                // Three characters not starting with 0 (971…): its first two.
                return c0 < 0x80 && c1 < 0x80 && c0 == first && c1 == second
            }
            (c0, c1) = (c1, c2)
        }
        guard c0 < 0x80, c1 < 0x80 else { return false }
        // Corse (2A, 2B) is numbered 20 in SIRENs.
        if c0 == UInt8(ascii: "2"), c1 == UInt8(ascii: "A") || c1 == UInt8(ascii: "B") { return first == UInt8(ascii: "2") && second == UInt8(ascii: "0") }
        return c0 == first && c1 == second
    }

    /// Whether a délibération's number, as @ctes writes it, differs from the identifier's number:
    /// `comparableNumber(logged)` is not `nil` and differs from `comparableNumber(stamped)`. ASCII
    /// numbers (all of them in practice) are compared byte by byte, without building strings.
    static func numberDisagrees(_ logged: String, _ stamped: String) -> Bool {
        var compared: Bool?
        _ = logged.utf8.withContiguousStorageIfAvailable { logged in
            _ = stamped.utf8.withContiguousStorageIfAvailable { stamped in compared = asciiNumbersDisagree(logged, stamped) }
        }
        if let compared { return compared }
        guard let number = comparableNumber(logged) else { return false }
        return number != comparableNumber(stamped)
    }

    /// `numberDisagrees` for two ASCII texts, `nil` when one is not ASCII.
    private static func asciiNumbersDisagree(_ logged: UnsafeBufferPointer<UInt8>, _ stamped: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard case .ascii(let loggedRange) = comparableRange(logged), case .ascii(let stampedRange) = comparableRange(stamped) else { return nil }
        guard let loggedRange else { return false }
        guard let stampedRange, loggedRange.count == stampedRange.count else { return true }
        for offset in 0..<loggedRange.count
        where comparable(logged[loggedRange.lowerBound + offset]) != comparable(stamped[stampedRange.lowerBound + offset]) {
            return true
        }
        return false
    }

    /// Where `comparableNumber` finds the number in an ASCII text (`.ascii(nil)`: no number), or `.other`
    /// for a text that is not ASCII.
    private enum ComparableRange {
        case ascii(Range<Int>?)
        case other
    }

    private static func comparableRange(_ bytes: UnsafeBufferPointer<UInt8>) -> ComparableRange {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        guard lower < upper else { return .ascii(nil) }
        for index in lower..<upper where bytes[index] >= 0x80 { return .other }
        if upper - lower >= 4, bytes[lower] | 0x20 == UInt8(ascii: "n"), bytes[lower + 1] | 0x20 == UInt8(ascii: "o"),
            bytes[lower + 2] | 0x20 == UInt8(ascii: "n"), bytes[lower + 3] == 0x20
        {
            return .ascii(nil)
        }
        return .ascii(lower..<upper)
    }

    /// A byte of a number as `comparableNumber` writes it.
    private static func comparable(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "/"): return UInt8(ascii: "_")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - 32
        default: return byte
        }
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
