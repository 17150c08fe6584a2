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
            if let m = d.members, let present = m.present, let proxies = m.proxies, let voting = m.voting, present + proxies != voting {
                findings.append(
                    .warning(event, rule: "members.sum", member: "data.members",
                        "délibération \(d.number): present (\(present)) + proxies (\(proxies)) = \(present + proxies), but voting members are \(voting).",
                        citation: "CGCT L2121-20 (vote by proxy)"))
            }
            if let v = d.votes, let voting = d.members?.voting {
                let cast = (v.votesFor ?? 0) + (v.against ?? 0) + (v.abstain ?? 0)
                if v.votesFor != nil, cast != voting {
                    findings.append(
                        .warning(event, rule: "votes.sum", member: "data.votes",
                            "délibération \(d.number): for (\(v.votesFor ?? 0)) + against (\(v.against ?? 0)) + abstentions (\(v.abstain ?? 0)) = \(cast), but voting members are \(voting).",
                            citation: "CGCT L2121-20"))
                }
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
        let data = registration.data
        let limit = CivilDate(year: data.start.year + 4, month: 12, day: 31)!
        guard data.end > limit else { return [] }
        return [
            .warning(registration.event, rule: "duration.max", member: "data.end",
                "the convention ends on \(data.end), after \(limit) (31 December of the start year + 4).",
                citation: "seed 004, art. 10")
        ]
    }
}
