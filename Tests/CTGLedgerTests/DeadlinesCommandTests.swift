import Foundation
import Testing

@testable import CTGLedger

@Suite struct DeadlinesCommandTests {
    static let roumois = TestLog.transcript("roumois-seine-2022.jsonl")
    static let gam = TestLog.transcript("gam-nord-ouest-2026.jsonl")

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ctg-\(UUID().uuidString)-\(name)").path
    }

    @Test func textInFrench() {
        let run = CapturedRun(["deadlines", Self.roumois, "--at", "2026-01-01"])
        #expect(run.code == 0)
        #expect(run.out.hasPrefix("Échéances de la convention ctg-roumois-seine-2022"))
        #expect(run.out.contains("2026-06-30 (mardi) : dernier jour pour envoyer une dénonciation"))
        #expect(run.out.contains("2026-12-31 (jeudi) : fin de la convention"))
        #expect(run.out.contains("source : seed 004, art. 10"))
    }

    @Test func lateAndHolidayInText() throws {
        let path = try #require(Bundle.module.path(forResource: "example-unsealed", ofType: "jsonl", inDirectory: "Fixtures"))
        let run = CapturedRun(["deadlines", path, "--at", "2028-01-01"])
        #expect(run.code == 0)
        #expect(run.out.contains("échéance de la fiche action « Mettre en œuvre un observatoire"))
        #expect(run.out.contains("en retard"))
        // 2028-12-31 (point d'étape) is a Sunday, and 1 January 2029 a holiday.
        #expect(run.out.contains("dimanche — jour ouvré suivant : mardi 2 janvier 2029"))
        let gam = CapturedRun(["deadlines", Self.gam, "--at", "2026-01-01"])
        #expect(gam.out.contains("non conclue (projet)"))
        #expect(gam.out.contains("action:sppe-2"))  // no échéance line in the fiche
    }

    @Test func jsonWithEnglishKeys() throws {
        let run = CapturedRun(["deadlines", Self.roumois, "--at", "2026-01-01", "--until", "2026-12-31", "--format", "json"])
        #expect(run.code == 0)
        let value = try #require(try JSONParser.parse(run.out).objectValue)
        #expect(value.keys == ["convention", "title", "at", "until", "status", "period", "deadlines", "undated", "without_echeance"])
        #expect(value["convention"]?.stringValue == "ctg-roumois-seine-2022")
        #expect(value["status"]?.stringValue == "in-force")
        let array = try #require(value["deadlines"]?.arrayValue)
        let deadlines = array.compactMap { $0.objectValue }
        let first = try #require(deadlines.first)
        #expect(first["kind"]?.stringValue == "denunciation-latest")
        #expect(first["date"]?.stringValue == "2026-06-30")
        #expect(first["uid"]?.stringValue == "ctg-roumois-seine-2022/denunciation-latest@ctg-ledger")
        #expect(deadlines.allSatisfy { $0["citation"]?.stringValue != nil && $0["overdue"]?.boolValue != nil })
    }

    @Test func usageErrors() {
        #expect(CapturedRun(["deadlines", Self.roumois, "--at", "2026-01-01", "--until", "2025-01-01"]).code == 2)
        #expect(CapturedRun(["deadlines", Self.roumois, "--at", "2026-01-01", "--force"]).code == 2)
        #expect(CapturedRun(["deadlines", Self.roumois, "--at", "2026-13-01"]).code == 2)
    }

    @Test func icsExportParsesBackAndIsDeterministic() throws {
        let path = Self.temporaryPath("gam.ics")
        let run = CapturedRun(["deadlines", Self.gam, "--at", "2026-01-01", "--ics", path])
        #expect(run.code == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        ICalendarTests.expectWellFolded(text)
        let events = ICalendar.parse(text)
        let history = try Ledger.read(path: Self.gam).history(of: "ctg-gam-nord-ouest-2026")
        let dated = Deadlines.compute(history, at: CivilDate("2026-01-01")!).filter { $0.date != nil }
        #expect(events.count == dated.count)
        #expect(Set(events.compactMap { $0["UID"] }).count == events.count)  // unique
        // DTSTAMP from the log's last `recorded` (2026-11-23T09:02:00Z), never from the clock.
        #expect(events.allSatisfy { $0["DTSTAMP"] == "20261123T090200Z" && $0["DTSTART;VALUE"] == "DATE" })
        let end = try #require(events.first { $0["UID"] == "ctg-gam-nord-ouest-2026/end@ctg-ledger" })
        #expect(end["DTSTART"] == "20301231")
        #expect(end["DTEND"] == "20310101")
        let sppe = try #require(events.first { $0["UID"] == "ctg-gam-nord-ouest-2026/echeance/action:sppe-1@ctg-ledger" })
        #expect(sppe["SUMMARY"]?.contains("Maintenir et développer les modes d'accueil") == true)
        #expect(sppe["CATEGORIES"] == "CTG,échéance d'action")

        // Never overwritten without --force (exit 3, file unchanged); --force gives the same bytes.
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = CapturedRun(["deadlines", Self.gam, "--at", "2026-01-01", "--until", "2026-12-31", "--ics", path])
        #expect(again.code == 3)
        #expect(again.err.contains("--force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let forced = CapturedRun(["deadlines", Self.gam, "--at", "2026-01-01", "--ics", path, "--force"])
        #expect(forced.code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        if let sample = ProcessInfo.processInfo.environment["CTG_DEADLINES_ICS_SAMPLE"] {
            try before.write(to: URL(fileURLWithPath: sample))
        }
    }

    @Test func verifyStrictFailsOnDomainWarnings() throws {
        var log = TestLog()
        log.deliberation(members: #"{"in_office":40,"present":10,"proxies":5,"voting":15}"#, votes: nil)
        let path = try log.write()
        let plain = CapturedRun(["verify", path])
        #expect(plain.code == 0)
        #expect(plain.out.contains("log.jsonl:2: seq 2: warning [quorum]"))
        #expect(plain.out.contains("(CGCT L2121-17 al. 1)"))
        #expect(CapturedRun(["verify", path, "--strict"]).code == 1)
    }
}
