/// Checks of a délibération's counts (CGCT).
enum DeliberationRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "votes.sum", check: votesAddUp)
    ]

    /// present + proxies = voting; for + against + abstentions = voting.
    static func votesAddUp(_ history: ConventionHistory) -> [Finding] {
        var findings: [Finding] = []
        for event in history.events {
            guard case .deliberationAdopted(let d) = event.payload else { continue }
            findings += votes(d, line: event.line, seq: event.seq)
        }
        return findings
    }

    /// The findings of `votesAddUp` for one délibération read at `line`.
    static func votes(_ d: DeliberationAdopted, line: Int, seq: Int) -> [Finding] {
        var findings: [Finding] = []
        if let m = d.members, let present = m.present, let proxies = m.proxies, let voting = m.voting, present + proxies != voting {
            findings.append(
                Finding(.warning, rule: "members.sum", line: line, seq: seq, member: "data.members",
                    "délibération \(d.number): present (\(present)) + proxies (\(proxies)) = \(present + proxies), but voting members are \(voting).",
                    citation: "CGCT L2121-20 (vote by proxy)"))
        }
        if let v = d.votes, let voting = d.members?.voting {
            let cast = (v.votesFor ?? 0) + (v.against ?? 0) + (v.abstain ?? 0)
            if v.votesFor != nil, cast != voting {
                findings.append(
                    Finding(.warning, rule: "votes.sum", line: line, seq: seq, member: "data.votes",
                        "délibération \(d.number): for (\(v.votesFor ?? 0)) + against (\(v.against ?? 0)) + abstentions (\(v.abstain ?? 0)) = \(cast), but voting members are \(voting).",
                        citation: "CGCT L2121-20"))
            }
        }
        return findings
    }
}

/// Checks of the convention's period.
enum DurationRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "duration.max", check: periodWithinLimit)
    ]

    /// The period ends at most on 31 December of the start year + 4.
    static func periodWithinLimit(_ history: ConventionHistory) -> [Finding] {
        guard let registration = history.registration else { return [] }
        return period(registration.data, line: registration.event.line, seq: registration.event.seq)
    }

    /// The findings of `periodWithinLimit` for a registration read at `line`.
    static func period(_ data: ConventionRegistered, line: Int, seq: Int) -> [Finding] {
        let limit = CivilDate(year: data.start.year + 4, month: 12, day: 31)!
        guard data.end > limit else { return [] }
        return [
            Finding(.warning, rule: "duration.max", line: line, seq: seq, member: "data.end",
                "the convention ends on \(data.end), after \(limit) (31 December of the start year + 4).",
                citation: "seed 004, art. 10")
        ]
    }
}
