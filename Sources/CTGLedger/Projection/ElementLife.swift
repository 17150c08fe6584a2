/// One step in the life of an element: introduced, changed, abrogated, annulled…
public struct ElementLifeStep: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Sendable {
        case introduced, replaced, completed, abrogated, annulled, restored, progress
    }

    /// What happened.
    public var kind: Kind
    /// The date it took (or takes) effect.
    public var date: CivilDate
    /// The act, for changes by an act.
    public var act: ActReference?
    /// The event's `seq`.
    public var seq: Int
    /// The act is concluded as of K (an unconcluded act has no effect).
    public var concluded: Bool
    /// Details: new title, reason, progress status, note.
    public var detail: String?
    /// Provenance of the event (`source.document`, `source.note`).
    public var source: String?
}

/// The whole life of one element: who introduced, changed, abrogated it, and when.
public struct ElementLife: Hashable, Sendable {
    /// The element's id.
    public var id: String
    /// Its latest known title.
    public var title: String?
    /// The steps in date order.
    public var steps: [ElementLifeStep]

    /// Builds the life of `id` from a convention's history.
    public init(_ history: ConventionHistory, element id: String) {
        self.id = id
        var steps: [ElementLifeStep] = []
        func source(_ event: Event) -> String? {
            guard let s = event.source else { return nil }
            return [s.document, s.note].compactMap { $0 }.joined(separator: ", ")
        }
        if let registration = history.registration, let element = registration.data.elements.first(where: { $0.id == id }) {
            title = element.title
            steps.append(
                ElementLifeStep(
                    kind: .introduced, date: registration.data.start, act: .convention, seq: registration.event.seq,
                    concluded: history.conventionConcluded, detail: element.title, source: source(registration.event)))
        }
        for record in history.orderedAvenants {
            let act = ActReference.avenant(record.avenant.number)
            var touched = false
            for change in record.avenant.changes where change.elementID == id {
                touched = true
                var step = ElementLifeStep(
                    kind: .introduced, date: record.avenant.effectiveFrom, act: act, seq: record.event.seq,
                    concluded: record.concluded, detail: nil, source: source(record.event))
                switch change {
                case .add(let element): step.kind = .introduced; step.detail = element.title; title = element.title
                case .replace(_, let element): step.kind = .replaced; step.detail = element.title; title = element.title
                case .amend(_, let set, let newTitle, let appendText):
                    step.kind = .completed
                    if let newTitle { title = newTitle }
                    step.detail = ([newTitle.map { "titre : \($0)" }] + set.map { "\($0.name) : \($0.value)" } + [appendText.map { "texte complété : \($0)" }])
                        .compactMap { $0 }.joined(separator: " ; ")
                case .abrogate(_, let reason): step.kind = .abrogated; step.detail = reason
                default: break
                }
                steps.append(step)
            }
            if touched, let until = record.avenant.effectiveUntil {
                steps.append(
                    ElementLifeStep(
                        kind: .restored, date: until.next, act: act, seq: record.event.seq, concluded: record.concluded,
                        detail: "fin d'effet de l'avenant n° \(record.avenant.number) (effet jusqu'au \(until))", source: source(record.event)))
            }
        }
        for event in history.events {
            switch event.payload {
            case .stipulationAnnulled(let a) where a.element == id:
                steps.append(
                    ElementLifeStep(
                        kind: .annulled, date: a.date, act: nil, seq: event.seq, concluded: true,
                        detail: [a.court, a.reference].compactMap { $0 }.joined(separator: ", "), source: source(event)))
            case .actionProgress(let p) where p.element == id:
                steps.append(
                    ElementLifeStep(
                        kind: .progress, date: p.date, act: nil, seq: event.seq, concluded: true,
                        detail: p.status.frenchName + (p.note.map { " — \($0)" } ?? ""), source: source(event)))
            default: break
            }
        }
        self.steps = steps.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}
