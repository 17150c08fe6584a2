import Testing

@testable import CTGLedger

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2029-02-28", 6, "2029-08-28"),
        ("2025-08-31", 6, "2026-02-28"),
        ("2027-08-31", 6, "2028-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2100-01-31", 1, "2100-02-28"),
        ("2000-01-31", 1, "2000-02-29"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -13, "2024-12-15"),
        ("2026-05-31", 12, "2027-05-31"),
    ])
    func monthArithmeticFollowsArticle641(start: String, months: Int, expected: String) throws {
        let date = try #require(CivilDate(start))
        #expect(date.adding(months: months)?.description == expected)
    }

    @Test(arguments: [
        "2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "2025-01-01T00:00:00Z", "", "abcd-ef-gh", "2025-04-31", "0000-01-01",
        // Bytes just outside the digits ('/' and ':'), in each part, and a digit that is not ASCII.
        "202/-01-01", "2:25-01-01", "2025-/1-01", "2025-0:-01", "2025-01-/1", "2025-01-0:", "2025-01-0\u{663}",
    ])
    func rejectsWhatIsNotADay(text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test func roundTripsThroughDayNumbers() throws {
        var date = try #require(CivilDate("1999-12-25"))
        for _ in 0..<20_000 {
            let next = date.next
            #expect(next.dayNumber == date.dayNumber + 1)
            #expect(CivilDate(next.description) == next)
            #expect(next > date)
            date = next
        }
        #expect(CivilDate("1970-01-01")?.dayNumber == 0)
        #expect(CivilDate("2000-03-01")?.previous.description == "2000-02-29")
    }

    @Test func knowsTheWeekday() {
        #expect(CivilDate("2026-11-23")?.isoWeekday == 1)
        #expect(CivilDate("2025-12-15")?.isoWeekday == 1)
        #expect(CivilDate("2026-01-01")?.isoWeekday == 4)
        #expect(CivilDate("2024-02-29")?.isoWeekday == 4)
    }
}
