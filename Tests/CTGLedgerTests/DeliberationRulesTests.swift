import Testing

@testable import CTGLedger

@Suite struct DeliberationRulesTests {
    @Test(arguments: [
        (#"{"in_office":40,"present":30,"proxies":5,"voting":35}"#, 0),
        (#"{"in_office":40,"present":30,"proxies":5,"voting":36}"#, 1),
    ])
    func membersAddUp(members: String, expected: Int) throws {
        var log = TestLog()
        log.deliberation(members: members, votes: nil)
        let warnings = try log.warnings("members.sum")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.seq == 2 && $0.line == 2 && $0.citation?.contains("L2121-20") == true })
    }

    @Test(arguments: [
        (#"{"for":35,"against":0,"abstain":0}"#, 0),
        (#"{"for":30,"against":2,"abstain":1}"#, 1),
    ])
    func votesAddUp(votes: String, expected: Int) throws {
        var log = TestLog()
        log.deliberation(votes: votes)
        #expect(try log.warnings("votes.sum").count == expected)
    }

    @Test(arguments: [(21, 0), (20, 1), (5, 1)])
    func quorumIsMoreThanHalfInOffice(present: Int, expected: Int) throws {
        var log = TestLog()
        log.deliberation(members: #"{"in_office":40,"present":\#(present),"proxies":0,"voting":\#(present)}"#, votes: nil)
        let warnings = try log.warnings("quorum")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.citation == "CGCT L2121-17 al. 1" && $0.member == "data.members.present" })
    }

    /// Sessions on 2025-12-15; a convocation on 12-09 leaves 5 clear days (10 to 14).
    @Test(arguments: [
        ("commune", "5000", "2025-12-09", 0),  // 5 clear days, L2121-12
        ("commune", "5000", "2025-12-10", 1),  // 4 clear days < 5
        ("commune", "2000", "2025-12-11", 0),  // 3 clear days, L2121-11
        ("commune", "2000", "2025-12-12", 1),  // 2 < 3
        ("commune", "null", "2025-12-11", 0),  // population unknown: 3 at least
        ("commune", "null", "2025-12-12", 1),
        ("epci", "50000", "2025-12-11", 0),  // EPCI: 3 at least (5 if a member commune ≥ 3 500, unknown)
        ("epci", "50000", "2025-12-13", 1),
        ("commune", "5000", "2025-12-15", 1),  // not before the session
        ("commune", "5000", "2025-12-20", 1),
    ])
    func convocationDelay(kind: String, population: String, convocation: String, expected: Int) throws {
        let parties = #"[{"id":"caf","name":"Caf","kind":"caf"},{"id":"cc","name":"Partie","kind":"\#(kind)","siren":"200066405","population":\#(population)}]"#
        var log = TestLog(parties: parties)
        log.deliberation(convocation: convocation)
        let warnings = try log.warnings("convocation.delay")
        #expect(warnings.count == expected)
        #expect(warnings.allSatisfy { $0.citation?.hasPrefix("CGCT") == true })
    }

    @Test func convocationOfTheCafIsNotChecked() throws {
        var log = TestLog()
        log.deliberation(party: "caf", convocation: "2025-12-14")
        #expect(try log.warnings("convocation.delay").isEmpty)
    }

    @Test func realTranscriptsHaveSoundCounts() throws {
        for name in ["coeur-de-chartreuse-2022.jsonl", "bievre-isere-2022.jsonl", "roumois-seine-2022.jsonl"] {
            let report = try VerifyReport.make(path: TestLog.transcript(name))
            let rules: Set<String> = ["members.sum", "votes.sum", "quorum", "convocation.delay"]
            #expect(report.findings.filter { rules.contains($0.rule) }.isEmpty, "\(name)")
        }
    }
}
