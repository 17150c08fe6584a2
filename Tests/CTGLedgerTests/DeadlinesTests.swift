import Foundation
import Testing

@testable import CTGLedger

@Suite struct DeadlinesTests {
    static func date(_ text: String) -> CivilDate { CivilDate(text)! }

    /// The latest S with S + 6 months ≤ end (CPC 641): month ends are the trap.
    @Test(arguments: [
        ("2026-12-31", "2026-06-30"),  // 1 July + 6 months = 1 January
        ("2026-06-30", "2025-12-31"),
        ("2026-08-31", "2026-02-28"),
        ("2026-02-28", "2025-08-31"),  // 29, 30 and 31 August + 6 months = 28 February
        ("2028-02-29", "2027-08-31"),
        ("2030-12-31", "2030-06-30"),
        ("2026-03-15", "2025-09-15"),
    ])
    func latestDenunciation(end: String, expected: String) throws {
        let send = try #require(Deadlines.latestNotice(months: 6, endingBy: Self.date(end)))
        #expect(send == Self.date(expected))
        #expect(try #require(send.adding(months: 6)) <= Self.date(end))
        #expect(try #require(send.next.adding(months: 6)) > Self.date(end))
    }

    static func fixture() throws -> ConventionHistory {
        let path = try #require(Bundle.module.path(forResource: "example-unsealed", ofType: "jsonl", inDirectory: "Fixtures"))
        return try Ledger.read(path: path).history(of: "ctg-plateau-2026")
    }

    @Test func exampleWithPendingDenunciation() throws {
        let deadlines = Deadlines.compute(try Self.fixture(), at: Self.date("2026-06-01"))
        let kinds = deadlines.map(\.kind)
        // The dénonciation sent on 2029-02-28 ends the convention on 2029-08-28: no « end » nor dénonciation deadline.
        #expect(!kinds.contains(.end) && !kinds.contains(.denunciationLatest))
        let termination = try #require(deadlines.first { $0.kind == .termination })
        #expect(termination.date == Self.date("2029-08-28"))
        #expect(termination.key == "denonciation-1")
        #expect(deadlines.first { $0.kind == .bilanFinal }?.date == Self.date("2029-08-28"))
        #expect(deadlines.first { $0.kind == .echeance }?.key == "fiche:aller-vers")
        #expect(deadlines.first { $0.kind == .echeance }?.date == Self.date("2026-12-31"))
        // Points d'étape: end of 2026, 2027, 2028 (the year 2029 ends after the notice).
        #expect(deadlines.filter { $0.kind == .pointEtape }.map(\.date) == ["2026-12-31", "2027-12-31", "2028-12-31"].map(Self.date))
        #expect(deadlines.first { $0.kind == .bilanIntermediaire }?.date == Self.date("2028-07-01"))  // middle of the agreed period
        // Sorted by date.
        let dates = deadlines.compactMap(\.date)
        #expect(dates == dates.sorted())
    }

    @Test(arguments: [("2027-06-01", false), ("2028-01-01", true)])
    func echeanceInProgressIsLateOncePast(at: String, late: Bool) throws {
        let deadlines = Deadlines.compute(try Self.fixture(), at: Self.date(at))
        let observatoire = try #require(deadlines.first { $0.key == "fiche:observatoire" })
        #expect(observatoire.date == Self.date("2027-12-31"))
        #expect(observatoire.progress?.status == .inProgress)
        #expect(observatoire.overdue == late)
        // fiche:aller-vers was abrogated from 2027-01-01: no longer listed.
        #expect(!deadlines.contains { $0.key == "fiche:aller-vers" })
    }

    @Test func untilBoundsTheList() throws {
        let deadlines = Deadlines.compute(try Self.fixture(), at: Self.date("2026-06-01"), until: Self.date("2027-12-31"))
        #expect(deadlines.compactMap(\.date).allSatisfy { $0 <= Self.date("2027-12-31") })
        #expect(deadlines.contains { $0.kind == .pointEtape && $0.date == Self.date("2027-12-31") })
        #expect(!deadlines.contains { $0.kind == .termination })
    }

    @Test func nothingIsDueOnceTheConventionEnded() throws {
        let schedule = Deadlines.schedule(try Self.fixture(), at: Self.date("2029-09-01"))
        #expect(schedule.status == .terminated)
        #expect(schedule.deadlines.isEmpty)
    }

    @Test func roumoisFrom2026() throws {
        let history = try Ledger.read(path: TestLog.transcript("roumois-seine-2022.jsonl")).history(of: "ctg-roumois-seine-2022")
        let deadlines = Deadlines.compute(history, at: Self.date("2026-01-01"))
        #expect(deadlines.first { $0.kind == .denunciationLatest }?.date == Self.date("2026-06-30"))
        #expect(deadlines.first { $0.kind == .end }?.date == Self.date("2026-12-31"))
        #expect(deadlines.first { $0.kind == .avenantEnd }?.key == "avenant:2")
        #expect(deadlines.first { $0.kind == .bilanFinal }?.date == Self.date("2026-12-31"))
        #expect(!deadlines.contains { $0.kind == .pointEtape })  // the year 2025 ended before D
        #expect(Set(deadlines.filter { $0.kind == .echeance }.compactMap(\.key)) == ["fiche:gouvernance", "fiche:observatoire", "fiche:passerelles"])
    }

    static let plan = """
        [{"id":"fiche:a","kind":"fiche","title":"A","fields":{"echeance":"1er semestre 2027"}},
         {"id":"action:b","kind":"action","title":"B","fields":{"echeance":"continu"}},
         {"id":"action:c","kind":"action","title":"C","fields":{"echeance":"2026"}},
         {"id":"action:d","kind":"action","title":"D","fields":{"echeance":"2026"}},
         {"id":"action:e","kind":"action","title":"E"},
         {"id":"article:1","kind":"article","title":"Objet","fields":{"echeance":"2026"}}]
        """

    @Test func echeancesDatedUndatedLateAndDone() throws {
        var log = TestLog(elements: Self.plan)
        log.add("act.signed", effective: "2026-01-09", #"{"act":"convention","parties":["caf","cc"],"date":"2026-01-09"}"#)
        log.add("action.progress", effective: "2026-11-30", #"{"element":"action:d","status":"done","date":"2026-11-30"}"#)
        let schedule = Deadlines.schedule(try log.history(), at: Self.date("2027-02-01"))
        let byKey = Dictionary(uniqueKeysWithValues: schedule.deadlines.filter { $0.kind == .echeance }.map { ($0.key!, $0) })
        #expect(byKey["fiche:a"]?.date == Self.date("2027-06-30"))
        #expect(byKey["fiche:a"]?.overdue == false)
        #expect(byKey["action:b"]?.date == nil)
        #expect(byKey["action:b"]?.detail?.contains("non datée") == true)
        #expect(byKey["action:c"]?.overdue == true)  // past due, no progress
        #expect(byKey["action:d"] == nil)  // past due but done: not listed
        #expect(byKey["article:1"] == nil)  // only fiches and actions
        #expect(schedule.withoutEcheance == ["action:e"])
        #expect(schedule.deadlines.last?.key == "action:b")  // undated last
    }

    @Test(arguments: [
        ("2028-12-31", "dimanche", "2029-01-02"),  // 1 January 2029 is a holiday too
        ("2026-12-25", "jour férié : Noël", "2026-12-28"),
        ("2028-07-01", "samedi", "2028-07-03"),
        ("2027-05-01", "samedi, jour férié : fête du Travail", "2027-05-03"),
        ("2026-12-31", nil, nil),
    ])
    func nonWorkingDaysAreFlaggedNotApplied(date: String, reason: String?, next: String?) {
        let deadline = Deadline(kind: .end, date: Self.date(date), key: nil, title: "fin", citation: "art. 10")
        #expect(deadline.nonWorkingReason == reason)
        #expect(deadline.nextWorkingDay == next.map(Self.date))
        #expect(deadline.date == Self.date(date))
    }

    @Test func uidsDependOnConventionKindAndKeyOnly() {
        let deadline = Deadline(kind: .echeance, date: Self.date("2027-12-31"), key: "fiche:a", title: "x", citation: "y")
        var moved = deadline
        moved.date = Self.date("2028-12-31")
        moved.title = "z"
        #expect(deadline.uid(convention: "ctg-x") == "ctg-x/echeance/fiche:a@ctg-ledger")
        #expect(moved.uid(convention: "ctg-x") == deadline.uid(convention: "ctg-x"))
    }

    @Test func extensionRecordedLaterMovesTheEnd() throws {
        var log = TestLog(start: "2026-01-01", end: "2029-12-31")
        log.add("act.signed", effective: "2026-01-09", #"{"act":"convention","parties":["caf","cc"],"date":"2026-01-09"}"#)
        log.add(
            "avenant.concluded", effective: "2028-01-01",
            #"{"number":1,"title":"Avenant n° 1","effective_from":"2028-01-01","changes":[{"op":"extend","end":"2030-12-31"}]}"#)
        log.add("act.signed", effective: "2027-12-01", #"{"act":"avenant:1","parties":["caf","cc"],"date":"2027-12-01"}"#)
        let deadlines = Deadlines.compute(try log.history(), at: Self.date("2026-06-01"))
        #expect(deadlines.first { $0.kind == .end }?.date == Self.date("2030-12-31"))
        let denunciation = try #require(deadlines.first { $0.kind == .denunciationLatest })
        #expect(denunciation.date == Self.date("2030-06-30"))  // a Sunday: the last working day before is given
        #expect(denunciation.detail?.contains("dernier jour ouvré avant, le 28 juin 2030") == true)
    }

    @Test func reviewHeldIsShown() throws {
        var log = TestLog()
        log.add("act.signed", effective: "2026-01-09", #"{"act":"convention","parties":["caf","cc"],"date":"2026-01-09"}"#)
        log.add("review.held", effective: "2026-11-20", #"{"kind":"point-etape","date":"2026-11-20"}"#)
        let deadlines = Deadlines.compute(try log.history(), at: Self.date("2026-06-01"))
        let first = try #require(deadlines.first { $0.key == "annee-1" })
        #expect(first.held == Self.date("2026-11-20"))
        #expect(deadlines.first { $0.key == "annee-2" }?.held == nil)
    }
}
