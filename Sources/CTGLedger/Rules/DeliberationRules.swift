/// Checks of a délibération: its counts, its quorum and its convocation (CGCT).
enum DeliberationRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "members.sum", run: membersAddUp),
        DomainRules.Rule(name: "votes.sum", run: votesAddUp),
        DomainRules.Rule(name: "quorum", run: quorum),
        DomainRules.Rule(name: "convocation.delay", run: convocationDelay),
    ]

    /// Members present + proxies = voting members.
    static func membersAddUp(_ history: ConventionHistory) -> [Finding] { membersAddUp(RuleContext(history)) }

    static func membersAddUp(_ context: RuleContext) -> [Finding] {
        context.deliberationWarnings(rule: "members.sum", member: "data.members", citation: "CGCT L2121-20 (vote by proxy)") { d in
            guard let m = d.members, let present = m.present, let proxies = m.proxies, let voting = m.voting, present + proxies != voting else { return nil }
            return "délibération \(d.number): present (\(present)) + proxies (\(proxies)) = \(present + proxies), but voting members are \(voting)."
        }
    }

    /// For + against + abstentions = voting members.
    static func votesAddUp(_ history: ConventionHistory) -> [Finding] { votesAddUp(RuleContext(history)) }

    static func votesAddUp(_ context: RuleContext) -> [Finding] {
        context.deliberationWarnings(rule: "votes.sum", member: "data.votes", citation: "CGCT L2121-20") { d in
            guard let v = d.votes, v.votesFor != nil, let voting = d.members?.voting else { return nil }
            let cast = (v.votesFor ?? 0) + (v.against ?? 0) + (v.abstain ?? 0)
            guard cast != voting else { return nil }
            return
                "délibération \(d.number): for (\(v.votesFor ?? 0)) + against (\(v.against ?? 0)) + abstentions (\(v.abstain ?? 0)) = \(cast), but voting members are \(voting)."
        }
    }

    /// More than half the members in office are present (proxies do not count).
    static func quorum(_ history: ConventionHistory) -> [Finding] { quorum(RuleContext(history)) }

    static func quorum(_ context: RuleContext) -> [Finding] {
        context.deliberationWarnings(rule: "quorum", member: "data.members.present", citation: "CGCT L2121-17 al. 1") { d in
            guard let members = d.members, let inOffice = members.inOffice, let present = members.present, inOffice > 0, present * 2 <= inOffice else {
                return nil
            }
            return
                "délibération \(d.number): \(present) members present out of \(inOffice) in office; the council deliberates validly only when more than half (at least \(inOffice / 2 + 1)) are present, proxies not counted, unless this is the session convened again at least three days after a session without quorum (L2121-17 al. 2)."
        }
    }

    /// The convocation was sent enough clear days (jours francs) before the session.
    ///
    /// Clear days exclude both the day the convocation is sent and the day of the session.
    /// A commune of 3 500 inhabitants or more: 5 clear days (L2121-12 al. 3); a smaller commune:
    /// 3 (L2121-11). An EPCI follows the rule of communes of 3 500 or more when one of its member
    /// communes has that many (L5211-1), which the log cannot tell: for an EPCI, and for a commune
    /// whose population is not recorded, only the 3 clear days that both rules require are checked.
    /// Urgency (at least 1 clear day, the council then deciding on the urgency) cannot be seen in the log:
    /// the message says so. Other bodies (Caf, Département, MSA) are not checked.
    static func convocationDelay(_ history: ConventionHistory) -> [Finding] { convocationDelay(RuleContext(history)) }

    static func convocationDelay(_ context: RuleContext) -> [Finding] {
        let deliberations = context.deliberations
        return deliberations.indices.compactMap { position in
            guard let convocation = deliberations[position].deliberation.convocation else { return nil }
            let session = deliberations[position].deliberation.session
            if convocation >= session {
                let (index, d) = deliberations[position]
                return .warning(
                    context.event(at: index), rule: "convocation.delay", member: "data.convocation",
                    "délibération \(d.number): the convocation (\(convocation)) is not before the session (\(d.session)).",
                    citation: "CGCT L2121-10 to L2121-12")
            }
            guard let party = context.partyPositions[deliberations[position].deliberation.party] else { return nil }
            let kind = context.knownParties[party].kind
            guard kind == .commune || kind == .epci else { return nil }
            let population = context.knownParties[party].population
            let clear = convocation.days(to: session) - 1
            // The messages are written only for a finding.
            let required = kind == .commune && (population ?? 0) >= 3500 ? 5 : 3
            guard clear < required else { return nil }
            let (index, d) = deliberations[position]
            let citation: String
            let basis: String
            switch (kind, population) {
            case (.commune, let population?) where population >= 3500:
                (citation, basis) = ("CGCT L2121-12 al. 3", "a commune of 3 500 inhabitants or more (\(population))")
            case (.commune, let population?):
                (citation, basis) = ("CGCT L2121-11", "a commune of fewer than 3 500 inhabitants (\(population))")
            case (.commune, nil):
                (citation, basis) = (
                    "CGCT L2121-11 and L2121-12", "a commune whose population is not recorded (3 clear days at least, 5 if it has 3 500 inhabitants or more)"
                )
            default:
                (citation, basis) = (
                    "CGCT L5211-1, L2121-11 and L2121-12", "an EPCI (3 clear days at least, 5 if a member commune has 3 500 inhabitants or more)"
                )
            }
            return .warning(
                context.event(at: index), rule: "convocation.delay", member: "data.convocation",
                "délibération \(d.number): convocation on \(convocation), session on \(d.session): \(clear) clear day\(clear == 1 ? "" : "s") between them; \(basis) requires \(required), unless urgency was declared (at least 1 clear day, the council then deciding on the urgency).",
                citation: citation)
        }
    }
}
