import Testing

@testable import CTGLedger

@Suite struct ActesIdentifierTests {
    @Test(arguments: [
        ("038-213802812-20251124-DELIB2025_052-DE", "038", "213802812", "2025-11-24", "DELIB2025_052", "DE"),
        ("027-200066405-20251215-CC_201_2025-DE", "027", "200066405", "2025-12-15", "CC_201_2025", "DE"),
        ("038-213804768-20221011-2022_29-DE", "038", "213804768", "2022-10-11", "2022_29", "DE"),
        ("038-200040111-20220705-22_112-DE", "038", "200040111", "2022-07-05", "22_112", "DE"),
        ("02A-213802812-20240229-A1-AR", "02A", "213802812", "2024-02-29", "A1", "AR"),
        (
            "974-213802812-20260101-ABCDEFGHIJ12345-AI", "974", "213802812", "2026-01-01", "ABCDEFGHIJ12345",
            "AI"
        ),
        ("38-213802812-20260101-x_1-ZZ", "38", "213802812", "2026-01-01", "x_1", "ZZ"),
    ])
    func parsesAndReformsSeedIdentifiers(
        text: String, department: String, siren: String, date: String, number: String, nature: String
    ) throws {
        let id = try ActesIdentifier(parsing: text)
        #expect(id.department == department)
        #expect(id.siren == siren)
        #expect(id.decisionDate.description == date)
        #expect(id.number == number)
        #expect(id.nature == nature)
        #expect(id.description == text)
        #expect(ActesIdentifier(text) == id)
        let rebuilt = try ActesIdentifier(
            department: department, siren: siren, decisionDate: id.decisionDate, number: number,
            nature: nature)
        #expect(rebuilt == id)
    }

    @Test func natureLabelsAndSIRENCheck() throws {
        let seed = try ActesIdentifier(parsing: "038-213802812-20251124-DELIB2025_052-DE")
        #expect(seed.natureLabel == "délibération")
        #expect(seed.hasValidSIREN)
        // A wrong check digit is a domain finding, not a parse error.
        let typo = try ActesIdentifier(parsing: "038-213802813-20251124-DELIB2025_052-DE")
        #expect(!typo.hasValidSIREN)
        #expect(try ActesIdentifier(parsing: "038-213802812-20251124-1-ZZ").natureLabel == nil)
        #expect(
            try ActesIdentifier(parsing: "038-213802812-20251124-1-CC").natureLabel
                == "contrat, convention ou avenant")
    }

    @Test(arguments: [
        ("", ActesIdentifierError.empty),
        (
            "038-213802812-20251124-DELIB2025-052-DE",
            .partCount(found: 6, text: "038-213802812-20251124-DELIB2025-052-DE")
        ),
        ("038-213802812-20251124-DE", .partCount(found: 4, text: "038-213802812-20251124-DE")),
        ("038213802812", .partCount(found: 1, text: "038213802812")),
        ("ID : 038-213802812-20251124-DELIB2025_052-DE", .department("ID : 038")),
        ("38A-213802812-20251124-DELIB2025_052-DE", .department("38A")),
        ("0380-213802812-20251124-DELIB2025_052-DE", .department("0380")),
        ("3-213802812-20251124-DELIB2025_052-DE", .department("3")),
        ("038-21380281-20251124-DELIB2025_052-DE", .siren("21380281")),
        ("038-2138028120-20251124-DELIB2025_052-DE", .siren("2138028120")),
        ("038-213 80281-20251124-DELIB2025_052-DE", .siren("213 80281")),
        ("038-213802812-20250229-DELIB2025_052-DE", .decisionDate("20250229")),
        ("038-213802812-2025112-DELIB2025_052-DE", .decisionDate("2025112")),
        ("038-213802812-24112025-DELIB2025_052-DE", .decisionDate("24112025")),
        (
            "038-213802812-2025-11-24-DELIB2025_052-DE",
            .partCount(found: 7, text: "038-213802812-2025-11-24-DELIB2025_052-DE")
        ),
        ("038-213802812-20251124--DE", .number("")),
        ("038-213802812-20251124-DÉLIB_52-DE", .number("DÉLIB_52")),
        ("038-213802812-20251124-DELIB 52-DE", .number("DELIB 52")),
        ("038-213802812-20251124-DELIB/52-DE", .number("DELIB/52")),
        ("038-213802812-20251124-ABCDEFGHIJ123456-DE", .number("ABCDEFGHIJ123456")),
        ("038-213802812-20251124-DELIB2025_052-de", .nature("de")),
        ("038-213802812-20251124-DELIB2025_052-DEL", .nature("DEL")),
        ("038-213802812-20251124-DELIB2025_052-", .nature("")),
        ("038-213802812-20251124-DELIB2025_052-DE\n", .nature("DE\n")),
    ])
    func rejectsMalformedIdentifiers(text: String, expected: ActesIdentifierError) {
        #expect(throws: expected) { try ActesIdentifier(parsing: text) }
        #expect(ActesIdentifier(text) == nil)
    }

    @Test func errorsSayWhichPartAndWhatWasExpected() {
        func message(_ text: String) -> String {
            do {
                _ = try ActesIdentifier(parsing: text)
                return ""
            } catch {
                return error.description
            }
        }
        let hyphen = message("038-213802812-20251124-DELIB2025-052-DE")
        #expect(hyphen.contains("6 hyphen-separated parts instead of 5"))
        #expect(hyphen.contains("never a hyphen"))
        #expect(
            message("038-21380281-20251124-X-DE") == #"the SIREN part "21380281" must be exactly 9 digits"#)
        #expect(
            message("038-213802812-20250229-X-DE").contains(
                #""20250229" must be a real date written YYYYMMDD"#))
        #expect(
            message("038-213802812-20251124-X-de").contains(
                #"the nature part "de" must be two uppercase letters"#))
        #expect(message("x").contains(#""x" has 1 hyphen-separated part instead of 5"#))
        #expect(message("").contains("empty"))
    }

    @Test func componentInitialiserChecksItsParts() throws {
        let date = try #require(CivilDate("2025-11-24"))
        #expect(throws: ActesIdentifierError.number("A-B")) {
            try ActesIdentifier(
                department: "038", siren: "213802812", decisionDate: date, number: "A-B", nature: "DE")
        }
        #expect(throws: ActesIdentifierError.department("")) {
            try ActesIdentifier(
                department: "", siren: "213802812", decisionDate: date, number: "A", nature: "DE")
        }
    }
}
