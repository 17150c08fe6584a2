import Testing

@testable import CTGLedger

@Suite struct DurationRulesTests {
    @Test(arguments: [("2030-12-31", 0), ("2031-01-01", 1), ("2028-06-30", 0)])
    func periodEndsByDecember31OfStartYearPlus4(end: String, expected: Int) throws {
        let warnings = try TestLog(start: "2026-01-01", end: end).warnings("duration.max")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.citation == "seed 004, art. 10" && $0.seq == 1 })
    }

    @Test(arguments: [("2030-12-31", 0), ("2031-06-30", 1)])
    func extensionBeyondTheLimitIsNotARenewal(newEnd: String, expected: Int) throws {
        var log = TestLog(start: "2026-01-01", end: "2029-12-31")
        log.add(
            "avenant.concluded", effective: "2027-01-01",
            """
            {"number":1,"title":"Avenant n° 1","effective_from":"2027-01-01","changes":[{"op":"extend","end":"\(newEnd)"}]}
            """)
        let warnings = try log.warnings("duration.extend")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.seq == 2 && $0.member == "data.changes[0].end" && $0.citation == "seed 004, art. 10" })
    }
}
