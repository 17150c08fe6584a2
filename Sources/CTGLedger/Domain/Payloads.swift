/// `convention.registered`: the initial text is settled.
public struct ConventionRegistered: Hashable, Sendable {
    /// Its title as printed.
    public var title: String
    /// Its kind.
    public var kind: String
    /// The territory it covers.
    public var territory: String
    /// The parties.
    public var parties: [Party]
    /// First day of the period.
    public var start: CivilDate
    /// Last day of the period.
    public var end: CivilDate
    /// The initial text, element by element.
    public var elements: [Element]
}

/// A council's vote counts: members in office, present, proxies, voting.
public struct MemberCounts: Hashable, Sendable {
    /// Members in office (en exercice).
    public var inOffice: Int?
    /// Members present (présents).
    public var present: Int?
    /// Proxies given (pouvoirs).
    public var proxies: Int?
    /// Members voting (votants).
    public var voting: Int?
}

/// Votes cast: for, against, abstentions.
public struct VoteCounts: Hashable, Sendable {
    /// Votes for (pour).
    public var votesFor: Int?
    /// Votes against (contre).
    public var against: Int?
    /// Abstentions.
    public var abstain: Int?
}

/// `deliberation.adopted`: a council authorised (or approved) an act.
public struct DeliberationAdopted: Hashable, Sendable {
    /// Its id.
    public var id: String
    /// The party whose council voted.
    public var party: String
    /// The council, e.g. « conseil municipal ».
    public var body: String
    /// Its number as printed.
    public var number: String
    /// The session date.
    public var session: CivilDate
    /// The date the council was convened.
    public var convocation: CivilDate?
    /// Member counts as printed.
    public var members: MemberCounts?
    /// Votes as printed.
    public var votes: VoteCounts?
    /// Adopted unanimously, when the document says so.
    public var unanimous: Bool?
    /// The act it concerns.
    public var act: TransmittedAct
    /// What it decides, clause by clause.
    public var decisions: [String]
}

/// `act.transmitted`: an act sent to the préfecture (contrôle de légalité).
public struct ActTransmitted: Hashable, Sendable {
    /// The act it concerns.
    public var act: TransmittedAct
    /// The @ctes identifier, e.g. `038-213802812-20251124-DELIB2025_052-DE`.
    public var actesID: String?
    /// Date sent.
    public var sent: CivilDate
    /// Date received by the préfecture.
    public var received: CivilDate?
    /// Date published (affiché).
    public var published: CivilDate?
}

/// One person who signed for a party.
public struct Signatory: Hashable, Sendable {
    /// The person's name.
    public var name: String
    /// The person's role.
    public var role: String?
    /// The party signed for.
    public var party: String?
}

/// `act.signed`: parties signed an act.
public struct ActSigned: Hashable, Sendable {
    /// The act it concerns.
    public var act: ActReference
    /// The parties.
    public var parties: [String]
    /// The date.
    public var date: CivilDate
    /// Where it was signed.
    public var place: String?
    /// The people who signed.
    public var signatories: [Signatory]
}

/// `avenant.concluded`: an avenant's text and effect dates.
public struct AvenantConcluded: Hashable, Sendable {
    /// Its number as printed.
    public var number: Int
    /// Its title as printed.
    public var title: String
    /// First day of effect.
    public var effectiveFrom: CivilDate
    /// Last day of effect, for a temporary avenant.
    public var effectiveUntil: CivilDate?
    /// Its changes, in order.
    public var changes: [Change]
}

/// The kinds of résiliation (seed 004, art. 12) plus mutual agreement.
public enum TerminationKind: String, CaseIterable, Sendable {
    case breach, law
    case unamendedChange = "unamended-change"
    case denunciation, mutual

    /// French name for people.
    public var frenchName: String {
        switch self {
        case .breach: return "résiliation pour manquement (mise en demeure)"
        case .law: return "résiliation pour infraction aux lois"
        case .unamendedChange: return "résiliation pour modification sans avenant"
        case .denunciation: return "dénonciation"
        case .mutual: return "résiliation d'un commun accord"
        }
    }
}

/// `termination.notified`: a notice ending the convention.
public struct TerminationNotified: Hashable, Sendable {
    /// Its id.
    public var id: String
    /// Its kind.
    public var kind: TerminationKind
    /// The party that sent it.
    public var by: String
    /// Date sent.
    public var sent: CivilDate
    /// Explicit last day in force, when given.
    public var endsOn: CivilDate?

    /// The last day in force: an explicit `ends_on`, else from the kind (CPC 641).
    public var lastDayInForce: CivilDate {
        if let endsOn { return endsOn }
        switch kind {
        case .breach, .law: return sent.adding(months: 1) ?? sent
        case .denunciation: return sent.adding(months: 6) ?? sent
        case .unamendedChange, .mutual: return sent
        }
    }
}

/// `termination.withdrawn`: a notice is withdrawn (e.g. the breach was remedied).
public struct TerminationWithdrawn: Hashable, Sendable {
    /// The withdrawn notice's id.
    public var notice: String
    /// The date.
    public var date: CivilDate
    /// The reason given.
    public var reason: String?
}

/// `stipulation.annulled`: a court declared a stipulation null (réputée non écrite).
public struct StipulationAnnulled: Hashable, Sendable {
    /// The element concerned.
    public var element: String
    /// The court.
    public var court: String?
    /// The decision's reference.
    public var reference: String?
    /// The date.
    public var date: CivilDate
}

/// `event.corrected`: the full replacement `data` of an earlier event.
public struct EventCorrected: Hashable, Sendable {
    /// The corrected event's id.
    public var target: String
    /// The reason given.
    public var reason: String
    /// The full replacement `data`.
    public var data: JSONValue
}

/// The kinds of follow-up meeting (art. 9).
public enum ReviewKind: String, CaseIterable, Sendable {
    case copil
    case pointEtape = "point-etape"
    case bilanIntermediaire = "bilan-intermediaire"
    case bilanFinal = "bilan-final"

    /// French name for people.
    public var frenchName: String {
        switch self {
        case .copil: return "comité de pilotage"
        case .pointEtape: return "point d'étape"
        case .bilanIntermediaire: return "bilan intermédiaire"
        case .bilanFinal: return "bilan final"
        }
    }
}

/// `review.held`: a comité de pilotage, point d'étape or bilan.
public struct ReviewHeld: Hashable, Sendable {
    /// Its kind.
    public var kind: ReviewKind
    /// The date.
    public var date: CivilDate
    /// What was said, briefly.
    public var summary: String?
}

/// Progress states of an action.
public enum ProgressStatus: String, CaseIterable, Sendable {
    case planned
    case inProgress = "in-progress"
    case done, dropped

    /// French name for people.
    public var frenchName: String {
        switch self {
        case .planned: return "prévue"
        case .inProgress: return "en cours"
        case .done: return "réalisée"
        case .dropped: return "abandonnée"
        }
    }
}

/// `action.progress`: how an action or fiche is going.
public struct ActionProgress: Hashable, Sendable {
    /// The element concerned.
    public var element: String
    /// The status.
    public var status: ProgressStatus
    /// The date.
    public var date: CivilDate
    /// A note.
    public var note: String?
}

/// The decoded body of an event, one case per type.
///
/// Indirect (each body in a box of its own): an `Event` is then about 150 bytes instead of 408,
/// and the passes over a log, which copy each event a few times between threads, copy less.
public indirect enum EventPayload: Hashable, Sendable {
    case conventionRegistered(ConventionRegistered)
    case deliberationAdopted(DeliberationAdopted)
    case actTransmitted(ActTransmitted)
    case actSigned(ActSigned)
    case avenantConcluded(AvenantConcluded)
    case terminationNotified(TerminationNotified)
    case terminationWithdrawn(TerminationWithdrawn)
    case stipulationAnnulled(StipulationAnnulled)
    case eventCorrected(EventCorrected)
    case reviewHeld(ReviewHeld)
    case actionProgress(ActionProgress)
}
