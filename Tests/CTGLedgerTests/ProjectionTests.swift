import Testing

@testable import CTGLedger

/// Section 5 of the contract, rule by rule.
@Suite struct ProjectionTests {
    static let twoElements = """
        [{"id":"article:10","kind":"article","title":"Durée","text":"Du 1er janvier 2026 au 31 décembre 2030."},{"id":"fiche:aller-vers","kind":"fiche","title":"Aller-vers","fields":{"echeance":"2026"}}]
        """

    func state(_ builder: LogBuilder, at date: String, asOf: String? = nil, draft: Bool = false) throws -> ConventionState {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ledger = try builder.ledger(in: directory)
        #expect(ledger.errors.isEmpty, "fixture log has errors: \(ledger.errors)")
        return ledger.state(
            of: builder.convention, at: try #require(CivilDate(date)), asOf: asOf.flatMap { Timestamp(query: $0) }, showDraft: draft)
    }

    /// A concluded convention with the two elements.
    func concluded() -> LogBuilder {
        var log = LogBuilder()
        log.register(elements: Self.twoElements)
        log.sign("convention", on: "2026-01-09")
        return log
    }

    @Test func statusFollowsTheTimeline() throws {
        let log = concluded()
        #expect(try state(log, at: "2025-11-30").status == .none)
        #expect(try state(log, at: "2025-12-01").status == .upcoming)
        #expect(try state(log, at: "2026-01-01").status == .inForce)
        #expect(try state(log, at: "2030-12-31").status == .inForce)
        #expect(try state(log, at: "2031-01-01").status == .expired)
    }

    @Test func unsignedConventionIsADraftWithoutEffect() throws {
        var log = LogBuilder()
        log.register(elements: Self.twoElements)
        log.sign("convention", on: "2026-01-09", parties: "[\"caf\"]")
        let s = try state(log, at: "2026-06-01")
        #expect(s.status == .draft)
        #expect(s.elements.isEmpty)
        #expect(s.concludedOn == nil)
        let drafted = try state(log, at: "2026-06-01", draft: true)
        #expect(drafted.status == .draft)
        #expect(drafted.elements.map(\.element.id) == ["article:10", "fiche:aller-vers"])
    }

    @Test func signaturesDoNotMoveEffectDates() throws {
        // Signed in March, effective from January: in force in February once concluded (retroactive).
        var log = LogBuilder()
        log.register(elements: Self.twoElements)
        log.sign("convention", on: "2026-03-15", parties: "[\"caf\"]")
        log.sign("convention", on: "2026-03-20", parties: "[\"ville\"]")
        let s = try state(log, at: "2026-02-01")
        #expect(s.status == .inForce)
        #expect(s.concludedOn == CivilDate("2026-03-20"))
        #expect(s.element("fiche:aller-vers")?.since == CivilDate("2026-01-01"))
    }

    @Test func conclusionDependsOnWhatWasRecordedByK() throws {
        var log = LogBuilder()
        log.register(elements: Self.twoElements)
        log.add(
            "act.signed", effective: "2026-01-09", data: "{\"act\":\"convention\",\"parties\":[\"caf\",\"ville\"],\"date\":\"2026-01-09\"}",
            recorded: "2026-02-01T09:00:00Z")
        #expect(try state(log, at: "2026-01-15", asOf: "2026-01-31").status == .draft)
        #expect(try state(log, at: "2026-01-15", asOf: "2026-02-01T09:00:00Z").status == .inForce)
        #expect(try state(log, at: "2026-01-15", asOf: "2026-02-01T08:59:59Z").status == .draft)
    }

    func withAvenant(_ changes: String, from: String = "2027-01-01", until: String? = nil, signed: Bool = true) -> LogBuilder {
        var log = concluded()
        let untilMember = until.map { ",\"effective_until\":\"\($0)\"" } ?? ""
        log.add(
            "avenant.concluded", effective: from,
            data: "{\"number\":1,\"title\":\"Avenant n° 1\",\"effective_from\":\"\(from)\"\(untilMember),\"changes\":\(changes)}")
        if signed { log.sign("avenant:1", on: "2026-12-01") }
        return log
    }

    @Test func avenantAbrogatesAddsAndCompletes() throws {
        let log = withAvenant(
            """
            [{"op":"abrogate","id":"fiche:aller-vers","reason":"à réévaluer"},{"op":"add","element":{"id":"fiche:observatoire","kind":"fiche","title":"Observatoire"}},{"op":"amend","id":"article:10","append_text":" Complété.","set":{"note":"x"}}]
            """)
        let before = try state(log, at: "2026-12-31")
        #expect(before.element("fiche:aller-vers") != nil)
        #expect(before.element("fiche:observatoire") == nil)
        let after = try state(log, at: "2027-01-01")
        #expect(after.element("fiche:aller-vers") == nil)
        #expect(after.abrogated.map(\.id) == ["fiche:aller-vers"])
        #expect(after.abrogated.first?.by == .avenant(1))
        #expect(after.abrogated.first?.on == CivilDate("2027-01-01"))
        #expect(after.element("fiche:observatoire")?.introducedBy == .avenant(1))
        let article = try #require(after.element("article:10"))
        #expect(article.element.text == "Du 1er janvier 2026 au 31 décembre 2030. Complété.")
        #expect(article.element.field("note") == "x")
        #expect(article.changedBy == .avenant(1))
        #expect(article.introducedBy == .convention)
        #expect(article.since == CivilDate("2027-01-01"))
        #expect(after.avenants.map(\.number) == [1])
    }

    @Test func unconcludedAvenantHasNoEffect() throws {
        let log = withAvenant("[{\"op\":\"abrogate\",\"id\":\"fiche:aller-vers\"}]", signed: false)
        let s = try state(log, at: "2027-06-01")
        #expect(s.element("fiche:aller-vers") != nil)
        #expect(s.avenants.first?.concluded == false)
        #expect(s.avenants.first?.inEffect == false)
    }

    @Test func temporaryAvenantLapsesAfterEffectiveUntil() throws {
        let log = withAvenant(
            """
            [{"op":"replace","id":"fiche:aller-vers","element":{"id":"fiche:aller-vers","kind":"fiche","title":"Aller-vers renforcé"}},{"op":"extend","end":"2031-06-30"}]
            """, until: "2027-06-30")
        #expect(try state(log, at: "2027-06-30").element("fiche:aller-vers")?.element.title == "Aller-vers renforcé")
        #expect(try state(log, at: "2027-06-30").end == CivilDate("2031-06-30"))
        let lapsed = try state(log, at: "2027-07-01")
        #expect(lapsed.element("fiche:aller-vers")?.element.title == "Aller-vers")
        #expect(lapsed.element("fiche:aller-vers")?.changedBy == nil)
        #expect(lapsed.end == CivilDate("2030-12-31"))
        #expect(lapsed.avenants.first?.inEffect == false)
    }

    @Test func annulmentRemovesFromTheStartAsOfItsRecording() throws {
        var log = concluded()
        log.add(
            "stipulation.annulled", effective: "2028-03-01",
            data: "{\"element\":\"fiche:aller-vers\",\"decision\":{\"court\":\"TA de Rouen\",\"reference\":\"n° 2801234\"},\"date\":\"2028-03-01\"}",
            recorded: "2028-03-05T10:00:00Z")
        // As of a time after the annulment was recorded: never applied, even in 2026.
        let now = try state(log, at: "2026-06-01")
        #expect(now.element("fiche:aller-vers") == nil)
        #expect(now.abrogated.first { $0.id == "fiche:aller-vers" }?.by == nil)
        #expect(now.abrogated.first?.on == CivilDate("2028-03-01"))
        // As the ledger knew it before: it applied.
        let before = try state(log, at: "2026-06-01", asOf: "2028-03-04")
        #expect(before.element("fiche:aller-vers") != nil)
        #expect(before.abrogated.isEmpty)
    }

    @Test func correctionsReplaceTheTargetsData() throws {
        var log = concluded()
        log.add(
            "event.corrected", effective: "2025-12-01",
            data: """
                {"target":"e1","reason":"fin mal transcrite","data":{"title":"CTG de test","kind":"CTG","territory":"Test","parties":[{"id":"caf","name":"Caf de test","kind":"caf"},{"id":"ville","name":"Ville de test","kind":"commune"}],"start":"2026-01-01","end":"2029-12-31","elements":\(Self.twoElements)}}
                """, recorded: "2026-05-01T00:00:00Z")
        #expect(try state(log, at: "2030-06-01").status == .expired)
        #expect(try state(log, at: "2030-06-01", asOf: "2026-04-30").status == .inForce)
    }

    @Test(arguments: [
        ("breach", "2029-01-31", "2029-02-28"),
        ("law", "2028-01-31", "2028-02-29"),
        ("denunciation", "2029-02-28", "2029-08-28"),
        ("denunciation", "2028-08-31", "2029-02-28"),
        ("unamended-change", "2029-05-10", "2029-05-10"),
    ])
    func noticesEndTheConventionAfterTheirLastDay(kind: String, sent: String, lastDay: String) throws {
        var log = concluded()
        log.add("termination.notified", effective: sent, data: "{\"id\":\"n1\",\"kind\":\"\(kind)\",\"by\":\"caf\",\"sent\":\"\(sent)\"}")
        let last = try #require(CivilDate(lastDay))
        let onLastDay = try state(log, at: lastDay)
        #expect(onLastDay.status == .inForce)
        #expect(onLastDay.termination?.lastDayInForce == last)
        #expect(try state(log, at: last.next.description).status == .terminated)
    }

    @Test func explicitEndsOnWinsAndMutualNeedsIt() throws {
        var log = concluded()
        log.add(
            "termination.notified", effective: "2027-03-01",
            data: "{\"id\":\"n1\",\"kind\":\"mutual\",\"by\":\"caf\",\"sent\":\"2027-03-01\",\"ends_on\":\"2027-06-30\"}")
        #expect(try state(log, at: "2027-06-30").status == .inForce)
        #expect(try state(log, at: "2027-07-01").status == .terminated)
        var bad = concluded()
        bad.add("termination.notified", effective: "2027-03-01", data: "{\"id\":\"n1\",\"kind\":\"mutual\",\"by\":\"caf\",\"sent\":\"2027-03-01\"}")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ledger = try bad.ledger(in: directory)
        #expect(ledger.errors.first?.member == "data.ends_on")
    }

    @Test func withdrawnNoticeDoesNotTerminate() throws {
        var log = concluded()
        log.add("termination.notified", effective: "2027-03-01", data: "{\"id\":\"n1\",\"kind\":\"breach\",\"by\":\"caf\",\"sent\":\"2027-03-01\"}")
        log.add("termination.withdrawn", effective: "2027-03-20", data: "{\"notice\":\"n1\",\"date\":\"2027-03-20\",\"reason\":\"manquement réparé\"}")
        let s = try state(log, at: "2027-05-01")
        #expect(s.status == .inForce)
        #expect(s.termination?.withdrawn == true)
        #expect(try state(log, at: "2027-03-10").termination?.withdrawn == false)
    }

    @Test func lateWithdrawalDoesNotUndoATermination() throws {
        var log = concluded()
        log.add("termination.notified", effective: "2027-03-01", data: "{\"id\":\"n1\",\"kind\":\"breach\",\"by\":\"caf\",\"sent\":\"2027-03-01\"}")
        log.add("termination.withdrawn", effective: "2027-05-01", data: "{\"notice\":\"n1\",\"date\":\"2027-05-01\"}")
        #expect(try state(log, at: "2027-06-01").status == .terminated)
    }

    @Test func terminatedWinsOverExpired() throws {
        var log = concluded()
        log.add("termination.notified", effective: "2030-03-01", data: "{\"id\":\"n1\",\"kind\":\"breach\",\"by\":\"ville\",\"sent\":\"2030-03-01\"}")
        #expect(try state(log, at: "2031-02-01").status == .terminated)
    }

    @Test func changesThatCannotApplyBecomeWarnings() throws {
        // Hand-written logs may hold what `append` would refuse: the projection warns and goes on.
        let log = withAvenant(
            """
            [{"op":"abrogate","id":"fiche:inconnue"},{"op":"add","element":{"id":"article:10","kind":"article","title":"Doublon"}},{"op":"amend","id":"fiche:absente","title":"x"},{"op":"abrogate","id":"fiche:aller-vers"}]
            """)
        let s = try state(log, at: "2027-02-01")
        #expect(s.warnings.count == 3)
        #expect(s.warnings.allSatisfy { $0.seq == 3 })
        #expect(s.element("article:10")?.element.title == "Durée")
        #expect(s.element("fiche:aller-vers") == nil)
    }

    @Test func avenantsApplyInOrderOfEffectThenSeq() throws {
        var log = concluded()
        // Recorded second but effective first: it must apply first.
        log.add(
            "avenant.concluded", effective: "2028-01-01",
            data:
                "{\"number\":2,\"title\":\"n° 2\",\"effective_from\":\"2028-01-01\",\"changes\":[{\"op\":\"amend\",\"id\":\"fiche:nouvelle\",\"title\":\"Nouvelle (complétée)\"}]}"
        )
        log.add(
            "avenant.concluded", effective: "2027-01-01",
            data:
                "{\"number\":1,\"title\":\"n° 1\",\"effective_from\":\"2027-01-01\",\"changes\":[{\"op\":\"add\",\"element\":{\"id\":\"fiche:nouvelle\",\"kind\":\"fiche\",\"title\":\"Nouvelle\"}}]}"
        )
        log.sign("avenant:1", on: "2026-12-01")
        log.sign("avenant:2", on: "2026-12-01")
        let s = try state(log, at: "2028-06-01")
        #expect(s.warnings.isEmpty)
        #expect(s.element("fiche:nouvelle")?.element.title == "Nouvelle (complétée)")
        #expect(s.element("fiche:nouvelle")?.introducedBy == .avenant(1))
        #expect(s.element("fiche:nouvelle")?.changedBy == .avenant(2))
    }

    @Test func partyAddedByAnAvenantMustSignIt() throws {
        var log = concluded()
        log.add(
            "avenant.concluded", effective: "2027-01-01",
            data:
                "{\"number\":1,\"title\":\"Adhésion\",\"effective_from\":\"2027-01-01\",\"changes\":[{\"op\":\"add-party\",\"party\":{\"id\":\"dep\",\"name\":\"Département\",\"kind\":\"departement\"}}]}"
        )
        log.sign("avenant:1", on: "2026-12-01")
        #expect(try state(log, at: "2027-02-01").avenants.first?.concluded == false)
        log.sign("avenant:1", on: "2026-12-03", parties: "[\"dep\"]")
        let s = try state(log, at: "2027-02-01")
        #expect(s.avenants.first?.concluded == true)
        #expect(s.avenants.first?.concludedOn == CivilDate("2026-12-03"))
        #expect(s.parties.map(\.id) == ["caf", "ville", "dep"])
    }

    @Test func theSpecExampleReadsAsSection9Says() throws {
        let ledger = try Ledger.read(path: Fixtures.path("example-unsealed.jsonl"))
        let id = "ctg-plateau-2026"
        let june = ledger.state(of: id, at: CivilDate("2026-06-01")!)
        #expect(june.status == .inForce)
        #expect(june.elements.map(\.element.id) == ["article:10", "fiche:aller-vers"])
        let january = ledger.state(of: id, at: CivilDate("2027-01-01")!)
        #expect(january.elements.map(\.element.id) == ["article:10", "fiche:observatoire"])
        #expect(january.abrogated.map(\.id) == ["fiche:aller-vers"])
        #expect(january.element("article:10")?.changedBy == .avenant(1))
        #expect(ledger.state(of: id, at: CivilDate("2029-08-28")!).status == .inForce)
        let ended = ledger.state(of: id, at: CivilDate("2029-08-29")!)
        #expect(ended.status == .terminated)
        #expect(ended.termination?.lastDayInForce == CivilDate("2029-08-28"))
    }

    @Test func replayIsDeterministic() throws {
        let ledger = try Ledger.read(path: Fixtures.path("example-unsealed.jsonl"))
        var date = CivilDate("2025-11-01")!
        while date < CivilDate("2031-01-01")! {
            let a = ledger.state(of: "ctg-plateau-2026", at: date)
            let b = ledger.state(of: "ctg-plateau-2026", at: date)
            #expect(a == b)
            #expect(JSONWriter.string(StateRenderer.json(a)) == JSONWriter.string(StateRenderer.json(b)))
            date = date.adding(days: 17)!
        }
    }
}
