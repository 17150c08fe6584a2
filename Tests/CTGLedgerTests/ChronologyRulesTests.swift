import Testing

@testable import CTGLedger

@Suite struct ChronologyRulesTests {
    static let elements = """
        [{"id":"article:10","kind":"article","title":"Durée"},{"id":"fiche:a","kind":"fiche","title":"A","fields":{"echeance":"2027"}}]
        """

    @Test(arguments: [("2025-12-15", "2026-01-09", 0), ("2026-01-09", "2026-01-09", 0), ("2026-02-01", "2026-01-09", 1)])
    func councilAuthorisesBeforeSignature(session: String, signed: String, expected: Int) throws {
        var log = TestLog()
        log.deliberation(session: session, convocation: nil)
        log.add("act.signed", effective: signed, #"{"act":"convention","parties":["caf","cc"],"date":"\#(signed)"}"#)
        let warnings = try log.warnings("signature.authorised")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.seq == 3 && $0.member == "data.parties[1]" && $0.citation?.contains("L2122-21") == true })
    }

    @Test func partyWithoutDeliberationIsNotChecked() throws {
        var log = TestLog()
        log.add("act.signed", effective: "2026-01-09", #"{"act":"convention","parties":["caf","cc"],"date":"2026-01-09"}"#)
        #expect(try log.warnings("signature.authorised").isEmpty)
    }

    @Test(arguments: [
        ("2025-12-19", "2025-12-19", 0),
        ("2025-12-19", "2025-12-22", 0),
        ("2025-12-19", "2025-12-18", 1),  // received before sent
        ("2025-12-14", "2025-12-19", 1),  // sent before the session (2025-12-15)
    ])
    func transmissionDates(sent: String, received: String, expected: Int) throws {
        var log = TestLog()
        log.deliberation()
        log.add("act.transmitted", effective: received, #"{"act":"deliberation:cc-1","sent":"\#(sent)","received":"\#(received)"}"#)
        let warnings = try log.warnings("transmission.dates")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.seq == 3 && $0.citation == "CGCT L2131-1" })
    }

    static func avenant(
        _ number: Int, from: String, until: String? = nil, _ changes: String = #"[{"op":"amend","id":"article:10","append_text":" Complété."}]"#
    ) -> String {
        let untilMember = until.map { #","effective_until":"\#($0)""# } ?? ""
        return #"{"number":\#(number),"title":"Avenant n° \#(number)","effective_from":"\#(from)"\#(untilMember),"changes":\#(changes)}"#
    }

    @Test(arguments: [([1, 2, 3], [Int]()), ([1, 3], [3]), ([2], [2]), ([1, 2, 5], [5])])
    func avenantsAreNumberedWithoutGaps(numbers: [Int], flagged: [Int]) throws {
        var log = TestLog(elements: Self.elements)
        for number in numbers { log.add("avenant.concluded", effective: "2027-01-01", Self.avenant(number, from: "2027-01-01")) }
        let warnings = try log.warnings("avenant.numbering")
        #expect(warnings.map { $0.seq! - 1 } == flagged.map { numbers.firstIndex(of: $0)! + 1 })
    }

    @Test(arguments: [
        ("2027-01-01", nil, 0),
        ("2027-01-01", "2030-12-31", 0),
        ("2025-06-01", nil, 1),  // before the start
        ("2031-03-01", nil, 1),  // after the end
        ("2027-01-01", "2031-06-30", 1),  // effect beyond the end
    ])
    func avenantTakesEffectInsideThePeriod(from: String, until: String?, expected: Int) throws {
        var log = TestLog(elements: Self.elements)
        log.add("avenant.concluded", effective: from, Self.avenant(1, from: from, until: until, "[]"))
        let warnings = try log.warnings("avenant.period")
        #expect(warnings.count == expected, "\(warnings.map(\.message))")
        #expect(warnings.allSatisfy { $0.citation == "seed 004, art. 10 and 11" })
    }

    @Test func avenantMayEndWhereItsOwnExtensionEnds() throws {
        var log = TestLog(start: "2026-01-01", end: "2029-12-31", elements: Self.elements)
        log.add(
            "avenant.concluded", effective: "2027-01-01", Self.avenant(1, from: "2027-01-01", until: "2030-12-31", #"[{"op":"extend","end":"2030-12-31"}]"#))
        #expect(try log.warnings("avenant.period").isEmpty)
    }

    /// Recorded first, avenant 1 completes fiche:a from 2028; recorded later, avenant 2 abrogates it from 2027.
    /// Neither is refused when it is recorded, but in effect order the completion follows the abrogation.
    @Test func changeAfterAbrogationInEffectOrder() throws {
        var log = TestLog(elements: Self.elements)
        log.add(
            "avenant.concluded", effective: "2028-01-01", Self.avenant(1, from: "2028-01-01", #"[{"op":"amend","id":"fiche:a","set":{"echeance":"2029"}}]"#))
        log.add("avenant.concluded", effective: "2027-01-01", Self.avenant(2, from: "2027-01-01", #"[{"op":"abrogate","id":"fiche:a"}]"#))
        let warnings = try log.warnings("element.after-abrogation")
        #expect(warnings.map(\.seq) == [2])
        #expect(warnings.first?.member == "data.changes[0]")
        #expect(warnings.first?.citation?.contains("EVENTS.md §5.6") == true)
    }

    @Test(arguments: [
        // A temporary abrogation through 2027-12-31: completing the fiche from 2028 is sound.
        (#"[{"op":"abrogate","id":"fiche:a"}]"#, "2027-12-31", #"[{"op":"amend","id":"fiche:a","set":{"echeance":"2029"}}]"#, 0),
        // Abrogated, then added again: changing it afterwards is sound.
        (#"[{"op":"abrogate","id":"fiche:a"}]"#, nil, #"[{"op":"add","element":{"id":"fiche:a","kind":"fiche","title":"A bis"}}]"#, 0),
    ])
    func changeAfterAbrogationThatEndedOrWasUndone(first: String, until: String?, second: String, expected: Int) throws {
        var log = TestLog(elements: Self.elements)
        log.add("avenant.concluded", effective: "2027-01-01", Self.avenant(1, from: "2027-01-01", until: until, first))
        log.add("avenant.concluded", effective: "2028-01-01", Self.avenant(2, from: "2028-01-01", second))
        #expect(try log.warnings("element.after-abrogation").count == expected)
    }

    @Test func handWrittenChangeOfAnAbrogatedElementIsAlsoAWarning() throws {
        var log = TestLog(elements: Self.elements)
        log.add("avenant.concluded", effective: "2027-01-01", Self.avenant(1, from: "2027-01-01", #"[{"op":"abrogate","id":"fiche:a"}]"#))
        log.add("avenant.concluded", effective: "2028-01-01", Self.avenant(2, from: "2028-01-01", #"[{"op":"amend","id":"fiche:a","title":"A modifiée"}]"#))
        let findings = try log.verify()
        // The reference check refuses it (error); the domain rule explains it with its source (warning).
        #expect(findings.contains { $0.severity == .error && $0.rule == "reference" && $0.seq == 3 })
        #expect(findings.contains { $0.rule == "element.after-abrogation" && $0.seq == 3 })
    }

    @Test func roumoisChronologyIsSound() throws {
        let report = try VerifyReport.make(path: TestLog.transcript("roumois-seine-2022.jsonl"))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description))")
    }
}
