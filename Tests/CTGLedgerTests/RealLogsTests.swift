import Foundation
import Testing

@testable import CTGLedger

// Golden tests over the sealed logs of the real conventions (Events/*.jsonl, issue 3).
//
// Every expected value below comes from the source documents in /work/shared/seeds/
// (the seed file and the place in it are cited next to each assertion), not from the
// program's output. When a test fails, read the seed before touching the expectation.
// Transcription choices (element ids, dates the documents do not print) are explained
// in Events/README.md.

/// The golden tests over the real logs (`swift test --filter RealLogs`).
@Suite struct RealLogsTests {}

/// Where the real logs are: found from this file's path, not through test resources.
private enum RealLogs {
    /// The package root: `<root>/Tests/CTGLedgerTests/RealLogsTests.swift` → `<root>`.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let events = root + "/Events"
    static let transcripts = root + "/Tools/transcripts"

    static func sealed(_ name: String) -> String { "\(events)/\(name).jsonl" }
    static func transcript(_ name: String) -> String { "\(transcripts)/\(name).jsonl" }

    /// The base names (without `.jsonl`) of the logs in a folder, sorted.
    static func names(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The four transcribed conventions (Events/README.md, « The logs »).
    static let transcribed = ["bievre-isere-2022", "coeur-de-chartreuse-2022", "gam-nord-ouest-2026", "roumois-seine-2022"]

    static let roumois = "ctg-roumois-seine-2022"
    static let gam = "ctg-gam-nord-ouest-2026"
    static let chartreuse = "ctg-coeur-de-chartreuse-2022"
    static let bievre = "ctg-bievre-isere-2022"

    static func read(_ name: String) throws -> Ledger { try Ledger.read(path: sealed(name)) }
}

private func day(_ text: String) -> CivilDate { CivilDate(text)! }

/// Collects what an in-process `ctg` run writes.
private final class RealLogsOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ more: String) { lock.withLock { text += more } }
    var value: String { lock.withLock { text } }
}

/// Runs `ctg` in-process; returns the exit code, standard output and standard error.
private func ctg(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
    let out = RealLogsOutput()
    let err = RealLogsOutput()
    let io = CommandIO(
        readInput: { () throws(LedgerError) in [] }, out: { out.append($0) }, err: { err.append($0) },
        now: { Timestamp(rfc3339: "2026-11-23T12:00:00Z")! }, today: { CivilDate("2026-11-23")! })
    let code = CommandLineTool.run(arguments, io: io)
    return (code, out.value, err.value)
}

/// Parses a JSON object printed by `ctg … --format json` (independently of the library's parser).
private func jsonObject(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(value as? [String: Any])
}

// MARK: - Every sealed log

extension RealLogsTests {
    @Suite struct SealedLogs {
        static let allSealed = RealLogs.names(in: RealLogs.events)

        @Test func everyTranscriptHasItsSealedCopy() {
            #expect(RealLogs.names(in: RealLogs.transcripts) == RealLogs.transcribed)
            let sealed = Set(RealLogs.names(in: RealLogs.events))
            for name in RealLogs.transcribed {
                #expect(sealed.contains(name), "Events/\(name).jsonl is missing: run Tools/seal-events.sh")
            }
        }

        @Test(arguments: allSealed)
        func verifiesWithoutErrorAndIsSealed(name: String) throws {
            let ledger = try RealLogs.read(name)
            #expect(ledger.sealed == true)
            #expect(ledger.errors.isEmpty, "\(ledger.errors)")
            #expect(ledger.tornLine == nil)
            #expect(!ledger.events.isEmpty)
            let head = try #require(ledger.lastHash)
            #expect(head.count == 64 && head.allSatisfy { "0123456789abcdef".contains($0) })
            let report = try VerifyReport.make(path: RealLogs.sealed(name))
            #expect(report.findings.filter { $0.severity == .error }.isEmpty, "\(report.findings)")
            #expect(report.sealed == true)
            #expect(report.events == ledger.events.count)
            // The command agrees: exit 0.
            #expect(ctg(["verify", RealLogs.sealed(name)]).code == 0)
        }

        /// The sealed copy is its transcript plus `prev` and `hash`, line for line: nobody edited
        /// Events/ by hand and nobody forgot to reseal after fixing a transcript.
        @Test(arguments: RealLogs.transcribed)
        func sealedCopyIsUpToDateWithItsTranscript(name: String) throws {
            let source = try String(contentsOfFile: RealLogs.transcript(name), encoding: .utf8)
            let sealed = try String(contentsOfFile: RealLogs.sealed(name), encoding: .utf8)
            let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let sealedLines = sealed.split(separator: "\n", omittingEmptySubsequences: false)
            try #require(sourceLines.count == sealedLines.count, "run Tools/seal-events.sh")
            for (plain, chained) in zip(sourceLines, sealedLines) where !plain.isEmpty {
                #expect(chained.hasPrefix(plain.dropLast()), "line differs from the transcript: run Tools/seal-events.sh")
                #expect(chained.contains(#","prev":""#) && chained.contains(#","hash":""#))
            }
            let unsealed = try Ledger.read(path: RealLogs.transcript(name))
            #expect(unsealed.sealed == false)
            #expect(unsealed.errors.isEmpty, "\(unsealed.errors)")
        }

        @Test(arguments: [
            ("roumois-seine-2022", RealLogs.roumois),
            ("gam-nord-ouest-2026", RealLogs.gam),
            ("coeur-de-chartreuse-2022", RealLogs.chartreuse),
            ("bievre-isere-2022", RealLogs.bievre),
        ])
        func holdsOneConvention(name: String, convention: String) throws {
            #expect(try RealLogs.read(name).conventions == [convention])
        }
    }
}

// MARK: - Roumois Seine (seed 003: avenant n° 2 of 15 December 2025)

extension RealLogsTests {
    @Suite struct RoumoisSeine {
        let ledger: Ledger
        init() throws { ledger = try RealLogs.read("roumois-seine-2022") }

        func state(_ date: String) -> ConventionState { ledger.state(of: RealLogs.roumois, at: day(date)) }

        /// Art. 1: « Abroger la fiche action « Aller-vers » » and « Abroger les actions FIJ séjour, PIJ,
        /// conseil communautaire ados ».
        static let abrogatedByAvenant2: [(id: String, title: String)] = [
            ("fiche:aller-vers", "Aller-vers"),
            ("action:fij-sejour", "FIJ séjour"),
            ("action:pij", "PIJ"),
            ("action:conseil-communautaire-ados", "conseil communautaire ados"),
        ]
        /// Annexe 1: the two fiches added (headings as printed on the fiches).
        static let addedFiches: [(id: String, title: String)] = [
            ("fiche:observatoire", "Réaliser un observatoire du fonctionnement et de la qualité d'accueil des centres de loisirs et périscolaires"),
            ("fiche:gouvernance", "Structurer et animer la gouvernance de la CTG"),
        ]

        @Test func partiesAndPeriod() throws {
            let s = state("2025-12-14")
            // « CTG 2022-2026 », « la convention territoriale globale du 29 novembre 2022 ».
            #expect(s.start == day("2022-01-01"))
            #expect(s.end == day("2026-12-31"))
            #expect(s.concludedOn == day("2022-11-29"))
            #expect(s.parties.map(\.id) == ["caf-27", "cc-roumois-seine"])
            #expect(s.parties.first?.kind == .caf)
            // SIREN 200066405 from the @ctes id 027-200066405-20251215-CC_201_2025-DE.
            #expect(s.parties.first { $0.id == "cc-roumois-seine" }?.siren == "200066405")
            #expect(s.parties.first { $0.id == "cc-roumois-seine" }?.kind == .epci)
        }

        @Test func onTheEveOfAvenant2TheOldFicheAndActionsApply() throws {
            let s = state("2025-12-14")
            #expect(s.status == .inForce)
            #expect(s.warnings.isEmpty)
            for (id, title) in Self.abrogatedByAvenant2 {
                let e = try #require(s.element(id), "\(id) should apply on 2025-12-14")
                #expect(e.element.title == title)
                #expect(e.introducedBy == .avenant(1))
            }
            // The fiche « Aller-vers » is found by its printed title too (its id is a transcription choice).
            #expect(s.elements.filter { $0.element.title == "Aller-vers" }.map(\.element.id) == ["fiche:aller-vers"])
            #expect(s.abrogated.isEmpty)
            for (id, _) in Self.addedFiches { #expect(s.element(id) == nil, "\(id) must not apply before 2025-12-15") }
            // Before avenant n° 2 the fiche carries avenant n° 1's name (art. 1: « Développer les passerelles entre les structures »).
            let passerelles = try #require(s.element("fiche:passerelles"))
            #expect(passerelles.element.title == "Développer les passerelles entre les structures")
            #expect(passerelles.changedBy == nil)
            #expect(s.avenants.map(\.number) == [1])
        }

        @Test func fromTheDayOfAvenant2TheyAreAbrogated() throws {
            let s = state("2025-12-15")
            #expect(s.status == .inForce)
            #expect(s.warnings.isEmpty)
            for (id, _) in Self.abrogatedByAvenant2 {
                #expect(s.element(id) == nil, "\(id) is abrogated on 2025-12-15")
                let a = try #require(s.abrogated.first { $0.id == id }, "\(id) should be listed as abrogated")
                #expect(a.by == .avenant(2))
                #expect(a.on == day("2025-12-15"))  // art. 6: « prend effet à compter du 15/12/2025 »
            }
            #expect(Set(s.abrogated.map(\.id)) == Set(Self.abrogatedByAvenant2.map(\.id)))
            // The three actions carry art. 1's reason.
            #expect(s.abrogated.first { $0.id == "action:pij" }?.reason?.contains("après les élections") == true)
        }

        @Test func theTwoNewFichesApplyFrom15December2025() throws {
            let s = state("2025-12-15")
            for (id, title) in Self.addedFiches {
                let e = try #require(s.element(id))
                #expect(e.element.title == title)
                #expect(e.element.kind == .fiche)
                #expect(e.introducedBy == .avenant(2))
                #expect(e.changedBy == nil)
                #expect(e.since == day("2025-12-15"))
                // Both fiches: « Echéances de réalisation 2026 ».
                #expect(e.element.field("echeance") == "2026")
            }
            #expect(s.element("fiche:observatoire")?.element.field("partenaires") == "CEMEA, Francas")
            #expect(s.element("fiche:gouvernance")?.element.field("partenaires") == "CAF")
        }

        @Test func theModifiedFicheAndCompletedArticles() throws {
            let s = state("2025-12-15")
            // Annexe 1 « vient modifier » the fiche, now headed « Fiche Action – Développer les passerelles ».
            let passerelles = try #require(s.element("fiche:passerelles"))
            #expect(passerelles.element.title == "Développer les passerelles")
            #expect(passerelles.introducedBy == .avenant(1))
            #expect(passerelles.changedBy == .avenant(2))
            #expect(passerelles.since == day("2025-12-15"))
            #expect(passerelles.element.field("echeance") == "2026")
            #expect(passerelles.element.field("public_cible") == "Les enfants fréquentant l'accueil périscolaire 3-11ans des Monts-du-Roumois")
            #expect(passerelles.element.text?.contains("Tester une organisation éducative innovante sur une structure unique") == true)

            // Art. 4 completes art. 9 of the initial CTG.
            let article9 = try #require(s.element("article:9"))
            #expect(article9.element.title == "Suivi, bilan et évaluation")
            #expect(article9.introducedBy == .convention)
            #expect(article9.changedBy == .avenant(2))
            #expect(article9.element.text?.contains("Le suivi continu du plan d'action") == true)
            #expect(article9.element.text?.contains("Tout changement dans l'organisation nécessite en amont l'accord de la CAF.") == true)
            #expect(state("2025-12-14").element("article:9")?.element.text?.contains("Le suivi continu") != true)

            // Art. 2 and 3 modify art. 1.1 and 1.2 of avenant n° 1; annexe 2 completes its annexe 4.
            let engagements = try #require(s.element("avenant-1/article:1.1"))
            #expect(engagements.changedBy == .avenant(2))
            #expect(engagements.element.text?.contains("d'ici le 30 juin 2026") == true)
            #expect(s.element("avenant-1/article:1.2")?.changedBy == .avenant(2))
            #expect(s.element("avenant-1/article:1.2")?.element.text?.contains("Rgpd") == true)
            #expect(s.element("avenant-1/annexe:4")?.changedBy == .avenant(2))
            #expect(s.element("avenant-1/annexe:4")?.element.text?.contains("Ce comité se réunit une à deux fois par an") == true)
        }

        @Test func avenant2ItsDatesAndSignature() throws {
            let s = state("2025-12-15")
            let avenant = try #require(s.avenants.first { $0.number == 2 })
            // Art. 6: « prend effet à compter du 15/12/2025 et jusqu'au 31/12/2026 ».
            #expect(avenant.effectiveFrom == day("2025-12-15"))
            #expect(avenant.effectiveUntil == day("2026-12-31"))
            #expect(avenant.concluded)
            #expect(avenant.inEffect)
            #expect(avenant.concludedOn == day("2025-12-15"))  // « Fait à Bourg-Achard, le 15 décembre 2025 »

            let history = ledger.history(of: RealLogs.roumois)
            let signatures = history.events.compactMap { event -> ActSigned? in
                if case .actSigned(let s) = event.payload, s.act == .avenant(2) { return s }
                return nil
            }
            let signature = try #require(signatures.first)
            #expect(signatures.count == 1)
            #expect(signature.date == day("2025-12-15"))
            #expect(signature.place == "Bourg-Achard")
            #expect(Set(signature.parties) == ["caf-27", "cc-roumois-seine"])
            // Signature block: La Directrice Aurore VERNIEUWE, Le Président Philippe CHARPIN (Caf), Le Président Sylvain BONENFANT (CC).
            #expect(Set(signature.signatories.map(\.name)) == ["Aurore VERNIEUWE", "Philippe CHARPIN", "Sylvain BONENFANT"])
            #expect(signature.signatories.first { $0.name == "Sylvain BONENFANT" }?.party == "cc-roumois-seine")
        }

        @Test func theDeliberationOfAvenant2AndItsTransmission() throws {
            let history = ledger.history(of: RealLogs.roumois)
            let deliberations = history.events.compactMap { event -> DeliberationAdopted? in
                if case .deliberationAdopted(let d) = event.payload, d.act == .act(.avenant(2)) { return d }
                return nil
            }
            let deliberation = try #require(deliberations.first)
            #expect(deliberations.count == 1)
            // Visas: « délibération du conseil Communautaire … en date du 15 décembre 2025 »; number from the @ctes id.
            #expect(deliberation.session == day("2025-12-15"))
            #expect(deliberation.number == "CC_201_2025")
            #expect(deliberation.party == "cc-roumois-seine")
            #expect(deliberation.body == "conseil communautaire")
            #expect(deliberation.votes == nil)  // annexe 3 is a blank heading: no counts are printed

            let transmissions = history.events.compactMap { event -> ActTransmitted? in
                if case .actTransmitted(let t) = event.payload, t.act == .deliberation(deliberation.id) { return t }
                return nil
            }
            let transmission = try #require(transmissions.first)
            #expect(transmissions.count == 1)
            // Stamp on every page: « Envoyé en préfecture le 19/12/2025 / Reçu en préfecture le 19/12/2025 / Publié le ».
            #expect(transmission.actesID == "027-200066405-20251215-CC_201_2025-DE")
            #expect(transmission.sent == day("2025-12-19"))
            #expect(transmission.received == day("2025-12-19"))
            #expect(transmission.published == nil)
            // The @ctes id agrees with the délibération and the party.
            let actes = try ActesIdentifier(parsing: try #require(transmission.actesID))
            #expect(actes.department == "027")  // Eure
            #expect(actes.decisionDate == deliberation.session)
            #expect(actes.number == deliberation.number)
            #expect(actes.nature == "DE")
            #expect(actes.hasValidSIREN)
        }

        @Test func historyOfAllerVersNamesAvenant2AndItsDate() throws {
            let life = ElementLife(ledger.history(of: RealLogs.roumois), element: "fiche:aller-vers")
            let abrogation = try #require(life.steps.first { $0.kind == .abrogated })
            #expect(abrogation.act == .avenant(2))
            #expect(abrogation.date == day("2025-12-15"))
            #expect(abrogation.concluded)
            let introduction = try #require(life.steps.first)
            #expect(introduction.kind == .introduced)
            #expect(introduction.act == .avenant(1))
            #expect(life.steps.filter { $0.kind == .abrogated }.count == 1)

            // The command line, text (French) and JSON.
            let text = ctg(["history", RealLogs.sealed("roumois-seine-2022"), "--element", "fiche:aller-vers"])
            #expect(text.code == 0, "\(text.err)")
            #expect(text.out.contains("avenant n° 2"))
            #expect(text.out.contains("15 décembre 2025"))
            #expect(text.out.contains("abrogé"))
            let json = ctg(["history", RealLogs.sealed("roumois-seine-2022"), "--element", "fiche:aller-vers", "--format", "json"])
            #expect(json.code == 0, "\(json.err)")
            let object = try jsonObject(json.out)
            #expect(object["element"] as? String == "fiche:aller-vers")
            let steps = try #require(object["life"] as? [[String: Any]])
            #expect(steps.contains { $0["kind"] as? String == "abrogated" && $0["act"] as? String == "avenant:2" && $0["date"] as? String == "2025-12-15" })
        }

        @Test func commandLineStateOnTheDayOfAvenant2() throws {
            let run = ctg(["state", RealLogs.sealed("roumois-seine-2022"), "--at", "2025-12-15", "--format", "json"])
            #expect(run.code == 0, "\(run.err)")
            let object = try jsonObject(run.out)
            #expect(object["status"] as? String == "in-force")
            #expect(object["concluded_on"] as? String == "2022-11-29")
            let abrogated = try #require(object["abrogated"] as? [[String: Any]])
            #expect(Set(abrogated.compactMap { $0["id"] as? String }) == Set(Self.abrogatedByAvenant2.map(\.id)))
            #expect(abrogated.allSatisfy { $0["by"] as? String == "avenant:2" && $0["on"] as? String == "2025-12-15" })
            let elements = try #require(object["elements"] as? [[String: Any]])
            let observatoire = try #require(elements.first { $0["id"] as? String == "fiche:observatoire" })
            #expect(observatoire["introduced_by"] as? String == "avenant:2")
            #expect(observatoire["since"] as? String == "2025-12-15")
            let passerelles = try #require(elements.first { $0["id"] as? String == "fiche:passerelles" })
            #expect(passerelles["changed_by"] as? String == "avenant:2")
        }

        /// What avenant n° 2 does on its first day, element by element (art. 1 to 6 and annexes 1 and 2).
        static let expectedAdded = ["avenant-2/article:1", "avenant-2/article:5", "avenant-2/article:6", "fiche:gouvernance", "fiche:observatoire"]
        static let expectedChanged = ["article:9", "avenant-1/annexe:4", "avenant-1/article:1.1", "avenant-1/article:1.2", "fiche:passerelles"]
        static let expectedRemoved = ["action:conseil-communautaire-ados", "action:fij-sejour", "action:pij", "fiche:aller-vers"]

        @Test func diffAcrossAvenant2() throws {
            let diff = StateDiff(from: state("2025-12-14"), to: state("2025-12-15"))
            #expect(diff.added.map(\.element.id).sorted() == Self.expectedAdded)
            #expect(diff.changed.map(\.after.element.id).sorted() == Self.expectedChanged)
            #expect(diff.removed.map(\.element.element.id).sorted() == Self.expectedRemoved)
            for removed in diff.removed {
                #expect(removed.abrogation?.by == .avenant(2))
                #expect(removed.abrogation?.on == day("2025-12-15"))
            }
            for changed in diff.changed { #expect(changed.after.changedBy == .avenant(2)) }

            let run = ctg(["diff", RealLogs.sealed("roumois-seine-2022"), "--from", "2025-12-14", "--to", "2025-12-15", "--format", "json"])
            #expect(run.code == 0, "\(run.err)")
            let object = try jsonObject(run.out)
            func ids(_ key: String) -> [String] { ((object[key] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted() }
            #expect(ids("added") == Self.expectedAdded)
            #expect(ids("changed") == Self.expectedChanged)
            #expect(ids("removed") == Self.expectedRemoved)
        }

        @Test func nothingChangesInsideTheAvenantsPeriod() {
            let diff = StateDiff(from: state("2025-12-15"), to: state("2026-12-31"))
            #expect(diff.added.isEmpty && diff.changed.isEmpty && diff.removed.isEmpty)
            #expect(state("2026-12-31").status == .inForce)
        }

        /// Modelling point (Events/README.md): avenant n° 2 applies « jusqu'au 31/12/2026 ». By spec §5.3 its
        /// changes lapse after that day, so the text shown from 2027-01-01 is the one before the avenant; but the
        /// convention itself ends on 2026-12-31 (« CTG 2022-2026 »), so from then on its status is `expired`.
        @Test func afterTheAvenantsEndTheConventionHasExpired() throws {
            let s = state("2027-01-01")
            #expect(s.status == .expired)
            let avenant = try #require(s.avenants.first { $0.number == 2 })
            #expect(!avenant.inEffect)
            #expect(s.element("fiche:aller-vers") != nil)  // §5.3: the avenant's changes lapsed…
            #expect(s.element("fiche:observatoire") == nil)
            #expect(s.abrogated.isEmpty)  // …on a convention that no longer applies.
        }
    }
}

// MARK: - GAM Nord-Ouest (seed 000: the convention annexed to Fontaine's délibération)

extension RealLogsTests {
    @Suite struct GAMNordOuest {
        let ledger: Ledger
        init() throws { ledger = try RealLogs.read("gam-nord-ouest-2026") }

        func draft(_ date: String = "2026-03-01") -> ConventionState {
            ledger.state(of: RealLogs.gam, at: day(date), showDraft: true)
        }

        @Test func isADraftForEveryDate() {
            // « Fait à Le.....2025 »: no signature in the document.
            for date in ["2025-11-24", "2026-01-01", "2026-03-01", "2030-12-31", "2031-01-01"] {
                #expect(ledger.state(of: RealLogs.gam, at: day(date)).status == .draft, "\(date)")
                #expect(draft(date).status == .draft, "\(date)")
            }
            #expect(draft().concludedOn == nil)
            // Not concluded: without --draft the text has no effect.
            #expect(ledger.state(of: RealLogs.gam, at: day("2026-03-01")).elements.isEmpty)
            // Before the text was settled (Fontaine's délibération of 24 November 2025) there is nothing.
            #expect(ledger.state(of: RealLogs.gam, at: day("2025-11-23")).status == .none)
        }

        @Test func commandLineShowsTheDraftOnlyWithDraft() throws {
            let log = RealLogs.sealed("gam-nord-ouest-2026")
            let withDraft = ctg(["state", log, "--at", "2026-03-01", "--format", "json", "--draft"])
            #expect(withDraft.code == 0, "\(withDraft.err)")
            let shown = try jsonObject(withDraft.out)
            #expect(shown["status"] as? String == "draft")
            let elements = try #require(shown["elements"] as? [[String: Any]])
            let budget = try #require(
                elements.first { $0["title"] as? String == "Réfléchir à la mise en place d'un budget participatif à destination des habitants" })
            #expect((budget["fields"] as? [String: Any])?["echeance"] as? String == "2029")
            let plain = ctg(["state", log, "--at", "2026-03-01", "--format", "json"])
            #expect(plain.code == 0, "\(plain.err)")
            let hidden = try jsonObject(plain.out)
            #expect(hidden["status"] as? String == "draft")
            #expect((hidden["elements"] as? [Any])?.isEmpty == true)
        }

        @Test func periodAndParties() {
            let s = draft()
            // Art. 10: « conclue à compter du 1er janvier 2026 jusqu'au 31 décembre 2030 ».
            #expect(s.start == day("2026-01-01"))
            #expect(s.end == day("2030-12-31"))
            #expect(s.parties.map(\.id) == ["caf-38", "fontaine", "noyarey", "sassenage", "seyssinet-pariset", "seyssins", "veurey-voroize", "departement-38"])
            let fontaine = s.parties.first { $0.id == "fontaine" }
            #expect(fontaine?.siren == "213802812")
            #expect(fontaine?.representative?.name == "M. Franck LONGO")
            #expect(fontaine?.representative?.role == "Maire")
            #expect(s.parties.first { $0.id == "departement-38" }?.kind == .departement)
            #expect(s.parties.first { $0.id == "departement-38" }?.representative?.name == "M. Jean-Pierre BARBIER")
            #expect(s.parties.filter { $0.kind == .commune }.count == 6)
        }

        /// Annexe 3 (« PLAN D'ACTIONS 2026-2030 »): every action row with its ÉCHÉANCE (or DATES) cell, as printed.
        static let echeances: [(String, String)] = [
            ("Mettre en place des formations sur le territoire", "2027"),
            ("Réaliser un état des lieux sur les rémunérations et travailler sur les leviers", "2028"),
            ("Réaliser et mettre en œuvre les grilles d'évaluation en lien avec le référentiel", "2026"),
            ("Co-construire des actions culturelles novatrices", "2026"),
            ("Organiser des temps d'échanges et de pratiques professionnels", "2027"),
            ("Recenser et analyser l'offre existante sur le territoire", "2027"),
            ("Mener une réflexion sur les horaires atypiques", "2027"),
            ("Communiquer sur une politique d'inclusion", "2027"),
            ("Accompagner les agents dans l'observation et l'accueil des enfants", "2027"),
            ("Mise en place de temps thématiques en direction des professionnels", "2026"),
            ("Réaliser un guide des ressources existantes en direction des familles", "2028"),
            ("Mettre en place des temps d'aller-vers sur le territoire", "2026"),
            ("Créer des espaces dédiés à la parole des jeunes", "2026"),
            ("Organiser des temps d'animations communs pour les jeunes du territoire", "2027"),
            ("Valoriser les initiatives portées par les jeunes par l'organisation de temps forts", "2027"),
            ("Mettre en place des actions collectives en direction des familles", "2026"),
            ("Harmoniser les plages d'accueil des différents LAEP", "2028"),
            ("Proposer des temps d'échanges et de sensibilisation autour de thématiques", "2027"),
            ("Développer des actions d'aller-vers pour mobiliser les habitants", "2026"),
            ("Réfléchir à la mise en place d'un budget participatif à destination des habitants", "2029"),
            ("Accompagner et promouvoir le bénévolat sur le territoire", "2028"),
            ("Adapter les horaires et diversité des activités des structures aux habitants", "2027"),
            ("Communiquer davantage sur les offres existantes", "2028"),
            ("Développer des ateliers collectifs pour une autonomie des publics", "2027"),
            ("Développer des permanences décentralisées", "2028"),
            ("Concevoir et partager des outils professionnels et supports de communication", "2029"),
            ("Renforcer l'aide alimentaire", "2027"),
            ("Réaliser un état des lieux des règlements d'aides sociales facultatives", "2028"),
            ("Travailler sur des leviers d'attractivité du territoire", "2027"),
            ("Réfléchir à la mise en place d'une mutuelle à l'échelle du territoire", "2028"),
            ("Réaliser un guide à l'échelle du bassin des dispositifs existants", "2027"),
            ("Former les professionnels", "2027"),
            ("Sensibiliser les différents publics aux handicaps", "2028"),
            ("Aménager le territoire aux différents handicaps", "2029"),
        ]

        @Test(arguments: echeances)
        func actionHasItsPrintedEcheance(title: String, echeance: String) throws {
            let matches = draft().elements.filter { $0.element.kind == .action && $0.element.title == title }
            let action = try #require(matches.first, "no action titled « \(title) »")
            #expect(matches.count == 1)
            #expect(action.element.field("echeance") == echeance)
            #expect(action.introducedBy == .convention)
        }

        @Test func planOfActionsHasEveryRowAndNoOther() {
            let actions = draft().elements.filter { $0.element.kind == .action && $0.element.field("axe").map { ["1", "2", "3", "4"].contains($0) } == true }
            #expect(actions.count == Self.echeances.count)  // 34 rows in annexe 3
            // Rows per axe: 1 Petite enfance, enfance, jeunesse 15; 2 Parentalité 3; 3 Vie locale 5; 4 Accès aux droits 11.
            var perAxe: [String: Int] = [:]
            for a in actions { perAxe[a.element.field("axe") ?? "?", default: 0] += 1 }
            #expect(perAxe == ["1": 15, "2": 3, "3": 5, "4": 11])
            // The DATES column of « Travailler collectivement pour mieux répondre aux besoins des jeunes ».
            #expect(actions.filter { $0.element.field("colonne_echeance") == "DATES" }.count == 4)
        }

        @Test func serviceDePetiteEnfanceFiches() throws {
            let s = draft()
            // « Action 1 Maintenir et développer les modes d'accueil … Echéances de réalisation 2030 ».
            #expect(s.element("action:sppe-1")?.element.title == "Maintenir et développer les modes d'accueil")
            #expect(s.element("action:sppe-1")?.element.field("echeance") == "2030")
            #expect(s.element("action:sppe-3")?.element.field("echeance") == "2030")
            #expect(s.element("action:sppe-4")?.element.field("echeance") == "2030")
            // Action 2 has no « Echéances de réalisation » row.
            let action2 = try #require(s.element("action:sppe-2"))
            #expect(action2.element.field("echeance") == nil)
        }

        /// Annexe 2: one row per équipement or service in each commune's table.
        @Test(arguments: [
            ("fontaine", 35), ("noyarey", 2), ("sassenage", 9), ("seyssinet-pariset", 19), ("seyssins", 15), ("veurey-voroize", 3),
        ])
        func equipementsPerCommune(commune: String, count: Int) {
            let rows = draft().elements.filter { $0.element.kind == .equipement && $0.element.id.hasPrefix("equipement:\(commune)/") }
            #expect(rows.count == count)
        }

        @Test func equipementsAsPrinted() throws {
            let s = draft()
            #expect(s.elements.filter { $0.element.kind == .equipement }.count == 83)
            // The intercommunal multi-accueil is listed by both Noyarey and Veurey-Voroize.
            let shared = "Multi-accueil intercommunal « La maison des p'tits bouts » - 2 allée du château 38112 Veurey-Voroize"
            #expect(
                s.elements.filter { $0.element.title == shared }.map(\.element.id).sorted() == [
                    "equipement:noyarey/eaje-la-maison-des-p-tits-bouts", "equipement:veurey-voroize/eaje-la-maison-des-p-tits-bouts",
                ])
            let ludo = try #require(s.elements.first { $0.element.title == "Ludothèque de l'Arche - 79, Avenue de la République" })
            #expect(ludo.element.id.hasPrefix("equipement:seyssinet-pariset/"))
            #expect(ludo.element.field("type") == "Ludothèque")
            let clas = try #require(s.element("equipement:fontaine/clas-mdh-romain-rolland"))
            #expect(clas.element.field("type") == "CLAS")
            #expect(clas.element.title.hasSuffix("Pas de financements pour l'année scolaire 2025-2026"))
        }

        @Test func fontainesDeliberationAndItsTransmission() throws {
            let history = ledger.history(of: RealLogs.gam)
            let deliberations = history.events.compactMap { event -> DeliberationAdopted? in
                if case .deliberationAdopted(let d) = event.payload { return d }
                return nil
            }
            #expect(deliberations.count == 1)  // annexe 5 reproduces none of the other délibérations
            let d = try #require(deliberations.first)
            #expect(d.party == "fontaine")
            #expect(d.body == "conseil municipal")
            #expect(d.number == "DELIB2025_052")
            #expect(d.session == day("2025-11-24"))
            #expect(d.act == .act(.convention))

            let transmissions = history.events.compactMap { event -> ActTransmitted? in
                if case .actTransmitted(let t) = event.payload { return t }
                return nil
            }
            let t = try #require(transmissions.first)
            #expect(transmissions.count == 1)
            #expect(t.act == .deliberation(d.id))
            // Stamp: « Envoyé en préfecture le 26/11/2025 / Reçu en préfecture le 26/11/2025 / Publié le [empty] ».
            #expect(t.actesID == "038-213802812-20251124-DELIB2025_052-DE")
            #expect(t.sent == day("2025-11-26"))
            #expect(t.received == day("2025-11-26"))
            #expect(t.published == nil)
            let actes = try ActesIdentifier(parsing: try #require(t.actesID))
            #expect(actes.decisionDate == d.session)
            #expect(actes.number == d.number)
            #expect(actes.siren == draft().parties.first { $0.id == "fontaine" }?.siren)
            #expect(actes.hasValidSIREN)

            #expect(!history.events.contains { $0.type == .actSigned })
        }
    }
}

// MARK: - Cœur de Chartreuse (seed 001: délibération n° 22_112)

extension RealLogsTests {
    @Suite struct CoeurDeChartreuse {
        let ledger: Ledger
        init() throws { ledger = try RealLogs.read("coeur-de-chartreuse-2022") }

        func deliberation(asOf: Timestamp?) throws -> DeliberationAdopted {
            let history = ledger.history(of: RealLogs.chartreuse, asOf: asOf)
            let found = history.events.compactMap { event -> DeliberationAdopted? in
                if case .deliberationAdopted(let d) = event.payload { return d }
                return nil
            }
            #expect(found.count == 1)
            return try #require(found.first)
        }

        /// The time the correction was recorded, and a time just before it.
        func correctionTimes() throws -> (before: Timestamp, at: Timestamp) {
            let correction = try #require(ledger.events.first { $0.type == .eventCorrected })
            let target = try #require(ledger.events.first { $0.type == .deliberationAdopted })
            if case .eventCorrected(let c) = correction.payload {
                #expect(c.target == target.id)
            } else {
                Issue.record("seq \(correction.seq) is not an event.corrected")
            }
            #expect(target.recorded < correction.recorded)
            return (Timestamp(seconds: correction.recorded.seconds - 1), correction.recorded)
        }

        @Test func countsAsPrintedBeforeTheCorrectionWasRecorded() throws {
            let d = try deliberation(asOf: correctionTimes().before)
            // « En exercice : 36 Présents : 25 Pouvoirs : 7 Votants : 12 », « Pour : 32 Abstention : 0 Contre : 0 ».
            #expect(d.number == "22_112")
            #expect(d.session == day("2022-06-29"))  // « le vingt-neuf juin » 2022
            #expect(d.convocation == day("2022-06-22"))  // « mercredi 22 juin 2022 »
            #expect(d.members?.inOffice == 36)
            #expect(d.members?.present == 25)
            #expect(d.members?.proxies == 7)
            #expect(d.members?.voting == 12)
            #expect(d.votes?.votesFor == 32)
            #expect(d.votes?.against == 0)
            #expect(d.votes?.abstain == 0)
            #expect(d.unanimous == true)  // « à l'UNANIMITÉ »
            #expect(d.decisions.count == 3)
        }

        @Test func votingIs32OnceCorrected() throws {
            for asOf in [nil, try correctionTimes().at] {
                let d = try deliberation(asOf: asOf)
                #expect(d.members?.voting == 32)  // 25 present + 7 proxies; 32 for, 0 against, 0 abstentions
                #expect(d.members?.present == 25)
                #expect(d.members?.proxies == 7)
                #expect(d.votes?.votesFor == 32)
            }
        }

        @Test func theRulesFlagThePrintedCountsNotTheCorrectedOnes() throws {
            let before = ledger.history(of: RealLogs.chartreuse, asOf: try correctionTimes().before)
            let printed = DeliberationRules.membersAddUp(before) + DeliberationRules.votesAddUp(before)
            #expect(Set(printed.map(\.rule)) == ["members.sum", "votes.sum"])
            let corrected = ledger.history(of: RealLogs.chartreuse)
            #expect((DeliberationRules.membersAddUp(corrected) + DeliberationRules.votesAddUp(corrected)).isEmpty)
        }

        @Test func transmissionAndStatus() throws {
            let history = ledger.history(of: RealLogs.chartreuse)
            let t = try #require(
                history.events.compactMap { event -> ActTransmitted? in
                    if case .actTransmitted(let t) = event.payload { return t }
                    return nil
                }.first)
            // Stamp: « Envoyé / Reçu en préfecture le 08/07/2022 », « Affiché le 11/07/2022 », ID as printed.
            #expect(t.actesID == "038-200040111-20220705-22_112-DE")
            #expect(t.sent == day("2022-07-08"))
            #expect(t.received == day("2022-07-08"))
            #expect(t.published == day("2022-07-11"))

            let s = ledger.state(of: RealLogs.chartreuse, at: day("2023-01-01"), showDraft: true)
            #expect(s.status == .draft)  // only the délibération authorising signature: no signature shown
            // « d'une durée de 4 ans, de 2022 à 2025 inclus ».
            #expect(s.start == day("2022-01-01"))
            #expect(s.end == day("2025-12-31"))
            #expect(s.parties.first { $0.id == "cc-coeur-de-chartreuse" }?.siren == "200040111")
            // Annexe 2 lists 24 équipements and services.
            #expect(s.elements.filter { $0.element.kind == .equipement }.count == 24)
        }

        /// Spec §8: `verify` warns when an @ctes id's decision date differs from the délibération's date.
        /// Here the id says 2022-07-05 while the session was held on 29 June 2022 (Events/README.md, inconsistency 2).
        @Test func verifyWarnsAboutTheActesDate() throws {
            let report = try VerifyReport.make(path: RealLogs.sealed("coeur-de-chartreuse-2022"))
            let warning = try #require(report.findings.first { $0.rule == "actes.id" })
            #expect(warning.severity == .warning)
            #expect(warning.seq == 3)
            #expect(warning.message.contains("2022-07-05") || warning.message.contains("20220705"))
            #expect(report.findings.filter { $0.severity == .error }.isEmpty)
        }
    }
}

// MARK: - Bièvre Isère (seed 002: délibération 2022-29 of Savas-Mépin)

extension RealLogsTests {
    @Suite struct BievreIsere {
        @Test func deliberationTransmissionAndPeriod() throws {
            let ledger = try RealLogs.read("bievre-isere-2022")
            let history = ledger.history(of: RealLogs.bievre)
            let d = try #require(
                history.events.compactMap { event -> DeliberationAdopted? in
                    if case .deliberationAdopted(let d) = event.payload { return d }
                    return nil
                }.first)
            // « En exercice : 15 Présents : 14 »; the vote counts are left blank; « à l'unanimité des présents ».
            #expect(d.number == "2022-29")
            #expect(d.party == "savas-mepin")
            #expect(d.members?.inOffice == 15)
            #expect(d.members?.present == 14)
            #expect(d.votes == nil)
            #expect(d.unanimous == true)
            let t = try #require(
                history.events.compactMap { event -> ActTransmitted? in
                    if case .actTransmitted(let t) = event.payload { return t }
                    return nil
                }.first)
            #expect(t.actesID == "038-213804768-20221011-2022_29-DE")
            #expect(t.sent == day("2022-10-14"))
            #expect(t.received == day("2022-10-14"))
            #expect(d.session == day("2022-10-11"))  // not printed (« L'an 2022 »): from the @ctes id

            let s = ledger.state(of: RealLogs.bievre, at: day("2024-01-01"), showDraft: true)
            #expect(s.status == .draft)
            // « La CTG est conclue à compter du 1er janvier 2022 jusqu'au 31 décembre 2026 ».
            #expect(s.start == day("2022-01-01"))
            #expect(s.end == day("2026-12-31"))
            #expect(s.parties.map(\.id).contains("savas-mepin"))
            #expect(s.parties.first { $0.id == "savas-mepin" }?.siren == "213804768")
        }
    }
}
