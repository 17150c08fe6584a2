/// `convention.registered`: the initial text is settled.
public struct ConventionRegistered: Hashable, Sendable {
    public var title: String
    public var kind: String
    public var territory: String
    public var parties: [Party]
    public var start: CivilDate
    public var end: CivilDate
    public var elements: [Element]
}

/// A council's vote counts: members in office, present, proxies, voting.
public struct MemberCounts: Hashable, Sendable {
    public var inOffice: Int?
    public var present: Int?
    public var proxies: Int?
    public var voting: Int?
}

/// Votes cast: for, against, abstentions.
public struct VoteCounts: Hashable, Sendable {
    public var votesFor: Int?
    public var against: Int?
    public var abstain: Int?
}

/// `deliberation.adopted`: a council authorised (or approved) an act.
public struct DeliberationAdopted: Hashable, Sendable {
    public var id: String
    public var party: String
    public var body: String
    public var number: String
    public var session: CivilDate
    public var convocation: CivilDate?
    public var members: MemberCounts?
    public var votes: VoteCounts?
    public var unanimous: Bool?
    public var act: TransmittedAct
    public var decisions: [String]
}

/// `act.transmitted`: an act sent to the préfecture (contrôle de légalité).
public struct ActTransmitted: Hashable, Sendable {
    public var act: TransmittedAct
    public var actesID: String?
    public var sent: CivilDate
    public var received: CivilDate?
    public var published: CivilDate?
}

/// One person who signed for a party.
public struct Signatory: Hashable, Sendable {
    public var name: String
    public var role: String?
    public var party: String?
}

/// `act.signed`: parties signed an act.
public struct ActSigned: Hashable, Sendable {
    public var act: ActReference
    public var parties: [String]
    public var date: CivilDate
    public var place: String?
    public var signatories: [Signatory]
}

/// `avenant.concluded`: an avenant's text and effect dates.
public struct AvenantConcluded: Hashable, Sendable {
    public var number: Int
    public var title: String
    public var effectiveFrom: CivilDate
    public var effectiveUntil: CivilDate?
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
    public var id: String
    public var kind: TerminationKind
    public var by: String
    public var sent: CivilDate
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
    public var notice: String
    public var date: CivilDate
    public var reason: String?
}

/// `stipulation.annulled`: a court declared a stipulation null (réputée non écrite).
public struct StipulationAnnulled: Hashable, Sendable {
    public var element: String
    public var court: String?
    public var reference: String?
    public var date: CivilDate
}

/// `event.corrected`: the full replacement `data` of an earlier event.
public struct EventCorrected: Hashable, Sendable {
    public var target: String
    public var reason: String
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
    public var kind: ReviewKind
    public var date: CivilDate
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
    public var element: String
    public var status: ProgressStatus
    public var date: CivilDate
    public var note: String?
}

/// The decoded body of an event, one case per type.
public enum EventPayload: Hashable, Sendable {
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
