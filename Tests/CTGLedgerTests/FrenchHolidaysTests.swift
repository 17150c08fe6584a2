import Testing

@testable import CTGLedger

@Suite struct FrenchHolidaysTests {
    @Test(arguments: [
        (1818, "1818-03-22"),  // earliest possible date
        (1943, "1943-04-25"),  // latest possible date
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2011, "2011-04-24"),
        (2019, "2019-04-21"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ])
    func easterSundayOfKnownYears(year: Int, expected: String) {
        #expect(FrenchHolidays.easterSunday(in: year)?.description == expected)
    }

    /// Gauss's Easter algorithm with its two Gregorian exceptions, written
    /// independently of the Meeus/Butcher one under test.
    private static func gaussEaster(_ year: Int) -> CivilDate? {
        let a = year % 19
        let b = year % 4
        let c = year % 7
        let k = year / 100
        let p = (13 + 8 * k) / 25
        let q = k / 4
        let m = (15 - p + k - q) % 30
        let n = (4 + k - q) % 7
        let d = (19 * a + m) % 30
        let e = (2 * b + 4 * c + 6 * d + n) % 7
        if d == 29, e == 6 { return CivilDate(year: year, month: 4, day: 19) }
        if d == 28, e == 6, (11 * m + 11) % 30 < 19 { return CivilDate(year: year, month: 4, day: 18) }
        let day = 22 + d + e
        return day > 31
            ? CivilDate(year: year, month: 4, day: day - 31) : CivilDate(year: year, month: 3, day: day)
    }

    @Test func easterAgreesWithGaussForEveryGregorianYear() {
        var disagreements: [Int] = []
        for year in 1583...9999 where FrenchHolidays.easterSunday(in: year) != Self.gaussEaster(year) {
            disagreements.append(year)
        }
        #expect(disagreements.isEmpty)
        for year in 1583...9999 {
            if let easter = FrenchHolidays.easterSunday(in: year), easter.isoWeekday != 7 {
                Issue.record("Easter \(easter) is not a Sunday")
            }
        }
    }

    @Test func easterOutsideCivilDateRangeIsNil() {
        #expect(FrenchHolidays.easterSunday(in: 0) == nil)
        #expect(FrenchHolidays.easterSunday(in: 10_000) == nil)
        #expect(FrenchHolidays.holidays(in: 0).isEmpty)
    }

    private static func listing(_ year: Int) -> [String] {
        FrenchHolidays.holidays(in: year).map { "\($0.date) \($0.name)" }
    }

    @Test func fullList2025() {
        #expect(
            Self.listing(2025) == [
                "2025-01-01 jour de l'An",
                "2025-04-21 lundi de Pâques",
                "2025-05-01 fête du Travail",
                "2025-05-08 Victoire 1945",
                "2025-05-29 Ascension",
                "2025-06-09 lundi de Pentecôte",
                "2025-07-14 fête nationale",
                "2025-08-15 Assomption",
                "2025-11-01 Toussaint",
                "2025-11-11 Armistice 1918",
                "2025-12-25 Noël",
            ])
    }

    @Test func fullList2026() {
        #expect(
            Self.listing(2026) == [
                "2026-01-01 jour de l'An",
                "2026-04-06 lundi de Pâques",
                "2026-05-01 fête du Travail",
                "2026-05-08 Victoire 1945",
                "2026-05-14 Ascension",
                "2026-05-25 lundi de Pentecôte",
                "2026-07-14 fête nationale",
                "2026-08-15 Assomption",
                "2026-11-01 Toussaint",
                "2026-11-11 Armistice 1918",
                "2026-12-25 Noël",
            ])
    }

    @Test func everyYearHasElevenSortedHolidaysInsideIt() {
        for year in 1900...2200 {
            let list = FrenchHolidays.holidays(in: year)
            #expect(list.count == 11)
            #expect(list.allSatisfy { $0.date.year == year })
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.date <= $1.date })
            #expect(list.allSatisfy { FrenchHolidays.name(of: $0.date)?.contains($0.name) == true })
        }
    }

    @Test func coincidingHolidaysAreBothKept() throws {
        // Easter 2008 was 23 March, so Ascension fell on 1 May.
        let mayDay = try #require(CivilDate("2008-05-01"))
        #expect(FrenchHolidays.name(of: mayDay) == "fête du Travail et Ascension")
        #expect(
            FrenchHolidays.holidays(in: 2008).filter { $0.date == mayDay }.map(\.name) == [
                "fête du Travail", "Ascension",
            ])
        // Easter 1997 was 30 March, so Ascension fell on 8 May.
        let victory = try #require(CivilDate("1997-05-08"))
        #expect(FrenchHolidays.name(of: victory) == "Victoire 1945 et Ascension")
    }

    @Test(arguments: ["2026-01-02", "2026-04-05", "2026-05-02", "2026-12-26", "2025-12-31", "2022-05-02"])
    func ordinaryDaysHaveNoHolidayName(text: String) throws {
        #expect(FrenchHolidays.name(of: try #require(CivilDate(text))) == nil)
    }
}

@Suite struct WorkingDaysTests {
    @Test(arguments: [
        ("2026-05-08", "2026-05-11"),  // Friday, Victoire 1945, then the weekend
        ("2026-05-09", "2026-05-11"),  // Saturday of that long weekend
        ("2026-05-10", "2026-05-11"),
        ("2026-05-14", "2026-05-15"),  // Ascension Thursday: Friday is worked
        ("2026-12-25", "2026-12-28"),  // Noël on a Friday
        ("2025-06-07", "2025-06-10"),  // Saturday, Sunday, lundi de Pentecôte
        ("2022-05-01", "2022-05-02"),  // 1 May on a Sunday: no replacement day
        ("2027-05-01", "2027-05-03"),  // 1 May on a Saturday
        ("2026-11-01", "2026-11-02"),  // Toussaint on a Sunday
        ("2026-05-11", "2026-05-11"),  // already a working day
        ("2025-12-31", "2025-12-31"),
        ("2026-01-01", "2026-01-02"),
    ])
    func nextWorkingDay(from: String, expected: String) throws {
        let date = try #require(CivilDate(from))
        #expect(WorkingDays.nextWorkingDay(onOrAfter: date).description == expected)
    }

    @Test(arguments: [
        ("2026-05-09", "samedi"),
        ("2026-05-10", "dimanche"),
        ("2026-11-11", "Armistice 1918"),
        ("2026-07-14", "fête nationale"),
        ("2026-05-25", "lundi de Pentecôte"),
        ("2022-05-01", "dimanche, fête du Travail"),
        ("2027-05-01", "samedi, fête du Travail"),
        ("2026-08-15", "samedi, Assomption"),
        ("2008-05-01", "fête du Travail et Ascension"),
    ])
    func nonWorkingReasons(text: String, reason: String) throws {
        let date = try #require(CivilDate(text))
        #expect(WorkingDays.nonWorkingReason(date) == reason)
        #expect(!WorkingDays.isWorkingDay(date))
    }

    @Test(arguments: ["2026-11-12", "2022-05-02", "2026-05-15", "2026-04-07"])
    func workingDaysHaveNoReason(text: String) throws {
        let date = try #require(CivilDate(text))
        #expect(WorkingDays.nonWorkingReason(date) == nil)
        #expect(WorkingDays.isWorkingDay(date))
    }

    @Test func year2026Has252WorkingDaysAndNextWorkingDayIsAlwaysWorking() throws {
        var date = try #require(CivilDate("2026-01-01"))
        var working = 0
        while date.year == 2026 {
            if WorkingDays.isWorkingDay(date) { working += 1 }
            let next = WorkingDays.nextWorkingDay(onOrAfter: date)
            #expect(WorkingDays.isWorkingDay(next))
            #expect(next >= date && date.days(to: next) <= 4)
            date = date.next
        }
        // 365 days − 104 weekend days − 9 holidays on weekdays (15 Aug and 1 Nov fall on a weekend).
        #expect(working == 252)
    }
}
