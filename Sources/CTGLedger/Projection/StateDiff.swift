/// What changed in a convention between two dates.
public struct StateDiff: Hashable, Sendable {
    /// An element present at both dates with different content.
    public struct Changed: Hashable, Sendable {
        /// Before.
        public var before: ElementState
        /// After.
        public var after: ElementState
    }

    /// An element that applied at the first date and not at the second.
    public struct Removed: Hashable, Sendable {
        /// The element as it was.
        public var element: ElementState
        /// Its abrogation or annulment, when that is why it left; `nil` when a temporary avenant lapsed or the text stopped applying.
        public var abrogation: AbrogatedElement?
    }

    /// The state at the first date.
    public var from: ConventionState
    /// The state at the second date.
    public var to: ConventionState
    /// Elements that apply at `to` and not at `from`.
    public var added: [ElementState]
    /// Elements whose content or origin changed.
    public var changed: [Changed]
    /// Elements that applied at `from` and not at `to`.
    public var removed: [Removed]

    /// Compares two states of the same convention.
    public init(from: ConventionState, to: ConventionState) {
        self.from = from
        self.to = to
        let before = Dictionary(from.elements.map { ($0.element.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(to.elements.map { ($0.element.id, $0) }, uniquingKeysWith: { a, _ in a })
        added = to.elements.filter { before[$0.element.id] == nil }
        changed = to.elements.compactMap { e in
            guard let old = before[e.element.id], old.element != e.element || old.changedBy != e.changedBy || old.introducedBy != e.introducedBy
            else { return nil }
            return Changed(before: old, after: e)
        }
        removed = from.elements.filter { after[$0.element.id] == nil }.map { e in
            Removed(element: e, abrogation: to.abrogated.first { $0.id == e.element.id })
        }
    }
}
