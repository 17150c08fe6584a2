/// The domain checks `ctg verify` reports as warnings (errors with `--strict`).
///
/// Each rule reads one convention's history and returns findings that cite
/// their source (a clause of the model convention, seed 004, or a code article).
public enum DomainRules {
    /// One rule: a name and a check over a convention's events (corrections applied).
    public struct Rule: Sendable {
        /// Short rule name, e.g. `votes.sum`.
        public var name: String
        /// The check.
        public var check: @Sendable (ConventionHistory) -> [Finding]
    }

    /// Every rule, in the order findings are listed.
    public static let all: [Rule] =
        DeliberationRules.all + DurationRules.all + IdentifierRules.all + ChronologyRules.all + OfferRules.all

    /// Runs every rule over every convention of a ledger.
    public static func findings(_ ledger: Ledger) -> [Finding] {
        findings(ledger.histories(), file: ledger.path)
    }

    /// Runs every rule over each history, in order; findings without a file get `file`.
    static func findings(_ histories: [ConventionHistory], file: String) -> [Finding] {
        var result: [Finding] = []
        for history in histories {
            for rule in all { result += rule.check(history) }
        }
        return result.map { finding in
            var f = finding
            f.file = f.file ?? file
            return f
        }
    }
}

/// Helpers for writing rules.
extension Finding {
    /// A warning about an event.
    static func warning(_ event: Event, rule: String, member: String? = nil, _ message: String, citation: String) -> Finding {
        Finding(.warning, rule: rule, line: event.line, seq: event.seq, member: member, message, citation: citation)
    }
}
