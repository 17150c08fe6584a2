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
        /// The check over a context that every rule of a history shares (what `findings` runs).
        var run: @Sendable (RuleContext) -> [Finding]

        init(name: String, run: @escaping @Sendable (RuleContext) -> [Finding]) {
            self.name = name
            self.run = run
            self.check = { history in run(RuleContext(history)) }
        }
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
            // Built once: every rule reads the same lists of the history's events.
            let context = RuleContext(history)
            for rule in all { result += rule.run(context) }
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

extension EventPayload {
    /// `true` when the payload holds a text `reducedForRules` drops: an element's text (a
    /// registration's, or one an avenant adds, replaces or appends), a délibération's decisions, a
    /// progress note, a review's summary.
    var carriesTexts: Bool {
        switch self {
        case .conventionRegistered(let registered): return registered.elements.contains { $0.text != nil }
        case .avenantConcluded(let avenant): return avenant.changes.contains(where: \.carriesText)
        case .deliberationAdopted(let deliberation): return !deliberation.decisions.isEmpty
        case .actionProgress(let progress): return progress.note != nil
        case .reviewHeld(let review): return review.summary != nil
        case .actTransmitted, .actSigned, .terminationNotified, .terminationWithdrawn, .stipulationAnnulled, .eventCorrected: return false
        }
    }
}

extension Event {
    /// The event without what no domain rule reads (its parsed line, its seal, element texts, the
    /// wording of decisions, notes and summaries): `verify` keeps every event of a log for the rules, and texts
    /// are most of an event's weight.
    ///
    /// Consuming: the caller's event (the last use of it) becomes the reduced one without being copied;
    /// a payload with nothing to drop (an event decoded without its texts, `DecodeDetail.withoutTexts`,
    /// as `verify` reads them back) is kept as it is, not rebuilt.
    consuming func reducedForRules() -> Event {
        object = JSONObject()
        prev = nil
        hash = nil
        func textless(_ element: Element) -> Element {
            var copy = element
            copy.text = nil
            return copy
        }
        guard payload.carriesTexts else { return self }
        switch payload {
        case .conventionRegistered(var registered):
            registered.elements = registered.elements.map(textless)
            payload = .conventionRegistered(registered)
        case .avenantConcluded(var avenant):
            avenant.changes = avenant.changes.map { change in
                switch change {
                case .add(let element): return .add(textless(element))
                case .replace(let id, let element): return .replace(id: id, element: textless(element))
                case .amend(let id, let set, let title, _): return .amend(id: id, set: set, title: title, appendText: nil)
                default: return change
                }
            }
            payload = .avenantConcluded(avenant)
        case .deliberationAdopted(var deliberation):
            deliberation.decisions = []
            payload = .deliberationAdopted(deliberation)
        case .actionProgress(var progress):
            progress.note = nil
            payload = .actionProgress(progress)
        case .reviewHeld(var review):
            review.summary = nil
            payload = .reviewHeld(review)
        default:
            break
        }
        return self
    }
}
