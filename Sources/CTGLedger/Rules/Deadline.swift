/// One date a convention makes due: its end, a notice's last day, a follow-up meeting,
/// the end of a temporary avenant, the échéance of an action.
public struct Deadline: Hashable, Sendable {
    /// What falls due.
    public enum Kind: String, CaseIterable, Sendable {
        /// The last day of the period (seed 004, art. 10).
        case end
        /// The last day in force under a pending résiliation notice (art. 12).
        case termination
        /// The last day to send a dénonciation that ends the convention by its end (art. 12, CPC 641).
        case denunciationLatest = "denunciation-latest"
        /// The last day of effect of a temporary avenant.
        case avenantEnd = "avenant-end"
        /// An annual point d'étape (art. 9).
        case pointEtape = "point-etape"
        /// The mid-term bilan intermédiaire (art. 9).
        case bilanIntermediaire = "bilan-intermediaire"
        /// The bilan final at the end of the period (art. 9).
        case bilanFinal = "bilan-final"
        /// The échéance of a fiche action or an action (annexe 3).
        case echeance

        /// French name for people and calendar categories.
        public var frenchName: String {
            switch self {
            case .end: return "fin de la convention"
            case .termination: return "résiliation"
            case .denunciationLatest: return "dénonciation"
            case .avenantEnd: return "fin d'un avenant temporaire"
            case .pointEtape: return "point d'étape"
            case .bilanIntermediaire: return "bilan intermédiaire"
            case .bilanFinal: return "bilan final"
            case .echeance: return "échéance d'action"
            }
        }
    }

    /// What falls due.
    public var kind: Kind
    /// The day, or `nil` for an échéance that names no certain day (« échéance non datée »).
    public var date: CivilDate?
    /// What it is about, stable across runs: element id, `avenant:N`, notice id, `annee-N`; `nil` when the kind is enough.
    public var key: String?
    /// One line in French, e.g. « fin de la convention ».
    public var title: String
    /// How the date was computed, in French.
    public var detail: String?
    /// The clause or code article the date comes from.
    public var citation: String
    /// The échéance as written, for échéances.
    public var echeance: String?
    /// The latest `action.progress` on or before the query date, for échéances.
    public var progress: ActionProgress?
    /// Past due and neither done nor dropped (échéances).
    public var overdue: Bool = false
    /// The date a matching `review.held` was held, for follow-up meetings.
    public var held: CivilDate?

    /// Why the day is not a working day (« samedi », « jour férié : Noël »…), `nil` for a working day or no date.
    public var nonWorkingReason: String? {
        guard let date, let reason = WorkingDays.nonWorkingReason(date) else { return nil }
        let weekday = date.isoWeekday >= 6 ? (date.isoWeekday == 6 ? "samedi" : "dimanche") : nil
        guard let holiday = FrenchHolidays.name(of: date) else { return reason }
        return [weekday, "jour férié : \(holiday)"].compactMap { $0 }.joined(separator: ", ")
    }

    /// The first working day after a non-working day (CPC art. 642 al. 2: information, not applied).
    public var nextWorkingDay: CivilDate? {
        guard let date, !WorkingDays.isWorkingDay(date) else { return nil }
        return WorkingDays.nextWorkingDay(onOrAfter: date)
    }

    /// A calendar UID that depends only on the convention, the kind and the key, never on the clock.
    public func uid(convention: String) -> String {
        "\(convention)/\(kind.rawValue)" + (key.map { "/" + $0 } ?? "") + "@ctg-ledger"
    }
}
