import Testing

@testable import CTGLedger

@Suite struct IdentifierRulesTests {
    @Test(arguments: [("200066405", 0), ("200066406", 1), ("213802812", 0), ("213802821", 1)])
    func partySIRENCheckDigit(siren: String, expected: Int) throws {
        let parties = #"[{"id":"caf","name":"Caf","kind":"caf"},{"id":"cc","name":"CC","kind":"epci","siren":"\#(siren)"}]"#
        let warnings = try TestLog(parties: parties).warnings("siren.check")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.member == "data.parties[1].siren" && $0.citation?.contains("Luhn") == true })
    }

    @Test func addedPartySIRENIsChecked() throws {
        var log = TestLog()
        log.add(
            "avenant.concluded", effective: "2027-01-01",
            """
            {"number":1,"title":"Avenant n° 1","effective_from":"2027-01-01","changes":[{"op":"add-party","party":{"id":"ville","name":"Ville","kind":"commune","siren":"213802813"}}]}
            """)
        let warnings = try log.warnings("siren.check")
        #expect(warnings.map(\.seq) == [2])
        #expect(warnings.first?.member == "data.changes[0].party.siren")
    }

    /// A commune délibération transmitted with an identifier; each case changes one part.
    @Test(arguments: [
        ("038-213802812-20251124-DELIB2025_052-DE", 0, ""),
        ("38-213802812-20251124-DELIB2025_052-DE", 0, ""),  // two-digit department accepted
        ("038-213802812-20251125-DELIB2025_052-DE", 1, "session date"),
        ("038-200066405-20251124-DELIB2025_052-DE", 1, "not the SIREN of fontaine"),
        ("038-213802812-20251124-DELIB2025_053-DE", 1, "number"),
        ("038-213802812-20251124-DELIB2025_052-AR", 1, "DE"),
        ("027-213802812-20251124-DELIB2025_052-DE", 1, "department code 027"),
        ("038-213802813-20251124-DELIB2025_052-DE", 2, "check digit"),  // also not the party's SIREN
        ("038-213802812-20251124-DELIB-2025-052-DE", 1, "hyphen"),
    ])
    func actesIdentifierAgreesWithTheDeliberation(actesID: String, expected: Int, phrase: String) throws {
        let parties = #"[{"id":"caf","name":"Caf","kind":"caf"},{"id":"fontaine","name":"Ville de Fontaine","kind":"commune","siren":"213802812"}]"#
        var log = TestLog(parties: parties)
        log.deliberation(id: "fontaine-52", party: "fontaine", number: "DELIB2025_052", session: "2025-11-24", convocation: nil)
        log.add(
            "act.transmitted", effective: "2025-11-26",
            #"{"act":"deliberation:fontaine-52","actes_id":"\#(actesID)","sent":"2025-11-26","received":"2025-11-26"}"#)
        let warnings = try log.warnings("actes.id")
        #expect(warnings.count == expected, "\(warnings.map(\.message))")
        #expect(warnings.allSatisfy { $0.seq == 3 && $0.member == "data.actes_id" && $0.citation?.contains("L2131-1") == true })
        if expected > 0 { #expect(warnings.contains { $0.message.contains(phrase) }) }
    }

    @Test(arguments: [("2022-29", true), ("2022_29", true), ("non imprimé", true), ("2022-30", false)])
    func numbersAreComparedAsActesWritesThem(number: String, agrees: Bool) throws {
        let parties = #"[{"id":"caf","name":"Caf","kind":"caf"},{"id":"savas","name":"Savas-Mépin","kind":"commune","siren":"213804768"}]"#
        var log = TestLog(parties: parties)
        log.deliberation(id: "savas-29", party: "savas", number: number, session: "2022-10-11", convocation: nil)
        log.add(
            "act.transmitted", effective: "2022-10-14", #"{"act":"deliberation:savas-29","actes_id":"038-213804768-20221011-2022_29-DE","sent":"2022-10-14"}"#)
        #expect(try log.warnings("actes.id").isEmpty == agrees)
    }

    @Test(arguments: [
        ("038-213802812-20251124-X-DE", "038", nil),
        ("02A-212000046-20251124-X-DE", "02A", nil),
        ("971-219711207-20251124-X-DE", "971", nil),
        ("027-213802812-20251124-X-DE", "027", "38"),
        ("038-200066405-20251124-X-DE", "038", nil),  // an EPCI's SIREN carries no department
    ])
    func departmentCodeAgreesWithACommuneSIREN(text: String, department: String, disagreeing: String?) throws {
        let id = try ActesIdentifier(parsing: text)
        #expect(id.department == department)
        let message = IdentifierRules.departmentAgreement(id)
        #expect((message != nil) == (disagreeing != nil))
        if let disagreeing { #expect(message?.contains("department \(disagreeing)") == true) }
    }

    @Test func chartreuseIdentifierDateDiffersFromTheSession() throws {
        // The real stamp says 20220705 for a session of 2022-06-29: a true finding, kept as a warning.
        let report = try VerifyReport.make(path: TestLog.transcript("coeur-de-chartreuse-2022.jsonl"))
        let warnings = report.findings.filter { $0.rule == "actes.id" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.seq == 3)
        #expect(warnings.first?.message.contains("2022-06-29") == true)
    }
}
