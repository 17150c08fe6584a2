// The in-memory plan of one convention: parties, elements and the payloads of
// its events. Events are kept as small stubs and rendered to JSON only when
// written, so thousands of conventions can be in progress at once.

enum PartyKind: UInt8 {
    case caf, commune, epci, departement, msa

    var json: StaticString {
        switch self {
        case .caf: return "caf"
        case .commune: return "commune"
        case .epci: return "epci"
        case .departement: return "departement"
        case .msa: return "msa"
        }
    }
}

struct Person {
    let name: String
    let role: String
}

struct Party {
    let id: String
    let name: String
    let kind: PartyKind
    let siren: String
    let population: Int?
    var representative: Person
    /// The Caf signs through its director and the chair of its board.
    var coSignatory: Person?
    let body: String
    let councilSize: Int
    /// Style of the internal deliberation number (see `Planner.deliberationNumber`).
    let numberStyle: Int
    /// Deliberations voted per year, to make realistic sequence numbers.
    let yearlyDeliberations: Int
    /// Collectivités transmit their acts to the préfecture (@ctes); the Caf and the MSA do not.
    var transmits: Bool { kind == .commune || kind == .epci || kind == .departement }
    /// The town where the party sits (signature place).
    var place: String = ""
    /// Short form used in decisions: "le maire", "la présidente", ...
    var authorises: String
}

enum ElementKind: UInt8 {
    case article, annexe, fiche, action, equipement

    var json: StaticString {
        switch self {
        case .article: return "article"
        case .annexe: return "annexe"
        case .fiche: return "fiche"
        case .action: return "action"
        case .equipement: return "equipement"
        }
    }
}

/// An element's content; its text is produced from `seed` when rendered.
struct Element {
    var id: String
    var kind: ElementKind
    var title: String
    /// Article or annexe number; theme index for fiches and actions; party index for équipements.
    var ref: Int
    /// Échéance year (fiches, actions), or capacity (équipements).
    var value: Int
    /// Fiche id an action belongs to; équipement type slug index as a string otherwise.
    var extra: String
    var seed: UInt64
    /// For équipements: the index in `Vocabulary.equipementTypes`.
    var variant: Int = 0
}

enum Change {
    case add(Element)
    case replace(Element)
    case amendSet(id: String, key: String, value: String)
    case amendText(id: String, text: String)
    case amendTitle(id: String, title: String)
    case abrogate(id: String, reason: String)
    case extend(end: Int)
    case addParty(Int)
}

struct Avenant {
    let number: Int
    let textDay: Int
    let effectiveFrom: Int
    let effectiveUntil: Int?
    var changes: [Change]
    /// Parties that deliberate and sign it (parties at its effect date).
    var parties: [Int]
}

struct Deliberation {
    let id: String
    let party: Int
    /// 0: the convention, k: avenant k.
    let act: Int
    let session: Int
    let convocation: Int
    let inOffice: Int
    let present: Int
    let proxies: Int
    let votesFor: Int
    let votesAgainst: Int
    let abstain: Int
    let number: String
    /// When set, the deliberation was first recorded with this wrong number, corrected later.
    var wrongNumber: String?
    var recorded: Int64 = 0
    let seed: UInt64
}

struct Transmission {
    let deliberation: Int
    let sent: Int
    let received: Int
    let published: Int?
}

struct Signing {
    let act: Int
    let parties: [Int]
    let date: Int
    let place: String
}

enum NoticeKind: Int {
    case breach, law, unamendedChange, denunciation, mutual

    var json: StaticString {
        switch self {
        case .breach: return "breach"
        case .law: return "law"
        case .unamendedChange: return "unamended-change"
        case .denunciation: return "denunciation"
        case .mutual: return "mutual"
        }
    }
}

struct Notice {
    let id: String
    let kind: NoticeKind
    let by: Int
    let sent: Int
    let endsOn: Int?
    let lastDay: Int
}

struct Withdrawal {
    let notice: Int
    let date: Int
    let reason: String
}

struct Annulment {
    let element: String
    let court: String
    let reference: String
    let date: Int
}

enum ReviewKind: UInt8 {
    case copil, pointEtape, bilanIntermediaire, bilanFinal

    var json: StaticString {
        switch self {
        case .copil: return "copil"
        case .pointEtape: return "point-etape"
        case .bilanIntermediaire: return "bilan-intermediaire"
        case .bilanFinal: return "bilan-final"
        }
    }
}

struct Review {
    let kind: ReviewKind
    let date: Int
    let summary: Int
    /// When set, first recorded with this summary, corrected later to `summary`.
    var wrongSummary: Int?
}

enum ProgressStatus: UInt8 {
    case planned, inProgress, done, dropped

    var json: StaticString {
        switch self {
        case .planned: return "planned"
        case .inProgress: return "in-progress"
        case .done: return "done"
        case .dropped: return "dropped"
        }
    }
}

struct Progress {
    let element: String
    let status: ProgressStatus
    let date: Int
    let note: Int?
}

enum CorrectionTarget {
    case deliberation(Int)
    case review(Int)
}

struct Correction {
    /// Ordinal (per-convention event number) of the corrected event.
    let targetOrdinal: Int
    let target: CorrectionTarget
    let effective: Int
}

enum EventType: UInt8 {
    case registered, deliberation, transmitted, signed, avenant, notified, withdrawn, annulled, corrected,
        review, progress

    var json: StaticString {
        switch self {
        case .registered: return "convention.registered"
        case .deliberation: return "deliberation.adopted"
        case .transmitted: return "act.transmitted"
        case .signed: return "act.signed"
        case .avenant: return "avenant.concluded"
        case .notified: return "termination.notified"
        case .withdrawn: return "termination.withdrawn"
        case .annulled: return "stipulation.annulled"
        case .corrected: return "event.corrected"
        case .review: return "review.held"
        case .progress: return "action.progress"
        }
    }
}

/// One planned event: when it is recorded, its effective date, and where its payload is.
struct Stub {
    var recorded: Int64
    var effective: Int32
    var type: EventType
    /// Index into the convention's array for this type.
    var index: Int32
    /// Per-convention event number, in planning order; gives the event id.
    var ordinal: Int32
}

/// A territory: stable across its successive conventions.
struct Territory {
    let index: Int
    let name: String
    let slug: String
    let departement: Departement
    let communes: [Party]
    let epci: Party?
    let rivers: [String]
    let seed: UInt64
}

/// Everything needed to write one convention's events, in recorded order.
final class Convention {
    let slug: String
    let serial: Int
    let territory: Territory
    var parties: [Party] = []
    var initialParties: [Int] = []
    var elements: [Element] = []
    var start = 0
    var end = 0
    var finalEnd = 0
    /// The end as first registered, before any extension.
    var registeredEnd = 0
    var initialElementCount = 0
    var settled = 0
    var registeredAt: Int64 = 0
    var place = ""
    var deliberations: [Deliberation] = []
    var transmissions: [Transmission] = []
    var signings: [Signing] = []
    var avenants: [Avenant] = []
    var notices: [Notice] = []
    var withdrawals: [Withdrawal] = []
    var annulments: [Annulment] = []
    var corrections: [Correction] = []
    var reviews: [Review] = []
    var progress: [Progress] = []
    var stubs: [Stub] = []
    var cursor = 0
    /// Where the next convention of the territory starts.
    var nextStart = 0

    init(slug: String, serial: Int, territory: Territory) {
        self.slug = slug
        self.serial = serial
        self.territory = territory
    }
}
