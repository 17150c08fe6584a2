/// The status of a convention at a date (section 5.5).
public enum ConventionStatus: String, Sendable, CaseIterable {
    case none, draft, upcoming
    case inForce = "in-force"
    case expired, terminated

    /// The status in French, as the documents say it.
    public var french: String {
        switch self {
        case .none: return "inexistante à cette date"
        case .draft: return "non conclue (projet)"
        case .upcoming: return "conclue, pas encore en vigueur"
        case .inForce: return "en vigueur"
        case .expired: return "expirée"
        case .terminated: return "résiliée"
        }
    }
}

/// An element as it applies at a date, with where its content comes from.
public struct ElementState: Hashable, Sendable {
    /// The element's current content.
    public var element: Element
    /// The act that introduced it.
    public var introducedBy: ActReference
    /// The last act that replaced or completed it, if any.
    public var changedBy: ActReference?
    /// The date from which its current content applies.
    public var since: CivilDate
    /// The latest `action.progress` on or before the date, if any.
    public var progress: ActionProgress?
}

/// An element that no longer applies: abrogated by an act, or annulled by a court.
public struct AbrogatedElement: Hashable, Sendable {
    /// The element's id.
    public var id: String
    /// The element's last title, when known.
    public var title: String?
    /// The abrogating act, or `nil` for an annulment (`"by": "annulment"`).
    public var by: ActReference?
    /// The date from which it stopped applying (the annulment's date for annulments).
    public var on: CivilDate
    /// The reason given, if any.
    public var reason: String?
}

/// An avenant as seen at a date.
public struct AvenantSummary: Hashable, Sendable {
    /// Its number.
    public var number: Int
    /// Its title.
    public var title: String
    /// First day of effect.
    public var effectiveFrom: CivilDate
    /// Last day of effect, for temporary avenants.
    public var effectiveUntil: CivilDate?
    /// Every party that must sign has signed (as of K).
    public var concluded: Bool
    /// The last signature's date, when concluded.
    public var concludedOn: CivilDate?
    /// Its changes apply at the date (concluded, started, not lapsed).
    public var inEffect: Bool
}

/// A résiliation notice as seen at a date.
public struct TerminationSummary: Hashable, Sendable {
    /// The notice's id.
    public var id: String
    /// Its kind.
    public var kind: TerminationKind
    /// Who sent it.
    public var by: String
    /// When it was sent.
    public var sent: CivilDate
    /// The convention's last day in force under this notice.
    public var lastDayInForce: CivilDate
    /// Withdrawn on or before the date (and before the last day in force).
    public var withdrawn: Bool
}

/// A warning a projection reports instead of stopping (section 5.6).
public struct ProjectionWarning: Hashable, Sendable, CustomStringConvertible {
    /// The event concerned, if any.
    public var seq: Int?
    /// What could not apply, and why.
    public var message: String
    /// `seq N: message`.
    public var description: String { seq.map { "seq \($0): \(message)" } ?? message }
}

/// The state of one convention at a date D, as known at a time K (section 5).
public struct ConventionState: Hashable, Sendable {
    /// The convention's id.
    public var convention: String
    /// Its title, when registered.
    public var title: String?
    /// Its territory, when registered.
    public var territory: String?
    /// The date D.
    public var at: CivilDate
    /// The time K, or `nil` for "everything recorded".
    public var asOf: Timestamp?
    /// Status at D.
    public var status: ConventionStatus
    /// First day of the period.
    public var start: CivilDate?
    /// Last day of the period, extensions applied.
    public var end: CivilDate?
    /// The parties at D.
    public var parties: [Party]
    /// What applies at D, sorted by id.
    public var elements: [ElementState]
    /// What was abrogated on or before D, and every annulled element, sorted by id.
    public var abrogated: [AbrogatedElement]
    /// Avenants whose effect started on or before D.
    public var avenants: [AvenantSummary]
    /// The notice that decides the end, if any.
    public var termination: TerminationSummary?
    /// Date of the last signature of the initial convention, when concluded.
    public var concludedOn: CivilDate?
    /// What could not apply.
    public var warnings: [ProjectionWarning]
    /// The last `seq` of this convention's events taken into account.
    public var lastSeq: Int?
    /// The text is shown as drafted even though not concluded (`--draft`).
    public var showsDraft: Bool

    /// The element in force with this id, if any.
    public func element(_ id: String) -> ElementState? {
        elements.first { $0.element.id == id }
    }
}
