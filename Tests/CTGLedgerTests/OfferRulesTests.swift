import Foundation
import Testing

@testable import CTGLedger

@Suite struct OfferRulesTests {
    static func parties(population: Int) -> String {
        #"[{"id":"caf","name":"Caf","kind":"caf"},{"id":"ville","name":"Ville de Ville","kind":"commune","siren":"213802812","population":\#(population)}]"#
    }

    static func equipement(_ id: String, type: String, title: String = "Structure") -> String {
        #"{"id":"equipement:ville/\#(id)","kind":"equipement","title":"\#(title)","fields":{"commune":"VILLE","type":"\#(type)"}}"#
    }

    @Test(arguments: [
        (12_000, ["EAJE PSU"], 1),  // no relais
        (12_000, ["EAJE PSU", "RPE"], 0),
        (12_000, ["EAJE PSU", "Relais Petite Enfance"], 0),
        (12_000, ["EAJE PSU", "RPE intercommunal"], 0),
        (12_000, [String](), 0),  // équipements not listed: nothing to say
        (9_000, ["EAJE PSU"], 0),  // 10 000 or fewer: no obligation
        (10_000, ["EAJE PSU"], 0),  // « plus de 10 000 »
    ])
    func communeAbove10000HasARelais(population: Int, types: [String], expected: Int) throws {
        let elements = "[" + types.enumerated().map { Self.equipement("e\($0.offset)", type: $0.element) }.joined(separator: ",") + "]"
        let log = TestLog(parties: Self.parties(population: population), start: "2026-01-01", end: "2030-12-31", elements: elements)
        let warnings = try log.warnings("offer.rpe")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.seq == 1 && $0.citation?.contains("seed 004, art. 3") == true })
    }

    @Test func relaisRecognisedByTitle() throws {
        let elements = "[" + Self.equipement("rpe", type: "Autres :", title: "Relais petite enfance « Les P'tits Choux »") + "]"
        #expect(try TestLog(parties: Self.parties(population: 20_000), elements: elements).warnings("offer.rpe").isEmpty)
    }

    @Test func obligationStartsIn2026() throws {
        // A period ending before 2026 is never checked; one running through 2026 is checked from 1 January 2026.
        let elements = "[" + Self.equipement("e", type: "EAJE PSU") + "]"
        #expect(
            try TestLog(parties: Self.parties(population: 20_000), start: "2021-01-01", end: "2025-12-31", elements: elements).warnings("offer.rpe").isEmpty)
        let warnings = try TestLog(parties: Self.parties(population: 20_000), start: "2022-01-01", end: "2026-12-31", elements: elements).warnings("offer.rpe")
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("on 2026-01-01") == true)
    }

    @Test func avenantRemovingTheRelaisIsFlagged() throws {
        let elements = "[" + Self.equipement("eaje", type: "EAJE PSU") + "," + Self.equipement("rpe", type: "RPE") + "]"
        var log = TestLog(parties: Self.parties(population: 20_000), elements: elements)
        log.add(
            "avenant.concluded", effective: "2027-01-01",
            #"{"number":1,"title":"Avenant n° 1","effective_from":"2027-01-01","changes":[{"op":"abrogate","id":"equipement:ville/rpe"}]}"#)
        log.add("act.signed", effective: "2026-12-01", #"{"act":"avenant:1","parties":["caf","ville"],"date":"2026-12-01"}"#)
        let warnings = try log.warnings("offer.rpe")
        #expect(warnings.map(\.seq) == [2])
    }

    /// The competence table of annexe 3 (as in the GAM transcript): population class and who exercises.
    @Test(arguments: [
        ("+ 10 000", "cochée : Exercée par la commune", 1),
        ("+10000", "cochée : Exercée par la commune", 1),
        ("+3500", "cochée : Exercée par la commune", 0),
        ("-3500", "non cochée", 0),
        ("+ 10 000", "cochée : Transférée par la commune à l'EPCI", 0),
    ])
    func competenceTable(populationClass: String, competence: String, expected: Int) throws {
        let parties = #"[{"id":"caf","name":"Caf","kind":"caf"},{"id":"ville","name":"Ville de Ville","kind":"commune"}]"#
        let table =
            #"{"id":"sppe-competences:ville","kind":"other","title":"Commune VILLE","fields":{"nb_habitants":"\#(populationClass)","planifier":"\#(competence)","soutenir_qualite":"\#(competence)"}}"#
        let elements = "[" + table + "," + Self.equipement("eaje", type: "EAJE PSU") + "]"
        #expect(try TestLog(parties: parties, elements: elements).warnings("offer.rpe").count == expected)
    }

    @Test func gamCommunesAbove10000HaveTheirRelais() throws {
        let report = try VerifyReport.make(path: TestLog.transcript("gam-nord-ouest-2026.jsonl"))
        #expect(report.findings.filter { $0.rule == "offer.rpe" }.isEmpty)
    }

    @Test func gamWithoutFontaineRelaisIsFlagged() throws {
        // The same transcript with Fontaine's RPE turned into an office: Fontaine (« + 10 000 ») is flagged.
        let text = try String(contentsOfFile: TestLog.transcript("gam-nord-ouest-2026.jsonl"), encoding: .utf8)
        let original =
            #""id":"equipement:fontaine/rpe","kind":"equipement","title":"13 rue Henri Roudet","fields":{"commune":"FONTAINE","annexe":"2","type":"RPE"}"#
        #expect(text.contains(original))
        let edited = text.replacingOccurrences(of: original, with: original.replacingOccurrences(of: #""type":"RPE""#, with: #""type":"Bureau""#))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gam-\(UUID().uuidString).jsonl").path
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let warnings = try VerifyReport.make(path: path).findings.filter { $0.rule == "offer.rpe" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("Ville de Fontaine") == true)
        #expect(warnings.first?.seq == 1)
    }
}
