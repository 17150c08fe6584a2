/// Checks of the convention's period (seed 004, art. 10).
enum DurationRules {
    static let all: [DomainRules.Rule] = [
        DomainRules.Rule(name: "duration.max", run: { periodWithinLimit($0.history) }),
        DomainRules.Rule(name: "duration.extend", run: { extensionWithinLimit($0.history) }),
    ]

    /// The last day the model convention allows: 31 December of the start year + 4.
    static func limit(start: CivilDate) -> CivilDate {
        CivilDate(year: min(start.year + 4, 9999), month: 12, day: 31)!
    }

    /// The period ends at most on 31 December of the start year + 4.
    static func periodWithinLimit(_ history: ConventionHistory) -> [Finding] {
        guard let registration = history.registration else { return [] }
        let data = registration.data
        let limit = limit(start: data.start)
        guard data.end > limit else { return [] }
        return [
            .warning(
                registration.event, rule: "duration.max", member: "data.end",
                "the convention ends on \(data.end), after \(limit) (31 December of the start year + 4).",
                citation: "seed 004, art. 10")
        ]
    }

    /// An avenant's `extend` does not carry the end past that limit: beyond it, only an express
    /// renewal (a new convention, deliberated and signed) can continue the partnership.
    static func extensionWithinLimit(_ history: ConventionHistory) -> [Finding] {
        guard let start = history.registration?.data.start else { return [] }
        let limit = limit(start: start)
        var findings: [Finding] = []
        for record in history.avenants {
            for (index, change) in record.avenant.changes.enumerated() {
                guard case .extend(let end) = change, end > limit else { continue }
                findings.append(
                    .warning(
                        record.event, rule: "duration.extend", member: "data.changes[\(index)].end",
                        "avenant n° \(record.avenant.number) extends the convention to \(end), beyond \(limit) (31 December of the start year + 4); the convention can only be renewed by express renewal, not prolonged past that date by an avenant.",
                        citation: "seed 004, art. 10"))
            }
        }
        return findings
    }
}
