import Foundation
import Testing

@testable import CTGLedger

/// The command line run in-process: what people read, and the contract's JSON.
@Suite struct CommandLineTests {
    let example = Fixtures.path("example-unsealed.jsonl")

    @Test func everyCommandHasHelpWithAnExample() {
        let overview = CTG.run(["--help"])
        #expect(overview.code == 0)
        for command in CommandLineTool.commands {
            #expect(overview.out.contains("  \(command.name) "))
            let help = CTG.run(["help", command.name])
            #expect(help.code == 0)
            #expect(help.out.contains("Usage: ctg \(command.name)"))
            #expect(help.out.contains("Examples:"))
            #expect(CTG.run([command.name, "--help"]).out == help.out)
        }
        #expect(CTG.run(["help", "nope"]).code == 2)
        #expect(CTG.run([]).code == 2)
    }

    @Test func stateTextIsInFrench() {
        let june = CTG.run(["state", example, "--at", "2026-06-01"])
        #expect(june.code == 0)
        #expect(june.out.contains("État au 1er juin 2026 : en vigueur"))
        #expect(june.out.contains("Période : du 1er janvier 2026 au 31 décembre 2030"))
        let later = CTG.run(["state", example, "--at", "2027-01-01"])
        #expect(later.out.contains("fiche:aller-vers — Aller-vers : abrogé par l'avenant n° 1 à compter du 1er janvier 2027"))
        #expect(later.out.contains("article:10 — Durée de la convention [convention initiale, modifié par l'avenant n° 1, depuis le 1er janvier 2027]"))
        let ended = CTG.run(["state", example, "--at", "2029-08-29"])
        #expect(ended.out.contains("résiliée"))
        #expect(ended.out.contains("Dénonciation notifiée le 28 février 2029 par Communauté de communes du Plateau : dernier jour en vigueur le 28 août 2029"))
    }

    @Test func stateJSONHasTheContractsShape() throws {
        let outcome = CTG.run(["state", example, "--at", "2027-01-01", "--format", "json"])
        #expect(outcome.code == 0)
        let object = try #require(try JSONParser.parse(outcome.out).objectValue)
        #expect(
            Array(object.keys.prefix(13)) == [
                "convention", "at", "as_of", "status", "period", "parties", "elements", "abrogated", "avenants", "termination",
                "concluded_on", "warnings", "last_seq",
            ])
        #expect(object["status"] == .string("in-force"))
        #expect(object["as_of"] == .null)
        #expect(object["concluded_on"] == .string("2026-01-09"))
        #expect(object["last_seq"] == .number("8"))  // the last event taken into account, whatever D
        let elements = try #require(object["elements"]?.arrayValue)
        let observatoire = try #require(elements.first { $0.objectValue?["id"] == .string("fiche:observatoire") }?.objectValue)
        #expect(observatoire["introduced_by"] == .string("avenant:1"))
        #expect(observatoire["changed_by"] == .null)
        #expect(observatoire["since"] == .string("2027-01-01"))
        #expect(observatoire["fields"] == .object(JSONObject([JSONObject.Member("echeance", "2027")])))
        #expect(
            object["abrogated"]
                == .array([
                    .object(
                        JSONObject(pairs: [
                            ("id", "fiche:aller-vers"), ("by", "avenant:1"), ("on", "2027-01-01"), ("title", "Aller-vers"),
                            ("reason", "à réévaluer au regard des besoins du territoire"),
                        ]))
                ]))
        let avenant = try #require(object["avenants"]?.arrayValue?.first?.objectValue)
        #expect(avenant["number"] == .number("1"))
        #expect(avenant["effective_until"] == .null)
        #expect(avenant["concluded"] == .bool(true))
        let terminated = try #require(try JSONParser.parse(CTG.run(["state", example, "--at", "2029-09-01", "--format", "json"]).out).objectValue)
        let termination = try #require(terminated["termination"]?.objectValue)
        #expect(termination["last_day_in_force"] == .string("2029-08-28"))
        #expect(termination["withdrawn"] == .bool(false))
        #expect(termination["kind"] == .string("denunciation"))
    }

    @Test func asOfReplaysWhatWasKnown() throws {
        let before = try #require(
            try JSONParser.parse(CTG.run(["state", example, "--at", "2027-06-01", "--as-of", "2026-12-01", "--format", "json"]).out).objectValue)
        #expect(before["as_of"] == .string("2026-12-01T23:59:59.999999999Z"))
        // Avenant n° 1 was recorded on 2 December 2026: unknown as of 1 December.
        #expect(before["avenants"] == .array([]))
        #expect(CTG.run(["state", example, "--at", "2026-06-01", "--as-of", "yesterday"]).code == 2)
    }

    @Test func historyOfAnElementSaysWhoAndWhen() {
        let outcome = CTG.run(["history", example, "--element", "fiche:aller-vers"])
        #expect(outcome.code == 0)
        #expect(outcome.out.contains("1er janvier 2026 : introduit par la convention initiale"))
        #expect(outcome.out.contains("1er janvier 2027 : abrogé par l'avenant n° 1 — à réévaluer au regard des besoins du territoire (seq 5)"))
        #expect(CTG.run(["history", example, "--element", "fiche:inconnue"]).code == 1)
        let all = CTG.run(["history", example])
        #expect(all.out.split(separator: "\n").filter { $0.hasPrefix("  seq ") }.count == 8)
    }

    @Test func diffListsAddedChangedRemoved() throws {
        let outcome = CTG.run(["diff", example, "--from", "2026-12-31", "--to", "2027-01-01", "--format", "json"])
        #expect(outcome.code == 0)
        let object = try #require(try JSONParser.parse(outcome.out).objectValue)
        #expect(object["added"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["fiche:observatoire"])
        #expect(object["changed"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["article:10"])
        #expect(object["removed"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == ["fiche:aller-vers"])
        #expect(object["removed"]?.arrayValue?.first?.objectValue?["reason"] == .string("abrogated"))
        let text = CTG.run(["diff", example, "--from", "2026-12-31", "--to", "2027-01-01"]).out
        #expect(text.contains("Retirés :"))
        #expect(CTG.run(["diff", example, "--from", "2026-12-31"]).code == 2)
    }

    @Test func listShowsStatusAtTheDate() {
        let outcome = CTG.run(["list", example], today: "2029-09-01")
        #expect(
            outcome.out
                == "ctg-plateau-2026 — Convention territoriale globale du Plateau : résiliée au 1er septembre 2029 ; du 1er janvier 2026 au 31 décembre 2030 ; 8 événements\n"
        )
    }

    @Test func usageErrorsSayWhatIsExpected() {
        let missing = CTG.run(["state"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("needs the log file"))
        let badDate = CTG.run(["state", example, "--at", "2026-02-30"])
        #expect(badDate.code == 2)
        #expect(badDate.err.contains("member `--at`: expected a date YYYY-MM-DD"))
        let badFormat = CTG.run(["state", example, "--format", "xml"])
        #expect(badFormat.err.contains("expected one of text, json, markdown"))
        #expect(CTG.run(["state", example, "extra"]).code == 2)
    }

    @Test func multiConventionLogsNeedConvention() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var log = LogBuilder()
        log.convention = "ctg-a"
        log.register(elements: "[]")
        log.convention = "ctg-b"
        log.register(elements: "[]")
        let text = log.text
        let path = try dir.write("two.jsonl", text)
        let outcome = CTG.run(["state", path, "--at", "2026-06-01"])
        #expect(outcome.code == 2)
        #expect(outcome.err.contains("ctg-a, ctg-b"))
        #expect(CTG.run(["state", path, "--at", "2026-06-01", "--convention", "ctg-a"]).code == 0)
    }
}
