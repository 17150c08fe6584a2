/// The dates a convention makes due from a date D: pure functions over a convention's history.
///
/// See docs/RULES.md for how each kind is computed and which clause it comes from.
public enum Deadlines {
    /// Everything `ctg deadlines` shows for one convention.
    public struct Schedule: Sendable {
        /// The convention's id.
        public var convention: String
        /// Its title and territory, when registered.
        public var title: String?
        /// Its territory, when registered.
        public var territory: String?
        /// The date D.
        public var at: CivilDate
        /// The last date listed, if bounded.
        public var until: CivilDate?
        /// Status at D.
        public var status: ConventionStatus
        /// First day of the period.
        public var start: CivilDate?
        /// Last day of the period, every recorded extension applied.
        public var end: CivilDate?
        /// Dated deadlines, in date order, then undated échéances.
        public var deadlines: [Deadline]
        /// Fiches action and actions in force that give no échéance at all.
        public var withoutEcheance: [String]
    }

    /// The deadlines of a convention from `date` on (on or after D; échéances also when past due and not done),
    /// up to `until` when given. Dated ones come first in date order, then the undated échéances.
    ///
    /// An unconcluded convention is read as drafted. A convention expired or terminated at D makes nothing due.
    public static func compute(_ history: ConventionHistory, at date: CivilDate, until: CivilDate? = nil) -> [Deadline] {
        schedule(history, at: date, until: until).deadlines
    }

    /// `compute` with the header facts and the fiches without échéance.
    public static func schedule(_ history: ConventionHistory, at date: CivilDate, until: CivilDate? = nil) -> Schedule {
        var schedule = Schedule(
            convention: history.convention, title: history.registration?.data.title, territory: history.registration?.data.territory,
            at: date, until: until, status: .none, start: nil, end: nil, deadlines: [], withoutEcheance: [])
        guard let registration = history.registration else { return schedule }
        let draft = !history.conventionConcluded
        let state = Projection.state(history, at: max(date, registration.event.effective), showDraft: true)
        schedule.status = date < registration.event.effective ? .none : state.status
        guard let start = state.start, let currentEnd = state.end else { return schedule }
        let end = finalEnd(history, from: currentEnd, draft: draft)
        schedule.start = start
        schedule.end = end
        guard state.status != .expired, state.status != .terminated else { return schedule }

        var found: [Deadline] = []
        let notices = pendingNotices(history, from: date)
        found += notices
        let effectiveEnd = min(end, notices.compactMap(\.date).min() ?? end)
        if effectiveEnd == end {
            found.append(
                Deadline(
                    kind: .end, date: end, key: nil, title: "fin de la convention (dernier jour en vigueur)",
                    detail: end == registration.data.end
                        ? "date de fin du texte" : "date de fin prolongée par avenant (texte initial : \(FrenchText.date(registration.data.end)))",
                    citation: "seed 004, art. 10"))
            if let send = latestNotice(months: 6, endingBy: end) {
                var detail =
                    "préavis de 6 mois : une dénonciation envoyée ce jour expire le \(FrenchText.date(send.adding(months: 6) ?? send)) ; envoyée le lendemain, elle expirerait après le \(FrenchText.date(end))"
                if !WorkingDays.isWorkingDay(send) {
                    var before = send.previous
                    while !WorkingDays.isWorkingDay(before) { before = before.previous }
                    detail +=
                        " ; ce jour n'est pas ouvré et l'art. 642 al. 2 ne reporte pas un jour d'envoi : dernier jour ouvré avant, le \(FrenchText.date(before))"
                }
                found.append(
                    Deadline(
                        kind: .denunciationLatest, date: send, key: nil,
                        title: "dernier jour pour envoyer une dénonciation prenant effet avant la fin de la convention",
                        detail: detail, citation: "seed 004, art. 12 ; CPC art. 641"))
            }
        }
        found += temporaryAvenants(history, draft: draft)
        found += reviews(history, start: start, end: end, lastDay: effectiveEnd)
        let (echeances, without) = echeances(state, at: date)
        found += echeances
        schedule.withoutEcheance = without

        let order = Dictionary(uniqueKeysWithValues: Deadline.Kind.allCases.enumerated().map { ($1, $0) })
        let dated = found.filter { deadline in
            guard let day = deadline.date else { return false }
            return (day >= date || deadline.overdue) && (until.map { day <= $0 } ?? true)
        }.sorted { ($0.date!, order[$0.kind]!, $0.key ?? "") < ($1.date!, order[$1.kind]!, $1.key ?? "") }
        let undated = found.filter { $0.date == nil }.sorted { ($0.key ?? "") < ($1.key ?? "") }
        schedule.deadlines = dated + undated
        return schedule
    }

    /// The end once every recorded extension applies, including avenants taking effect after D.
    static func finalEnd(_ history: ConventionHistory, from end: CivilDate, draft: Bool) -> CivilDate {
        var current = end
        for _ in 0..<32 {
            guard let next = ContentFold(history, at: current, includeUnconcluded: draft).end, next != current else { break }
            current = next
        }
        return current
    }

    /// The latest day S such that S + `months` months (CPC art. 641) is on or before `end`.
    ///
    /// Month ends matter: for an end on 31 December and 6 months, S is 30 June (30 June + 6 months =
    /// 30 December; 1 July + 6 months = 1 January). For an end on 28 February, S is 31 August.
    public static func latestNotice(months: Int, endingBy end: CivilDate) -> CivilDate? {
        guard var send = end.adding(months: -months) else { return nil }
        while let next = send.adding(days: 1), let expiry = next.adding(months: months), expiry <= end { send = next }
        while let expiry = send.adding(months: months), expiry > end {
            guard let previous = send.adding(days: -1) else { return nil }
            send = previous
        }
        return send
    }

    /// Notices not withdrawn in time whose last day in force is on or after D.
    static func pendingNotices(_ history: ConventionHistory, from date: CivilDate) -> [Deadline] {
        var withdrawals: [String: CivilDate] = [:]
        for event in history.events {
            if case .terminationWithdrawn(let w) = event.payload { withdrawals[w.notice] = min(withdrawals[w.notice] ?? w.date, w.date) }
        }
        return history.events.compactMap { event in
            guard case .terminationNotified(let notice) = event.payload else { return nil }
            let last = notice.lastDayInForce
            guard last >= date, !(withdrawals[notice.id].map { $0 <= last } ?? false) else { return nil }
            let how = notice.endsOn != nil ? "date de fin indiquée dans l'avis" : delay(notice.kind)
            return Deadline(
                kind: .termination, date: last, key: notice.id,
                title: "dernier jour en vigueur : \(notice.kind.frenchName) envoyée par \(notice.by) le \(FrenchText.date(notice.sent))",
                detail: "\(how) ; la convention est résiliée à partir du \(FrenchText.date(last.next))",
                citation: "seed 004, art. 12 ; CPC art. 641 et 642")
        }
    }

    private static func delay(_ kind: TerminationKind) -> String {
        switch kind {
        case .breach, .law: return "mise en demeure restée infructueuse : un mois après l'envoi"
        case .denunciation: return "délai de prévenance de 6 mois après l'envoi"
        case .unamendedChange: return "résiliation immédiate, sans mise en demeure"
        case .mutual: return "date convenue"
        }
    }

    /// The last day of effect of each temporary avenant (concluded, or any for a draft).
    static func temporaryAvenants(_ history: ConventionHistory, draft: Bool) -> [Deadline] {
        history.orderedAvenants.compactMap { record in
            guard let until = record.avenant.effectiveUntil, record.concluded || draft else { return nil }
            return Deadline(
                kind: .avenantEnd, date: until, key: ActReference.avenant(record.avenant.number).description,
                title: "fin d'effet de l'avenant n° \(record.avenant.number) (avenant temporaire)",
                detail: "à partir du \(FrenchText.date(until.next)), les stipulations qu'il a modifiées reviennent à leur rédaction antérieure",
                citation: "avenant n° \(record.avenant.number), effective_until (EVENTS.md §5.3)")
        }
    }

    /// The follow-up of art. 9: a point d'étape by the end of each year of the period but the last,
    /// a bilan intermédiaire in the middle of the period from `start` to `end`, a bilan final on the
    /// last day in force (`lastDay`, earlier than `end` under a pending notice); nothing after `lastDay`.
    static func reviews(_ history: ConventionHistory, start: CivilDate, end: CivilDate, lastDay: CivilDate) -> [Deadline] {
        let held = history.events.compactMap { event -> ReviewHeld? in
            if case .reviewHeld(let review) = event.payload { return review }
            return nil
        }
        func firstHeld(_ kind: ReviewKind, from: CivilDate? = nil, through: CivilDate? = nil) -> CivilDate? {
            held.filter { review in
                review.kind == kind && (from.map { review.date >= $0 } ?? true) && (through.map { review.date <= $0 } ?? true)
            }.map(\.date).min()
        }
        var result: [Deadline] = []
        var year = 1
        while let yearStart = start.adding(months: 12 * (year - 1)), let yearEnd = start.adding(months: 12 * year)?.previous, yearEnd < lastDay {
            result.append(
                Deadline(
                    kind: .pointEtape, date: yearEnd, key: "annee-\(year)",
                    title: "point d'étape annuel (année \(year) de la convention)",
                    detail:
                        "à tenir en comité de pilotage au plus tard le dernier jour de l'année \(year), du \(FrenchText.date(yearStart)) au \(FrenchText.date(yearEnd))",
                    citation: "seed 004, art. 9", held: firstHeld(.pointEtape, from: yearStart, through: yearEnd)))
            year += 1
        }
        let middle = start.adding(days: start.days(to: end) / 2) ?? start
        if middle <= lastDay {
            result.append(
                Deadline(
                    kind: .bilanIntermediaire, date: middle, key: nil, title: "bilan intermédiaire (mi-parcours)",
                    detail: "milieu de la période du \(FrenchText.date(start)) au \(FrenchText.date(end))",
                    citation: "seed 004, art. 9", held: firstHeld(.bilanIntermediaire)))
        }
        result.append(
            Deadline(
                kind: .bilanFinal, date: lastDay, key: nil, title: "bilan final (fin de période, préparation du renouvellement)",
                detail: "au plus tard le dernier jour en vigueur", citation: "seed 004, art. 9", held: firstHeld(.bilanFinal)))
        return result
    }

    /// The échéance of each fiche action and action in force at D, and the ids of those without one.
    static func echeances(_ state: ConventionState, at date: CivilDate) -> ([Deadline], [String]) {
        var deadlines: [Deadline] = []
        var without: [String] = []
        for item in state.elements where item.element.kind == .fiche || item.element.kind == .action {
            let element = item.element
            guard let text = element.field("echeance") else {
                without.append(element.id)
                continue
            }
            let day = EcheanceParser.lastDay(text)
            let status = item.progress?.status
            let finished = status == .done || status == .dropped
            let noun = element.kind == .fiche ? "la fiche action" : "l'action"
            deadlines.append(
                Deadline(
                    kind: .echeance, date: day, key: element.id, title: "échéance de \(noun) « \(element.title) »",
                    detail: "échéance écrite « \(text) »" + (day.map { ", lue comme le \(FrenchText.date($0))" } ?? " : échéance non datée"),
                    citation: "plan d'actions (annexe 3), \(element.id)", echeance: text, progress: item.progress,
                    overdue: day.map { $0 < date && !finished } ?? false))
        }
        return (deadlines, without)
    }
}
